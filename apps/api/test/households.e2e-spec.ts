import { readFileSync } from 'node:fs';
import { AuditService } from '../src/audit/audit.service.js';
import {
  chinaDay,
  createHouseholdAsStaff,
  freshIdNumber,
  giveConsent,
  householdBody,
  otherStreetPlacement,
  person,
  workerPlacement,
  type Placement,
} from './fixtures.js';
import { bearer, isMysql, startTestApp, type TestApp } from './harness.js';

/** This year in China: the child below is born some years before it, so it stays under 14 whatever the year. */
const YEAR = Number(chinaDay(0).slice(0, 4));

describe('households: consent, changes with a trace, protection', () => {
  let t: TestApp;
  let place: Placement;
  beforeAll(async () => {
    t = await startTestApp();
    place = await workerPlacement(t);
  });
  afterAll(() => t.close());

  it('refuses collection without an active consent, or without the sensitive-data tick', async () => {
    const token = await t.tokenFor('grid_worker');
    const head = person('赵大');
    const none = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(token))
      .send(householdBody('00000000-0000-4000-8000-000000000000', place, head));
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('CONSENT_REQUIRED');
    const noSensitive = await giveConsent(t, token, head, { sensitiveData: false });
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(token))
      .send(householdBody(noSensitive, place, head));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CONSENT_SENSITIVE_REQUIRED');
  });

  it('requires a guardian for a child under 14 and a signature for in-person consent', async () => {
    const token = await t.tokenFor('grid_worker');
    const child = { name: '钱小宝', idNumber: freshIdNumber(YEAR - 8) };
    const noGuardian = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(token))
      .send({
        subjectName: child.name,
        subjectIdNumber: child.idNumber,
        purposes: ['assistance_assessment'],
        sensitiveData: true,
        textVersion: '2026-11',
        method: 'in_person_signature',
        signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
      });
    expect(noGuardian.status).toBe(400);
    expect(noGuardian.body.code).toBe('CONSENT_GUARDIAN_REQUIRED');
    const withGuardian = await giveConsent(t, token, child, { guardianName: '钱大', guardianIdNumber: freshIdNumber(1985), guardianRelation: '父亲' });
    expect(withGuardian).toHaveLength(36);
    const noSig = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(token))
      .send({
        subjectName: '孙二',
        subjectIdNumber: freshIdNumber(1970),
        purposes: ['assistance_assessment'],
        sensitiveData: true,
        textVersion: '2026-11',
        method: 'in_person_signature',
      });
    expect(noSig.status).toBe(400);
  });

  it('a grid worker collects a household: it waits for review with automatic checks, approval makes it active', async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('周建国');
    const consentId = await giveConsent(t, worker, head);
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send(householdBody(consentId, place, head, [person('周小红', 2010, true)]))
      .expect(201);
    expect(created.body.applied).toBe(false);
    expect(created.body.household.status).toBe('pending_review');
    expect(created.body.household.members[0].idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const submissionId = created.body.submissionId as string;

    const street = await t.tokenFor('street_reviewer');
    const sub = await t.http().get(`/api/v1/submissions/${submissionId}`).set(bearer(street)).expect(200);
    expect(sub.body.status).toBe('in_review');
    expect(sub.body.checks.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['id_checksum', 'duplicates', 'derived_fields', 'missing_facts']),
    );
    expect(sub.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'auto_checked', 'in_review']);

    const bad = await t.http().post(`/api/v1/submissions/${submissionId}/review`).set(bearer(street)).send({ decision: 'return' });
    expect(bad.status).toBe(400);
    await t.http().post(`/api/v1/submissions/${submissionId}/review`).set(bearer(street)).send({ decision: 'approve' }).expect(200);
    const h = await t.http().get(`/api/v1/households/${created.body.household.id}`).set(bearer(street)).expect(200);
    expect(h.body.status).toBe('active');
    expect(h.body.members[0].idNumber).toBe(head.idNumber); // reviewers see it in full
    const again = await t.http().post(`/api/v1/submissions/${submissionId}/review`).set(bearer(street)).send({ decision: 'approve' });
    expect(again.status).toBe(409);
  });

  it('a worker change is a submission; a reviewer returns one with a reason and approves another, which writes a revision', async () => {
    const hh = await createHouseholdAsStaff(t, place, person('吴国庆'));
    const worker = await t.tokenFor('grid_worker');
    const street = await t.tokenFor('street_reviewer');
    const change = await t
      .http()
      .patch(`/api/v1/households/${hh.id}`)
      .set(bearer(worker))
      .send({ version: hh.version, incomes: [{ type: 'wage', monthlyAmount: 0 }] })
      .expect(202);
    const s1 = change.body.submissionId as string;
    const returned = await t
      .http()
      .post(`/api/v1/submissions/${s1}/review`)
      .set(bearer(street))
      .send({ decision: 'return', reason: '请补充失业证明' })
      .expect(200);
    expect(returned.body.status).toBe('returned');
    expect(returned.body.reviewReason).toBe('请补充失业证明');
    const unchanged = await t.http().get(`/api/v1/households/${hh.id}`).set(bearer(street)).expect(200);
    expect(unchanged.body.incomes[0].monthlyAmount).toBe(1200);

    const change2 = await t
      .http()
      .patch(`/api/v1/households/${hh.id}`)
      .set(bearer(worker))
      .send({ version: hh.version, incomes: [{ type: 'wage', monthlyAmount: 300 }] })
      .expect(202);
    const view = await t.http().get(`/api/v1/submissions/${change2.body.submissionId}`).set(bearer(street)).expect(200);
    expect(view.body.changes).toEqual([{ path: 'incomes[0].monthlyAmount', before: 1200, after: 300 }]);
    await t.http().post(`/api/v1/submissions/${change2.body.submissionId}/review`).set(bearer(street)).send({ decision: 'approve' }).expect(200);
    const after = await t.http().get(`/api/v1/households/${hh.id}`).set(bearer(street)).expect(200);
    expect(after.body.incomes[0].monthlyAmount).toBe(300);
    expect(after.body.version).toBe(hh.version + 1);
    const revs = await t.http().get(`/api/v1/households/${hh.id}/revisions`).set(bearer(street)).expect(200);
    expect(revs.body[0]).toMatchObject({ version: hh.version + 1, source: 'submission', submissionId: change2.body.submissionId });
    expect(revs.body[0].changes).toEqual([{ path: 'incomes[0].monthlyAmount', before: 1200, after: 300 }]);
  });

  it('a stale write gets 409 and changes nothing', async () => {
    const hh = await createHouseholdAsStaff(t, place, person('郑和平'));
    const district = await t.tokenFor('district_reviewer');
    await t.http().patch(`/api/v1/households/${hh.id}`).set(bearer(district)).send({ version: hh.version, address: '温江区新地址 2 号' }).expect(200);
    const stale = await t.http().patch(`/api/v1/households/${hh.id}`).set(bearer(district)).send({ version: hh.version, address: '温江区旧版本覆盖' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const now = await t.http().get(`/api/v1/households/${hh.id}`).set(bearer(district)).expect(200);
    expect(now.body.address).toBe('温江区新地址 2 号');
  });

  it('a replayed Idempotency-Key returns the first answer and creates nothing new', async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('冯安');
    const consentId = await giveConsent(t, worker, head);
    const body = householdBody(consentId, place, head);
    const first = await t.http().post('/api/v1/households').set(bearer(worker)).set('Idempotency-Key', 'phone-abc-0001').send(body).expect(201);
    const retry = await t.http().post('/api/v1/households').set(bearer(worker)).set('Idempotency-Key', 'phone-abc-0001').send(body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.household.id).toBe(first.body.household.id);
    expect(retry.body.submissionId).toBe(first.body.submissionId);
    const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM household WHERE consentId = ?', [consentId]);
    expect(Number(rows[0].n)).toBe(1);
    const reused = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .set('Idempotency-Key', 'phone-abc-0001')
      .send({ ...body, address: '别的地址 9 号' });
    expect(reused.status).toBe(422);
  });

  it('a person is in at most one active household', async () => {
    const shared = person('陈共同');
    await createHouseholdAsStaff(t, place, shared);
    const district = await t.tokenFor('district_reviewer');
    const head = person('陈另户');
    const consentId = await giveConsent(t, district, head);
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(district))
      .send(householdBody(consentId, place, head, [shared]));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE_MEMBER');
    // Which member, for the person at the door; and nothing was written: the consent is still unused.
    expect(res.body.details).toEqual([{ field: 'members[1].idNumber', message: '该成员已在其他家庭档案中登记' }]);
    await t
      .http()
      .post('/api/v1/households')
      .set(bearer(district))
      .send(householdBody(consentId, place, head))
      .expect(201);
  });

  it('malformed input gets 4xx with a stable code, never 500', async () => {
    const district = await t.tokenFor('district_reviewer');
    const head = person('褚明');
    const consentId = await giveConsent(t, district, head);
    const good = householdBody(consentId, place, head);
    const cases: Array<[string, Record<string, unknown>]> = [
      ['bad checksum', { ...good, members: [{ ...(good.members as object[])[0], idNumber: '110105194912310021' }] }],
      ['wrong types', { ...good, members: 'many', incomes: [{ type: 'wage', monthlyAmount: '1200' }] }],
      ['unknown field', { ...good, isAdmin: true }],
      ['huge string', { ...good, address: '长'.repeat(100_000) }],
      ['negative income', { ...good, incomes: [{ type: 'wage', monthlyAmount: -5 }] }],
      ['no head', { ...good, members: [{ ...(good.members as object[])[0], relation: 'child' }] }],
      ['sex disagrees with ID', { ...good, members: [{ ...(good.members as object[])[0], sex: 'female' }] }],
      ['unknown community', { ...good, communityCode: '999999999999' }],
      ['array instead of object', [] as unknown as Record<string, unknown>],
    ];
    for (const [label, body] of cases) {
      const res = await t.http().post('/api/v1/households').set(bearer(district)).send(body);
      expect({ label, status: res.status >= 400 && res.status < 500 }).toEqual({ label, status: true });
      expect(typeof res.body.code).toBe('string');
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const notUuid = await t.http().get('/api/v1/households/1%27%20OR%201=1').set(bearer(district));
    expect(notUuid.status).toBe(400);
    const ok = await t.http().post('/api/v1/households').set(bearer(district)).send(good);
    expect(ok.status).toBe(201); // nothing above consumed the consent
  });

  it('withdrawal stops processing: the household leaves the active set and refuses further changes; the audit trail stays', async () => {
    const district = await t.tokenFor('district_reviewer');
    const head = person('蒋退出');
    const consentId = await giveConsent(t, district, head);
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(district))
      .send(householdBody(consentId, place, head))
      .expect(201);
    const hid = created.body.household.id as string;
    await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(district)).send({ reason: '本人要求' }).expect(200);
    const h = await t.http().get(`/api/v1/households/${hid}`).set(bearer(district)).expect(200);
    expect(h.body.status).toBe('withdrawn');
    // A locked file is kept for the record, never shown: not even to the district.
    expect(h.body.members).toEqual([]);
    expect(h.body.incomes).toEqual([]);
    expect(h.body.headName).toBe('蒋**');
    expect(JSON.stringify(h.body)).not.toContain(head.idNumber.slice(-6));
    const patch = await t.http().patch(`/api/v1/households/${hid}`).set(bearer(district)).send({ version: h.body.version, address: '新地址 3 号' });
    expect(patch.status).toBe(409);
    const active = await t.http().get('/api/v1/households').query({ status: 'active', name: '蒋退出' }).set(bearer(district)).expect(200);
    expect(active.body.total).toBe(0);
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ householdId: hid })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['household.create', 'consent.withdraw']));
    // The person may be collected again with a new consent.
    const again = await giveConsent(t, district, head);
    await t
      .http()
      .post('/api/v1/households')
      .set(bearer(district))
      .send(householdBody(again, place, head))
      .expect(201);
  });

  it('lists within scope, paginated, searchable by exact ID number', async () => {
    const head = person('韩检索');
    await createHouseholdAsStaff(t, place, head);
    const street = await t.tokenFor('street_reviewer');
    const page = await t.http().get('/api/v1/households').query({ page: 1, pageSize: 5 }).set(bearer(street)).expect(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 5 });
    expect(page.body.items.length).toBeLessThanOrEqual(5);
    expect(page.body.total).toBeGreaterThan(0);
    const byId = await t.http().get('/api/v1/households').query({ idNumber: head.idNumber }).set(bearer(street)).expect(200);
    expect(byId.body.total).toBe(1);
    expect(byId.body.items[0].headName).toBe('韩检索');
  });

  it('pages by cursor (keyset) through exactly the rows the page numbers give, newest change first; a forged cursor is a 400', async () => {
    const district = await t.tokenFor('district_reviewer');
    const all = await t.http().get('/api/v1/households').query({ page: 1, pageSize: 100 }).set(bearer(district)).expect(200);
    expect(all.body.totalExact).toBe(true);
    expect(all.body.items.length).toBe(Math.min(100, all.body.total));
    const stamps = all.body.items.map((h: { updatedAt: string; id: string }) => `${h.updatedAt}|${h.id}`);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    const byPages: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const res = await t.http().get('/api/v1/households').query({ page: p, pageSize: 7 }).set(bearer(district)).expect(200);
      byPages.push(...res.body.items.map((h: { id: string }) => h.id));
    }
    const byCursor: string[] = [];
    let cursor: string | undefined;
    for (let p = 1; p <= 3; p++) {
      const res = await t
        .http()
        .get('/api/v1/households')
        .query({ pageSize: 7, ...(cursor ? { cursor } : {}) })
        .set(bearer(district))
        .expect(200);
      byCursor.push(...res.body.items.map((h: { id: string }) => h.id));
      expect(typeof res.body.nextCursor).toBe('string');
      cursor = res.body.nextCursor;
    }
    expect(byCursor).toEqual(byPages);
    expect(byCursor).toEqual(all.body.items.slice(0, 21).map((h: { id: string }) => h.id));
    // The last page says there is no next one.
    const last = await t
      .http()
      .get('/api/v1/households')
      .query({ page: Math.ceil(all.body.total / 7), pageSize: 7 })
      .set(bearer(district))
      .expect(200);
    expect(last.body.nextCursor).toBeNull();
    // A name prefix.
    const head = person('欧阳游标');
    await createHouseholdAsStaff(t, place, head);
    const named = await t.http().get('/api/v1/households').query({ name: '欧阳' }).set(bearer(district)).expect(200);
    expect(named.body.items.map((h: { headName: string }) => h.headName)).toContain('欧阳游标');
    expect(named.body.items.every((h: { headName: string }) => h.headName.startsWith('欧阳'))).toBe(true);
    for (const bad of ['not-a-cursor', Buffer.from('["x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), 'a%27%20OR%201=1']) {
      const res = await t.http().get('/api/v1/households').query({ cursor: bad }).set(bearer(district));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('masks sensitive fields for grid workers and writes every sensitive read to the audit log', async () => {
    const head = person('杨敏感');
    const hh = await createHouseholdAsStaff(t, place, head, [person('杨病', 2000)]);
    const worker = await t.tokenFor('grid_worker');
    const res = await t.http().get(`/api/v1/households/${hh.id}`).set(bearer(worker)).expect(200);
    expect(res.body.masked).toBe(true);
    expect(res.body.members[0].idNumber).toBe(`${head.idNumber.slice(0, 6)}********${head.idNumber.slice(-4)}`);
    expect(res.body.members[0].phone).toBe('138****8000');
    expect(res.body.members[1].health).toEqual({ chronicIllness: true, seriousIllness: true });
    expect(res.body.assets[0].bankAccount).toMatch(/^\*+3445$/);
    expect(JSON.stringify(res.body)).not.toContain(head.idNumber);
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ householdId: hh.id })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(
      audit.body.items.some((e: { action: string; actorRole: string }) => e.action === 'household.read_sensitive_masked' && e.actorRole === 'grid_worker'),
    ).toBe(true);
  });

  it('keeps every write under concurrency, even when other transactions roll back', async () => {
    const worker = await t.tokenFor('grid_worker');
    const district = await t.tokenFor('district_reviewer');
    const victim = await createHouseholdAsStaff(t, place, person('并发旧户'));
    const heads = Array.from({ length: 12 }, (_, i) => person(`并发户${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`));
    const consents = await Promise.all(heads.map((h) => giveConsent(t, worker, h)));
    const results = await Promise.all([
      ...heads.map((h, i) =>
        t
          .http()
          .post('/api/v1/households')
          .set(bearer(worker))
          .set('Idempotency-Key', `concurrent-${i}-key`)
          .send(householdBody(consents[i]!, place, h)),
      ),
      // Stale writes: each fails its version check inside a transaction and rolls back.
      ...Array.from({ length: 6 }, () =>
        t
          .http()
          .patch(`/api/v1/households/${victim.id}`)
          .set(bearer(district))
          .send({ version: victim.version + 5, address: '不应写入 1 号' }),
      ),
    ]);
    expect(results.slice(0, 12).map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(results.slice(12).map((r) => r.status)).toEqual(Array(6).fill(409));
    const ids = results.slice(0, 12).map((r) => r.body.household.id as string);
    const rows = await t.dataSource.query(`SELECT COUNT(*) AS n FROM household WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    expect(Number(rows[0].n)).toBe(12);
    const subs = await t.dataSource.query(`SELECT COUNT(*) AS n FROM submission WHERE householdId IN (${ids.map(() => '?').join(',')})`, ids);
    expect(Number(subs[0].n)).toBe(12);
    const verify = await t
      .http()
      .get('/api/v1/audit-logs/verify')
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('detects a tampered audit entry', async () => {
    const auditor = await t.tokenFor('audit_admin');
    const ok = await t.http().get('/api/v1/audit-logs/verify').set(bearer(auditor)).expect(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.checked).toBeGreaterThan(5);
    const [row] = await t.dataSource.query('SELECT id FROM audit_log ORDER BY id ASC LIMIT 1 OFFSET 3');
    await t.dataSource.query('UPDATE audit_log SET actorRole = ? WHERE id = ?', ['admin', row.id]);
    const bad = await t.app.get(AuditService).verify();
    expect(bad).toMatchObject({ ok: false, brokenAt: row.id });
  });

  it('the raw database holds no plaintext ID number, phone, bank account or diagnosis', async () => {
    const head = person('许明文');
    await createHouseholdAsStaff(t, place, head, [person('许小病', 2001)]);
    let raw: string;
    if (isMysql()) {
      // Every row of every table, as the database stores it.
      const tables = await t.dataSource.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
      const dumps: string[] = [];
      for (const { name } of tables as Array<{ name: string }>) dumps.push(JSON.stringify(await t.dataSource.query(`SELECT * FROM \`${name}\``)));
      raw = dumps.join('\n');
    } else {
      await t.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      raw = readFileSync(t.config.database.location).toString('utf8');
    }
    expect(raw.includes(head.name)).toBe(true); // the dump is readable: the check is real
    expect(raw.includes(head.idNumber)).toBe(false);
    expect(raw.includes('13800138000')).toBe(false);
    expect(raw.includes('6222020200112233445')).toBe(false);
    expect(raw.includes('骨髓增生异常综合征')).toBe(false);
  });

  it('MariaDB/SQLite rows hold ciphertext for sensitive columns', async () => {
    const head = person('许密文');
    const hh = await createHouseholdAsStaff(t, place, head);
    const rows = await t.dataSource.query('SELECT idNumberEnc, idNumberHash, phoneEnc FROM member WHERE householdId = ?', [hh.id]);
    expect(rows[0].idNumberEnc).toMatch(/^v1:/);
    expect(rows[0].idNumberEnc).not.toContain(head.idNumber);
    expect(rows[0].phoneEnc).toMatch(/^v1:/);
    expect(rows[0].idNumberHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('places in another street are refused for a worker', async () => {
    const other = await otherStreetPlacement(t);
    const worker = await t.tokenFor('grid_worker');
    const head = person('秦越界');
    const consentId = await giveConsent(t, worker, head);
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send(householdBody(consentId, other, head));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNKNOWN_GRID');
  });
});
