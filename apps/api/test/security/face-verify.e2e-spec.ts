/** WeChat 人脸核身 through the real client, against the local fake WeChat server. */
import { createHouseholdAsStaff, person, workerPlacement } from '../fixtures.js';
import { bearer, startTestApp, type TestApp } from '../harness.js';

describe('real-name proof through WeChat 人脸核身', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REALNAME_VERIFIER: 'wechat', DEMO_HOUSEHOLDS: '10', DEMO_ACTIVITY: 'false' });
  });
  afterAll(() => t.close());

  it('a ticket for this person and account opens the household; a ticket for someone else, or the demo ticket, does not', async () => {
    const p = person('吴核身');
    const h = await createHouseholdAsStaff(t, await workerPlacement(t), p);
    const login = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'face-1' }).expect(200);
    const token = login.body.accessToken as string;
    const bind = (ticket: string) =>
      t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: p.name, idNumber: p.idNumber, consentToIdentityProcessing: true, faceVerifyResult: ticket });
    expect((await bind('demo-face-pass')).body.code).toBe('FACE_VERIFY_FAILED');
    expect((await bind(`face-ok:openid-face-1:别人:${p.idNumber}`)).body.code).toBe('FACE_VERIFY_FAILED');
    expect((await bind(`face-ok:openid-other:${p.name}:${p.idNumber}`)).body.code).toBe('FACE_VERIFY_FAILED');
    const ok = await bind(`face-ok:openid-face-1:${p.name}:${p.idNumber}`).expect(200);
    expect(ok.body.identityVerified).toBe(true);
    await t.http().get(`/api/v1/households/${h.id}`).set(bearer(token)).expect(200);
  });
});
