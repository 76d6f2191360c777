import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed/demo-seed.service.js';
import { freshIdNumber } from './fixtures.js';
import { bearer, currentTotp, startTestApp, type TestApp } from './harness.js';

describe('identity and sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => t.close());

  it('signs a resident in through WeChat jscode2session (fake WeChat server) and binds identity', async () => {
    const login = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'abc123' }).expect(200);
    const token = login.body.accessToken as string;
    const again = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'abc123' }).expect(200);
    const me1 = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    const me2 = await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer(again.body.accessToken as string))
      .expect(200);
    expect(me1.body.id).toBe(me2.body.id);
    expect(me1.body.role).toBe('resident');

    const bad = await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: '王小明', idNumber: '110105194912310021', consentToIdentityProcessing: true });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const noTick = await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: '王小明', idNumber: '11010519491231002X', consentToIdentityProcessing: false });
    expect(noTick.status).toBe(400);
    const ok = await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: '王小明', idNumber: '11010519491231002x', consentToIdentityProcessing: true })
      .expect(200);
    expect(ok.body.realName).toBe('王小明');
    expect(ok.body.idNumberMasked).toBe('110105********002X');
  });

  it('refuses an invalid WeChat code without a 500', async () => {
    const res = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'bad-code' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('WECHAT_LOGIN_FAILED');
  });

  it('signs staff in with password + TOTP and rotates refresh tokens', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'demo-street', password: DEMO_PASSWORD, totp: await currentTotp() })
      .expect(200);
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer(res.body.accessToken as string))
      .expect(200);
    expect(me.body.role).toBe('street_reviewer');
    const refreshed = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(200);
    expect(refreshed.body.accessToken).toBeDefined();
    const replay = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: res.body.refreshToken });
    expect(replay.status).toBe(401);
    const accessAsRefresh = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: res.body.accessToken });
    expect(accessAsRefresh.status).toBe(401);
  });

  it('refuses a wrong TOTP and locks the account after repeated failures', async () => {
    // A code no step the API accepts gives (it takes the step before and after the current one too),
    // for any step these requests may fall in, boundaries passed or not.
    const now = Math.floor(Date.now() / 30_000);
    const near = await Promise.all([-2, -1, 0, 1, 2, 3].map((d) => generate({ secret: DEMO_TOTP_SECRET, epoch: (now + d) * 30 })));
    const wrongTotp = ['000000', '111111', '222222', '333333', '444444', '555555', '666666'].find((c) => !near.includes(c))!;
    for (let i = 0; i < 2; i++) {
      const r = await t.http().post('/api/v1/auth/login').send({ username: 'demo-district', password: DEMO_PASSWORD, totp: wrongTotp });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('LOGIN_FAILED');
    }
    const third = await t.http().post('/api/v1/auth/login').send({ username: 'demo-district', password: 'wrong', totp: wrongTotp });
    expect(third.status).toBe(423);
    const evenRight = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'demo-district', password: DEMO_PASSWORD, totp: await generate({ secret: DEMO_TOTP_SECRET }) });
    expect(evenRight.status).toBe(423);
    expect(evenRight.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('answers demo-login for each role', async () => {
    for (const role of ['resident', 'grid_worker', 'street_reviewer', 'district_reviewer', 'admin']) {
      const res = await t.http().post('/api/v1/auth/demo-login').send({ role }).expect(200);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(res.body.accessToken as string))
        .expect(200);
      expect(me.body.role).toBe(role);
    }
    const bad = await t.http().post('/api/v1/auth/demo-login').send({ role: 'root' });
    expect(bad.status).toBe(400);
  });

  it('has a second demo resident who has not bound yet: binds, face-checks with the demo ticket, then has no household until reporting', async () => {
    const res = await t.http().post('/api/v1/auth/demo-login').send({ role: 'resident', firstVisit: true }).expect(200);
    const token = res.body.accessToken as string;
    const me = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ role: 'resident', realName: null, identityVerified: false, householdId: null, username: 'demo-resident-new' });
    const bound = (
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(await t.tokenFor('resident')))
        .expect(200)
    ).body as { id: string; realName: string | null };
    expect(bound.realName).not.toBeNull();
    expect(bound.id).not.toBe(me.body.id);
    const id = freshIdNumber(1958);
    const ok = await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: '林秀英', idNumber: id, consentToIdentityProcessing: true, faceVerifyResult: 'demo-face-pass' })
      .expect(200);
    expect(ok.body).toMatchObject({ realName: '林秀英', identityVerified: true, householdId: null });
    // firstVisit means nothing for staff roles.
    const staff = await t.http().post('/api/v1/auth/demo-login').send({ role: 'admin', firstVisit: true }).expect(200);
    expect(
      (
        await t
          .http()
          .get('/api/v1/auth/me')
          .set(bearer(staff.body.accessToken as string))
          .expect(200)
      ).body.role,
    ).toBe('admin');
  });

  it('does not let two accounts bind the same ID number', async () => {
    const id = freshIdNumber(1990);
    const a = (await t.http().post('/api/v1/auth/wechat-login').send({ code: 'acct-a' }).expect(200)).body.accessToken as string;
    const b = (await t.http().post('/api/v1/auth/wechat-login').send({ code: 'acct-b' }).expect(200)).body.accessToken as string;
    await t.http().post('/api/v1/auth/bind-identity').set(bearer(a)).send({ realName: '李四', idNumber: id, consentToIdentityProcessing: true }).expect(200);
    const dup = await t.http().post('/api/v1/auth/bind-identity').set(bearer(b)).send({ realName: '李四', idNumber: id, consentToIdentityProcessing: true });
    expect(dup.status).toBe(409);
  });
});

describe('demo mode off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_MODE: 'false' });
  });
  afterAll(() => t.close());

  it('refuses demo-login', async () => {
    const res = await t.http().post('/api/v1/auth/demo-login').send({ role: 'admin' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('DEMO_DISABLED');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 past the per-minute limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http().post('/api/v1/auth/login').send({ username: 'nobody', password: 'x', totp: '123456' })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[4]).toBe(429);
  });
});
