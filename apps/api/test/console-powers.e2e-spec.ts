import { createHouseholdAsStaff, giveConsent, householdBody, otherStreetPlacement, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/** Issue 15, powers and safety: 三员分立, district-only rule drafting, import file checks and templates. */
describe('console powers: separation of duties, policy drafting, imports', () => {
  let t: TestApp;
  let admin: string;
  let security: string;
  let auditor: string;
  let district: string;
  let street: string;
  let household: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '30', DEMO_ACTIVITY: 'false' });
    [admin, security, auditor, district, street] = await Promise.all(
      (['admin', 'security_admin', 'audit_admin', 'district_reviewer', 'street_reviewer'] as const).map((r) => t.tokenFor(r)),
    );
    household = (await createHouseholdAsStaff(t, await workerPlacement(t), person('分立甲'))).id;
  });
  afterAll(() => t.close());

  it('the three administrators read no household file, list, queue, board or screening', async () => {
    for (const token of [admin, security, auditor]) {
      const me = (await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body as { role: string };
      const one = await t.http().get(`/api/v1/households/${household}`).set(bearer(token));
      expect({ role: me.role, status: one.status }).toEqual({ role: me.role, status: 404 });
      const list = await t.http().get('/api/v1/households').set(bearer(token)).expect(200);
      expect({ role: me.role, total: list.body.total }).toEqual({ role: me.role, total: 0 });
      for (const path of ['/api/v1/review-queue', '/api/v1/tasks', '/api/v1/warnings', '/api/v1/screenings', '/api/v1/imports', '/api/v1/dashboard']) {
        const res = await t.http().get(path).set(bearer(token));
        expect({ role: me.role, path, status: res.status }).toEqual({ role: me.role, path, status: 403 });
      }
    }
    // The reviewers still do.
    await t.http().get(`/api/v1/households/${household}`).set(bearer(district)).expect(200);
  });

  it("only the audit administrator reads the audit log, which shows the other administrators' actions", async () => {
    for (const token of [admin, security, district, street]) await t.http().get('/api/v1/audit-logs').set(bearer(token)).expect(403);
    const adminId = (await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200)).body.id as string;
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        username: 'powers.street',
        displayName: '分立街道员',
        role: 'street_reviewer',
        regionCode: (await workerPlacement(t)).streetCode,
        password: 'Strong#Pass2026',
      })
      .expect(201);
    const log = await t.http().get('/api/v1/audit-logs').query({ actorId: adminId }).set(bearer(auditor)).expect(200);
    expect((log.body.items as Array<{ action: string; entityId: string }>).some((e) => e.action === 'user.create' && e.entityId === created.body.user.id)).toBe(
      true,
    );
    // Credentials are the security administrator's, accounts the system administrator's.
    await t.http().post(`/api/v1/admin/users/${created.body.user.id}/reset-totp`).set(bearer(admin)).expect(403);
    await t.http().post(`/api/v1/admin/users/${created.body.user.id}/reset-totp`).set(bearer(security)).expect(200);
    await t.http().post(`/api/v1/admin/users/${created.body.user.id}/disable`).set(bearer(security)).expect(403);
    await t.http().post('/api/v1/admin/users').set(bearer(auditor)).send({}).expect(403);
    await t.http().get('/api/v1/admin/users').set(bearer(security)).expect(200);
  });

  it('a street reviewer reads policies and their versions but cannot draft, preview or publish', async () => {
    const v1 = await t.http().get('/api/v1/policies/dibao/versions/1').set(bearer(street)).expect(200);
    await t.http().get('/api/v1/policy-parameters').set(bearer(street)).expect(200);
    const draft = await t.http().put('/api/v1/policies/dibao/draft').set(bearer(street)).send({ definition: v1.body.definition });
    expect({ status: draft.status, code: draft.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    await t.http().post('/api/v1/policies/dibao/preview').set(bearer(street)).send({ rule: v1.body.definition.rule }).expect(403);
    await t.http().post('/api/v1/policies/dibao/publish').set(bearer(street)).send({ version: 1 }).expect(403);
    await t.http().put('/api/v1/policies/dibao/draft').set(bearer(admin)).send({ definition: v1.body.definition }).expect(403);
    await t.http().put('/api/v1/policies/dibao/draft').set(bearer(district)).send({ definition: v1.body.definition, changeNote: '区级起草' }).expect(200);
  });

  it('an import refuses a PNG, a PDF and a GBK file with IMPORT_FILE_TYPE before any run starts', async () => {
    const before = (await t.http().get('/api/v1/imports').set(bearer(district)).expect(200)).body.total as number;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR')]);
    const gbk = Buffer.from([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0x31, 0x0a]); // "身份证号,1" in GBK
    for (const [name, body] of [
      ['photo.png', png],
      ['scan.csv', png],
      ['form.pdf', Buffer.from('%PDF-1.7\n\x00\x01binary')],
      ['gbk.csv', gbk],
    ] as const) {
      const res = await t.http().post('/api/v1/imports/medical_settlement').set(bearer(district)).attach('file', body, name);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 415, code: 'IMPORT_FILE_TYPE' });
      expect(res.body.message).toMatch(/CSV/);
    }
    expect((await t.http().get('/api/v1/imports').set(bearer(district)).expect(200)).body.total).toBe(before);
  });

  it('serves a template per source whose header the importer accepts', async () => {
    const sources = (await t.http().get('/api/v1/imports/sources').set(bearer(district)).expect(200)).body as Array<{
      code: string;
      columns: Array<{ label: string }>;
    }>;
    for (const s of sources) {
      const res = await t.http().get(`/api/v1/imports/sources/${s.code}/template`).set(bearer(district)).buffer(true).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.text.replace(/^\uFEFF/, '').trim()).toBe(s.columns.map((c) => c.label).join(','));
    }
    await t.http().get('/api/v1/imports/sources/tax_records/template').set(bearer(district)).expect(404);
    await t.http().get('/api/v1/imports/sources/death/template').set(bearer(street)).expect(403);
    // The empty template imports as a file with a header and no rows: accepted, nothing rejected.
    const tpl = (await t.http().get('/api/v1/imports/sources/death/template').set(bearer(district)).buffer(true)).text;
    const started = await t.http().post('/api/v1/imports/death').set(bearer(district)).attach('file', Buffer.from(tpl), 'tpl.csv').expect(202);
    let run = started.body as { id: string; status: string; errorRows: number };
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      run = (await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body;
    }
    expect({ status: run.status, errorRows: run.errorRows }).toEqual({ status: 'completed', errorRows: 0 });
  });

  it('shows the reviewer the consent behind a worker-collected household: signature and the collector by name, audited', async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('授权甲');
    const consentId = await giveConsent(t, worker, head);
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send(householdBody(consentId, await workerPlacement(t), head))
      .expect(201);
    const id = (created.body.household?.id ?? created.body.id) as string;
    const rec = await t.http().get(`/api/v1/consents/of-household/${id}`).set(bearer(street)).expect(200);
    expect(rec.body).toMatchObject({
      id: consentId,
      status: 'active',
      subjectName: '授权甲',
      recordedByName: '演示网格员',
      recordedByRole: 'grid_worker',
      sensitiveData: true,
    });
    expect(rec.body.subjectIdNumber).not.toBe(head.idNumber);
    expect(rec.body.signatureImage).toMatch(/^data:image\/png;base64,/);
    for (const token of [admin, auditor, worker]) await t.http().get(`/api/v1/consents/of-household/${id}`).set(bearer(token)).expect(403);
    // Another street's reviewer: the same 404 as a household that does not exist.
    const other = await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('授权乙'));
    const hidden = await t.http().get(`/api/v1/consents/of-household/${other.id}`).set(bearer(street));
    const missing = await t.http().get('/api/v1/consents/of-household/00000000-0000-4000-8000-000000000000').set(bearer(street));
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body).toEqual(missing.body);
    const log = await t.http().get('/api/v1/audit-logs').query({ action: 'consent.read_record', householdId: id }).set(bearer(auditor)).expect(200);
    expect(log.body.total).toBe(1);
  });
});
