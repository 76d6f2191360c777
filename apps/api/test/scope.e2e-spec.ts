import type { Role } from '@zczr/domain';
import { createHouseholdAsStaff, giveConsent, householdBody, otherStreetPlacement, person, workerPlacement, type Placement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/** The role × endpoint scope matrix: every role, on a household inside and outside its scope. */
describe('data scope', () => {
  let t: TestApp;
  let ownGrid: Placement;
  let otherStreet: Placement;
  let sameStreetOtherGrid: Placement;
  const ids: Record<'ownGrid' | 'sameStreetOtherGrid' | 'otherStreet' | 'residentOwn', string> = {
    ownGrid: '',
    sameStreetOtherGrid: '',
    otherStreet: '',
    residentOwn: '',
  };
  const missing = '3f1d7c52-9d51-4c7e-8f0a-5c1f2b6f0e11';

  beforeAll(async () => {
    t = await startTestApp();
    ownGrid = await workerPlacement(t);
    otherStreet = await otherStreetPlacement(t);
    const grids = await t
      .http()
      .get('/api/v1/grids')
      .set(bearer(await t.tokenFor('admin')))
      .expect(200);
    const workerGrids = (
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(await t.tokenFor('grid_worker')))
    ).body.gridIds as string[];
    const g = (grids.body as Array<{ id: string; communityCode: string; streetCode: string }>).find(
      (x) => x.streetCode === ownGrid.streetCode && !workerGrids.includes(x.id),
    )!;
    sameStreetOtherGrid = { gridId: g.id, communityCode: g.communityCode, streetCode: g.streetCode };
    ids.ownGrid = (await createHouseholdAsStaff(t, ownGrid, person('甲本格'))).id;
    ids.sameStreetOtherGrid = (await createHouseholdAsStaff(t, sameStreetOtherGrid, person('乙邻格'))).id;
    ids.otherStreet = (await createHouseholdAsStaff(t, otherStreet, person('丙外街'))).id;
    ids.residentOwn = (
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(await t.tokenFor('resident')))
    ).body.householdId as string;
  });
  afterAll(() => t.close());

  const matrix: Array<[Role, Record<keyof typeof ids, boolean>]> = [
    ['resident', { residentOwn: true, ownGrid: false, sameStreetOtherGrid: false, otherStreet: false }],
    ['grid_worker', { residentOwn: true, ownGrid: true, sameStreetOtherGrid: false, otherStreet: false }],
    ['street_reviewer', { residentOwn: true, ownGrid: true, sameStreetOtherGrid: true, otherStreet: false }],
    ['district_reviewer', { residentOwn: true, ownGrid: true, sameStreetOtherGrid: true, otherStreet: true }],
    // 三员分立: none of the three administrators reads a household file.
    ['admin', { residentOwn: false, ownGrid: false, sameStreetOtherGrid: false, otherStreet: false }],
    ['security_admin', { residentOwn: false, ownGrid: false, sameStreetOtherGrid: false, otherStreet: false }],
    ['audit_admin', { residentOwn: false, ownGrid: false, sameStreetOtherGrid: false, otherStreet: false }],
  ];

  it.each(matrix)('%s sees exactly the households in its scope, by id, in lists, revisions and writes', async (role, expected) => {
    const token = await t.tokenFor(role);
    for (const [key, allowed] of Object.entries(expected) as Array<[keyof typeof ids, boolean]>) {
      const id = ids[key];
      const get = await t.http().get(`/api/v1/households/${id}`).set(bearer(token));
      expect({ role, key, status: get.status }).toEqual({ role, key, status: allowed ? 200 : 404 });
      const revs = await t.http().get(`/api/v1/households/${id}/revisions`).set(bearer(token));
      expect({ role, key, status: revs.status }).toEqual({ role, key, status: allowed ? 200 : 404 });
      if (!allowed) {
        expect(get.body).toEqual((await t.http().get(`/api/v1/households/${missing}`).set(bearer(token))).body);
        const patch = await t.http().patch(`/api/v1/households/${id}`).set(bearer(token)).send({ version: 1, address: '越权修改 1 号' });
        expect({ role, key, status: patch.status }).toEqual({ role, key, status: 404 });
      }
    }
    const list = await t.http().get('/api/v1/households').query({ pageSize: 100 }).set(bearer(token)).expect(200);
    const listed = new Set((list.body.items as Array<{ id: string }>).map((h) => h.id));
    for (const [key, allowed] of Object.entries(expected) as Array<[keyof typeof ids, boolean]>) {
      if (!allowed) expect({ role, key, listed: listed.has(ids[key]) }).toEqual({ role, key, listed: false });
    }
  });

  it('a non-existent id and an out-of-scope id answer the same 404', async () => {
    const token = await t.tokenFor('grid_worker');
    const a = await t.http().get(`/api/v1/households/${missing}`).set(bearer(token));
    const b = await t.http().get(`/api/v1/households/${ids.otherStreet}`).set(bearer(token));
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(a.body).toEqual(b.body);
  });

  it('only admins read the audit log; only reviewers review', async () => {
    for (const role of ['resident', 'grid_worker', 'street_reviewer', 'district_reviewer', 'admin', 'security_admin'] as Role[]) {
      const res = await t
        .http()
        .get('/api/v1/audit-logs')
        .set(bearer(await t.tokenFor(role)));
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
    }
    await t
      .http()
      .get('/api/v1/audit-logs')
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    for (const role of ['resident', 'grid_worker'] as Role[]) {
      const res = await t
        .http()
        .post(`/api/v1/submissions/${missing}/review`)
        .set(bearer(await t.tokenFor(role)))
        .send({ decision: 'approve' });
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
    }
  });

  it('submissions and consents outside scope are not found', async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('丁提交');
    const consentId = await giveConsent(t, worker, head);
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send(householdBody(consentId, ownGrid, head))
      .expect(201);
    const sid = created.body.submissionId as string;
    const otherStreetReviewer = await t.http().post('/api/v1/auth/demo-login').send({ role: 'street_reviewer' });
    await t
      .http()
      .get(`/api/v1/submissions/${sid}`)
      .set(bearer(otherStreetReviewer.body.accessToken as string))
      .expect(200);
    const resident = await t.tokenFor('resident');
    expect((await t.http().get(`/api/v1/submissions/${sid}`).set(bearer(resident))).status).toBe(404);
    expect((await t.http().get(`/api/v1/consents/${consentId}`).set(bearer(resident))).status).toBe(404);
    expect((await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(resident)).send({})).status).toBe(404);
    const queue = await t.http().get('/api/v1/submissions').set(bearer(resident)).expect(200);
    expect(queue.body.items).toEqual([]);
  });

  it('a resident reports only a household they belong to, after binding identity', async () => {
    const login = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'new-resident-1' }).expect(200);
    const token = login.body.accessToken as string;
    const me = person('戊居民');
    const notBound = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(token))
      .send({
        subjectName: me.name,
        subjectIdNumber: me.idNumber,
        purposes: ['assistance_assessment'],
        sensitiveData: true,
        textVersion: '2026-11',
        method: 'self_online',
      });
    expect(notBound.status).toBe(403);
    expect(notBound.body.code).toBe('IDENTITY_NOT_BOUND');
    await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: me.name, idNumber: me.idNumber, consentToIdentityProcessing: true, faceVerifyResult: 'demo-face-pass' })
      .expect(200);
    const consentId = await giveConsent(t, token, me, { method: 'self_online', signatureImage: undefined });
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(token))
      .send(householdBody(consentId, ownGrid, me))
      .expect(201);
    expect(res.body.household.status).toBe('pending_review');
    const mine = await t.http().get(`/api/v1/households/${res.body.household.id}`).set(bearer(token)).expect(200);
    expect(mine.body.members[0].idNumber).not.toBe(me.idNumber); // masked even for the resident
    const second = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(token))
      .send(householdBody(consentId, ownGrid, me));
    expect(second.status).toBe(409);
  });
});
