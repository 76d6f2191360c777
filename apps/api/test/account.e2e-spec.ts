/**
 * 个人中心 (issue 15): a staff member changes their own password and second factor, each confirmed
 * with the current password and a fresh TOTP code, each audited; a new password revokes every refresh token.
 */
import bcrypt from 'bcryptjs';
import { generate } from 'otplib';
import { Clock } from '../src/common/time.js';
import { FieldCipher } from '../src/crypto/field-cipher.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/** A TOTP code `ahead` steps of 30 s from now (one ahead is within the API's tolerance). */
const code = (secret: string, ahead = 0): Promise<string> => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * ahead });

describe('personal centre: own password and TOTP', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '5' });
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  async function staff(username: string): Promise<{ id: string; token: string; refresh: string; secret: string; signInCode: string }> {
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({ username, displayName: '测试审核员', role: 'district_reviewer', regionCode: '510115', password: 'Strong#Pass2026' })
      .expect(201);
    const secret = created.body.totpSecret as string;
    const signInCode = await code(secret);
    const login = await t.http().post('/api/v1/auth/login').send({ username, password: 'Strong#Pass2026', totp: signInCode }).expect(200);
    return { id: created.body.user.id as string, token: login.body.accessToken as string, refresh: login.body.refreshToken as string, secret, signInCode };
  }

  const passwordHashOf = async (id: string): Promise<string> =>
    (await t.dataSource.query('SELECT passwordHash FROM app_user WHERE id = ?', [id]))[0].passwordHash;

  it('changes the password with the current one and a fresh code; every session ends; refusals are clear', async () => {
    const me = await staff('zhou.geren');
    const wrong = await t
      .http()
      .post('/api/v1/auth/me/password')
      .set(bearer(me.token))
      .send({ currentPassword: 'Wrong#Pass2026', totp: await code(me.secret, 1), newPassword: 'Newer#Pass2027' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'CREDENTIALS_WRONG' });
    const weak = await t
      .http()
      .post('/api/v1/auth/me/password')
      .set(bearer(me.token))
      .send({ currentPassword: 'Strong#Pass2026', totp: await code(me.secret, 1), newPassword: '12345' })
      .expect(400);
    expect(weak.body.code).toBe('VALIDATION_FAILED');
    // The code used to sign in is spent: the same code again is refused (the code itself, not the
    // current step's, which is a fresh code once a 30-second boundary has passed since sign-in).
    await t
      .http()
      .post('/api/v1/auth/me/password')
      .set(bearer(me.token))
      .send({ currentPassword: 'Strong#Pass2026', totp: me.signInCode, newPassword: 'Newer#Pass2027' })
      .expect(400);
    await t
      .http()
      .post('/api/v1/auth/me/password')
      .set(bearer(me.token))
      .send({ currentPassword: 'Strong#Pass2026', totp: await code(me.secret, 1), newPassword: 'Newer#Pass2027' })
      .expect(200);
    expect(await bcrypt.compare('Newer#Pass2027', await passwordHashOf(me.id))).toBe(true);
    // Every session ends: the refresh tokens issued before are revoked.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: me.refresh }).expect(401);
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'user.change_password' })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect((audit.body.items as Array<{ entityId: string }>).some((e) => e.entityId === me.id)).toBe(true);
    // A resident has no password to change.
    await t
      .http()
      .post('/api/v1/auth/me/password')
      .set(bearer(await t.tokenFor('resident')))
      .send({ currentPassword: 'x', totp: '123456', newPassword: 'Newer#Pass2027' })
      .expect(403);
  });

  it('changes the second factor in two steps: the new secret counts only once a code from it is shown', async () => {
    const me = await staff('wu.geren');
    const started = await t
      .http()
      .post('/api/v1/auth/me/totp')
      .set(bearer(me.token))
      .send({ currentPassword: 'Strong#Pass2026', totp: await code(me.secret, 1) })
      .expect(200);
    const fresh = started.body.totpSecret as string;
    expect(fresh).not.toBe(me.secret);
    expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const cipher = t.app.get(FieldCipher);
    const stored = async (): Promise<string> =>
      cipher.decrypt((await t.dataSource.query('SELECT totpSecretEnc FROM app_user WHERE id = ?', [me.id]))[0].totpSecretEnc as string);
    expect(await stored()).toBe(me.secret); // not yet
    await t
      .http()
      .post('/api/v1/auth/me/totp/confirm')
      .set(bearer(me.token))
      .send({ ticket: 'forged', totp: await code(fresh) })
      .expect(400);
    const wrongCode = await t
      .http()
      .post('/api/v1/auth/me/totp/confirm')
      .set(bearer(me.token))
      .send({ ticket: started.body.ticket, totp: await code(me.secret, 1) })
      .expect(400);
    expect(wrongCode.body.code).toBe('CREDENTIALS_WRONG');
    // Another user's session cannot use this ticket.
    const other = await staff('zheng.geren');
    await t
      .http()
      .post('/api/v1/auth/me/totp/confirm')
      .set(bearer(other.token))
      .send({ ticket: started.body.ticket, totp: await code(fresh) })
      .expect(400);
    // A ticket older than 10 minutes is refused.
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    try {
      clock.now = () => new Date(Date.now() + 11 * 60_000);
      const stale = await t
        .http()
        .post('/api/v1/auth/me/totp/confirm')
        .set(bearer(me.token))
        .send({ ticket: started.body.ticket, totp: await code(fresh) });
      expect(stale.status).toBe(400);
      expect(stale.body.code).toBe('TOTP_TICKET_INVALID');
    } finally {
      clock.now = realNow;
    }
    await t
      .http()
      .post('/api/v1/auth/me/totp/confirm')
      .set(bearer(me.token))
      .send({ ticket: started.body.ticket, totp: await code(fresh) })
      .expect(200);
    expect(await stored()).toBe(fresh);
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'user.change_totp' })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect((audit.body.items as Array<{ entityId: string }>).some((e) => e.entityId === me.id)).toBe(true);
  });
});
