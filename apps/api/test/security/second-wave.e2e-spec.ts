/**
 * Attacks on what the facts, contract and scale work added: a token kept after its grid was taken
 * away, an idempotency key replayed by someone else, a forged list cursor, an oversized body, and
 * supporters written from outside the household's grid. Each is run as a hostile user would.
 */
import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/seed/demo-seed.service.js';
import { createHouseholdAsStaff, otherStreetPlacement, person, workerPlacement } from '../fixtures.js';
import { bearer, startTestApp, type TestApp } from '../harness.js';

const son = { name: '钱大儿', relation: 'child', birthDate: '1980-05-01', coResident: false, monthlyIncome: 9200, conditions: [] };

describe('second wave: attacks that must fail', () => {
  let t: TestApp;
  let admin: string;
  let district: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '20' });
    admin = await t.tokenFor('admin');
    district = await t.tokenFor('district_reviewer');
  });
  afterAll(() => t.close());

  it('a worker taken off a grid loses its households at once, with the same unexpired token', async () => {
    const place = await workerPlacement(t);
    const worker = await t.tokenFor('grid_worker');
    const h = await createHouseholdAsStaff(t, place, person('孙保留'));
    await t.http().get(`/api/v1/households/${h.id}`).set(bearer(worker)).expect(200);
    const grids = await t.http().get('/api/v1/admin/grids').query({ streetCode: place.streetCode }).set(bearer(admin)).expect(200);
    const grid = (grids.body as Array<{ id: string; workers: Array<{ id: string }> }>).find((g) => g.id === place.gridId)!;
    const before = grid.workers.map((w) => w.id);
    await t.http().put(`/api/v1/admin/grids/${place.gridId}/workers`).set(bearer(admin)).send({ userIds: [] }).expect(200);
    try {
      await t.http().get(`/api/v1/households/${h.id}`).set(bearer(worker)).expect(404);
      const list = await t.http().get('/api/v1/households').query({ pageSize: 100 }).set(bearer(worker)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(h.id);
      await t
        .http()
        .patch(`/api/v1/households/${h.id}`)
        .set(bearer(worker))
        .send({ version: h.version, supporters: [son] })
        .expect(404);
    } finally {
      await t.http().put(`/api/v1/admin/grids/${place.gridId}/workers`).set(bearer(admin)).send({ userIds: before }).expect(200);
    }
    await t.http().get(`/api/v1/households/${h.id}`).set(bearer(worker)).expect(200);
  });

  it("another user's idempotency key is not a replay: the second user gets their own answer, never the first one's", async () => {
    const worker = await t.tokenFor('grid_worker');
    const subject = person('吴重放');
    const body = {
      subjectName: subject.name,
      subjectIdNumber: subject.idNumber,
      purposes: ['assistance_assessment'],
      sensitiveData: true,
      textVersion: '2026-11',
      method: 'in_person_signature',
      signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
    };
    const key = `replay-${Date.now()}`;
    const first = await t.http().post('/api/v1/consents').set(bearer(worker)).set('Idempotency-Key', key).send(body).expect(201);
    const again = await t.http().post('/api/v1/consents').set(bearer(worker)).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    // The same key and body from a resident: its own request, judged on its own rights.
    const res = await t
      .http()
      .post('/api/v1/auth/wechat-login')
      .send({ code: `replayer-${Date.now()}` })
      .expect(200);
    const other = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(res.body.accessToken as string))
      .set('Idempotency-Key', key)
      .send(body);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.id).not.toBe(first.body.id);
    expect(JSON.stringify(other.body)).not.toContain(subject.name);
    // A changed body under one's own key is refused, not replayed.
    const changed = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(worker))
      .set('Idempotency-Key', key)
      .send({ ...body, subjectName: '别人' });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a forged list cursor is a 400 with a code, never a 500 or a row out of scope', async () => {
    const street = await t.tokenFor('street_reviewer');
    const forged = [
      Buffer.from(JSON.stringify(['9999-12-31T00:00:00.000Z', "x' OR '1'='1"])).toString('base64url'),
      Buffer.from(JSON.stringify({ updatedAt: 1, id: [] })).toString('base64url'),
      Buffer.from('not json at all').toString('base64url'),
      'A'.repeat(200),
    ];
    const outside = await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('郑越界'));
    for (const cursor of forged) {
      const res = await t.http().get('/api/v1/households').query({ cursor, pageSize: 100 }).set(bearer(street));
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) expect(JSON.stringify(res.body)).not.toContain(outside.id);
      else expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('a body over the limit is a 413 with a code and a Chinese message, and nothing is stored', async () => {
    const worker = await t.tokenFor('grid_worker');
    const before = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM consent'))[0].n);
    const res = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(worker))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ subjectName: '大', signatureImage: `data:image/png;base64,${'A'.repeat(3 * 1024 * 1024)}` }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const after = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM consent'))[0].n);
    expect(after).toBe(before);
  });

  it('supporters: a worker of another grid, an unbound resident and a reviewer of another street neither write nor read them', async () => {
    const place = await workerPlacement(t);
    const h = await createHouseholdAsStaff(t, place, person('冯老汉', 1948));
    const saved = await t
      .http()
      .patch(`/api/v1/households/${h.id}`)
      .set(bearer(district))
      .send({ version: h.version, supporters: [son] })
      .expect(200);
    const version = (saved.body.household?.version ?? saved.body.version) as number;
    const grids = (await t.http().get('/api/v1/grids').set(bearer(district)).expect(200)).body as Array<{ id: string }>;
    let stranger: string | null = null;
    for (const g of grids.filter((x) => x.id !== place.gridId)) {
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: `worker-${g.id}`, password: DEMO_PASSWORD, totp: await generate({ secret: DEMO_TOTP_SECRET }) });
      if (login.status === 200) {
        stranger = login.body.accessToken as string;
        break;
      }
    }
    expect(stranger).not.toBeNull();
    await t.http().get(`/api/v1/households/${h.id}`).set(bearer(stranger!)).expect(404);
    await t.http().patch(`/api/v1/households/${h.id}`).set(bearer(stranger!)).send({ version, supporters: [] }).expect(404);
    const resident = await t
      .http()
      .post('/api/v1/auth/wechat-login')
      .send({ code: `supporter-${Date.now()}` })
      .expect(200);
    const byResident = await t
      .http()
      .patch(`/api/v1/households/${h.id}`)
      .set(bearer(resident.body.accessToken as string))
      .send({ version, supporters: [] });
    expect([403, 404]).toContain(byResident.status);
    const away = await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('褚老太', 1946, true));
    await t
      .http()
      .patch(`/api/v1/households/${away.id}`)
      .set(bearer(district))
      .send({ version: away.version, supporters: [son] })
      .expect(200);
    await t
      .http()
      .get(`/api/v1/households/${away.id}`)
      .set(bearer(await t.tokenFor('street_reviewer')))
      .expect(404);
    // Nothing of that changed the record.
    const full = await t.http().get(`/api/v1/households/${h.id}`).set(bearer(district)).expect(200);
    expect(full.body.version).toBe(version);
    expect(full.body.supporters).toEqual([son]);
  });
});
