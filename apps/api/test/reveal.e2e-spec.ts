/**
 * 查看完整 (issue 15): the console reads a household masked by default; a reviewer who needs the
 * personal data in full asks for it with a reason, and that request is written to the audit log.
 */
import { createHouseholdAsStaff, otherStreetPlacement, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

interface MemberView {
  name: string;
  idNumber: string;
}

describe('reveal: personal data masked until asked for, with a reason on record', () => {
  let t: TestApp;
  let street: string;
  let householdId: string;
  const head = person('蒋明白', 1962);

  beforeAll(async () => {
    t = await startTestApp();
    street = await t.tokenFor('street_reviewer');
    householdId = (await createHouseholdAsStaff(t, await workerPlacement(t), head)).id;
  });
  afterAll(() => t.close());

  it('view=masked hides ID numbers (and the other sensitive fields) even from a reviewer; reveal with a reason shows them and is audited', async () => {
    const masked = await t.http().get(`/api/v1/households/${householdId}`).query({ view: 'masked' }).set(bearer(street)).expect(200);
    const m = (masked.body.members as MemberView[])[0]!;
    expect(m.idNumber).not.toBe(head.idNumber);
    expect(m.idNumber).toContain('*');
    expect(JSON.stringify(masked.body)).not.toContain(head.idNumber);

    const revealed = await t.http().post(`/api/v1/households/${householdId}/reveal`).set(bearer(street)).send({ reason: '入户核实需核对身份证号' }).expect(200);
    expect((revealed.body.members as MemberView[])[0]).toMatchObject({ name: head.name, idNumber: head.idNumber });

    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'household.reveal' })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    const entry = (audit.body.items as Array<{ entityId: string; detail: { reason?: string } }>).find((e) => e.entityId === householdId);
    expect(entry?.detail.reason).toBe('入户核实需核对身份证号');
  });

  it('refuses a reveal without a reason, by a role that never sees data in full, or out of scope', async () => {
    for (const reason of ['', ' ', '   x']) {
      const res = await t.http().post(`/api/v1/households/${householdId}/reveal`).set(bearer(street)).send({ reason });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await t.http().post(`/api/v1/households/${householdId}/reveal`).set(bearer(street)).send({}).expect(400);
    for (const role of ['grid_worker', 'admin', 'audit_admin'] as const) {
      const res = await t
        .http()
        .post(`/api/v1/households/${householdId}/reveal`)
        .set(bearer(await t.tokenFor(role)))
        .send({ reason: '想看看' });
      expect(res.status).toBe(403);
    }
    const away = await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('韩远方'));
    await t.http().post(`/api/v1/households/${away.id}/reveal`).set(bearer(street)).send({ reason: '核对身份' }).expect(404);
    await t.http().get(`/api/v1/households/${householdId}`).query({ view: 'full' }).set(bearer(street)).expect(400);
  });

  it('the list export gives the rows of the filter in scope as a CSV, audited with its filter and count; not for other roles', async () => {
    const away = await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('韩导出'));
    const res = await t.http().get('/api/v1/households/export').query({ name: '蒋明' }).set(bearer(street)).buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (res.text as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"户主","住址","街道","社区","网格","人数","风险","状态","更新时间"');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['"蒋明白"']);
    const all = await t.http().get('/api/v1/households/export').set(bearer(street)).buffer(true).expect(200);
    expect(all.text).not.toContain('韩导出');
    const district = await t
      .http()
      .get('/api/v1/households/export')
      .query({ name: '韩导' })
      .set(bearer(await t.tokenFor('district_reviewer')))
      .buffer(true)
      .expect(200);
    expect(district.text).toContain('韩导出');
    expect(away.id).toBeTruthy();

    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'household.export' })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    const entries = audit.body.items as Array<{ detail: { name?: string; rows?: number } }>;
    expect(entries.find((e) => e.detail.name === '蒋明')?.detail.rows).toBe(1);
    expect(entries).toHaveLength(3);

    for (const role of ['grid_worker', 'admin', 'audit_admin', 'resident'] as const) {
      expect(
        (
          await t
            .http()
            .get('/api/v1/households/export')
            .set(bearer(await t.tokenFor(role)))
        ).status,
      ).toBe(403);
    }
    await t.http().get('/api/v1/households/export').query({ colour: 'purple' }).set(bearer(street)).expect(400);
  });
});
