import { giveConsent, householdBody, person, workerPlacement, type Placement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

describe('a household that stopped being processed says why', () => {
  let t: TestApp;
  let place: Placement;
  beforeAll(async () => {
    t = await startTestApp();
    place = await workerPlacement(t);
  });
  afterAll(() => t.close());

  it('a rejected household answers HOUSEHOLD_REJECTED, not CONSENT_WITHDRAWN (its consent still stands)', async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('窦文清');
    const consentId = await giveConsent(t, worker, head);
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send(householdBody(consentId, place, head))
      .expect(201);
    const id = created.body.household.id as string;
    const street = await t.tokenFor('street_reviewer');
    await t
      .http()
      .post(`/api/v1/submissions/${created.body.submissionId as string}/review`)
      .set(bearer(street))
      .send({ decision: 'reject', reason: '不属于本辖区常住家庭' })
      .expect(200);
    expect((await t.http().get(`/api/v1/households/${id}`).set(bearer(street)).expect(200)).body.status).toBe('rejected');

    const district = await t.tokenFor('district_reviewer');
    const edit = await t.http().patch(`/api/v1/households/${id}`).set(bearer(district)).send({ version: 1, address: '温江区柳城街道光华大道二段8号' });
    expect(edit.status).toBe(409);
    expect(edit.body).toEqual({ code: 'HOUSEHOLD_REJECTED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    const matched = await t.http().get(`/api/v1/households/${id}/eligibility`).set(bearer(district));
    expect(matched.status).toBe(409);
    expect(matched.body.code).toBe('HOUSEHOLD_REJECTED');
    expect((await t.http().get(`/api/v1/consents/${consentId}`).set(bearer(district)).expect(200)).body.status).toBe('active');
  });
});
