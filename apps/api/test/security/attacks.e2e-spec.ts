/**
 * The attacks of the trust issue, each as a hostile user would run them against a fresh demo build.
 * Every one of these passed (the attack worked) before identity proof, current-placement scope and
 * the production demo lock-out.
 */
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretKey } from 'node:crypto';
import { generate } from 'otplib';
import { DEMO_FACE_TICKET } from '../../src/auth/real-name.verifier.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/seed/demo-seed.service.js';
import { createHouseholdAsStaff, person, workerPlacement, type PersonFixture } from '../fixtures.js';
import { bearer, isMysql, startTestApp, type TestApp } from '../harness.js';

let codeCounter = 0;
async function newResident(t: TestApp): Promise<string> {
  codeCounter += 1;
  const res = await t
    .http()
    .post('/api/v1/auth/wechat-login')
    .send({ code: `attacker-${codeCounter}-${Date.now()}` })
    .expect(200);
  return res.body.accessToken as string;
}

describe('trust: attacks that must fail', () => {
  let t: TestApp;
  let head: PersonFixture;
  let spouse: PersonFixture;
  let householdId: string;
  let consentId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_LIMIT: '1000', DEMO_HOUSEHOLDS: '20' });
    head = person('龚慧');
    spouse = person('李建国');
    const h = await createHouseholdAsStaff(t, await workerPlacement(t), head, [spouse]);
    householdId = h.id;
    const admin = await t.tokenFor('district_reviewer');
    const detail = await t.http().get(`/api/v1/households/${householdId}`).set(bearer(admin)).expect(200);
    consentId = detail.body.consentId as string;
    expect(consentId).toBeTruthy();
  });
  afterAll(() => t.close());

  describe('1. binding an identity proves the person', () => {
    it('refuses a name that does not match the archive for that ID number', async () => {
      const token = await newResident(t);
      const res = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: '玖慧', idNumber: head.idNumber, consentToIdentityProcessing: true, faceVerifyResult: DEMO_FACE_TICKET });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDENTITY_MISMATCH');
    });

    it('an unproven binding grants no household: no read, no withdrawal', async () => {
      const token = await newResident(t);
      const bound = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: spouse.name, idNumber: spouse.idNumber, consentToIdentityProcessing: true })
        .expect(200);
      expect(bound.body.identityVerified).toBe(false);
      expect(bound.body.householdId).toBeNull();
      await t.http().get(`/api/v1/households/${householdId}`).set(bearer(token)).expect(404);
      await t.http().get(`/api/v1/households/${householdId}/eligibility`).set(bearer(token)).expect(404);
      await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(token)).send({}).expect(404);
      const c = await t.http().get(`/api/v1/consents/${consentId}`).set(bearer(token));
      expect(c.status).toBe(404);
    });

    it('a face-verified member reads the household, but only the person who consented withdraws it', async () => {
      const token = await newResident(t);
      const other = person('王二');
      const h2 = await createHouseholdAsStaff(t, await workerPlacement(t), other, [person('王三')]);
      const forged = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: other.name, idNumber: other.idNumber, consentToIdentityProcessing: true, faceVerifyResult: 'forged-ticket' });
      expect(forged.status).toBe(422);
      expect(forged.body.code).toBe('FACE_VERIFY_FAILED');
      const ok = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: other.name, idNumber: other.idNumber, consentToIdentityProcessing: true, faceVerifyResult: DEMO_FACE_TICKET })
        .expect(200);
      expect(ok.body.identityVerified).toBe(true);
      expect(ok.body.householdId).toBe(h2.id);
      await t.http().get(`/api/v1/households/${h2.id}`).set(bearer(token)).expect(200);
      await t.http().get(`/api/v1/households/${householdId}`).set(bearer(token)).expect(404);
    });

    it('an unproven squatter does not keep the real person out: a face-verified binding takes the number over', async () => {
      const squatter = await newResident(t);
      const real = await newResident(t);
      const p = person('钱多');
      const h = await createHouseholdAsStaff(t, await workerPlacement(t), p);
      await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(squatter))
        .send({ realName: p.name, idNumber: p.idNumber, consentToIdentityProcessing: true })
        .expect(200);
      const taken = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(real))
        .send({ realName: p.name, idNumber: p.idNumber, consentToIdentityProcessing: true });
      expect(taken.status).toBe(409);
      await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(real))
        .send({ realName: p.name, idNumber: p.idNumber, consentToIdentityProcessing: true, faceVerifyResult: DEMO_FACE_TICKET })
        .expect(200);
      await t.http().get(`/api/v1/households/${h.id}`).set(bearer(real)).expect(200);
      const me = await t.http().get('/api/v1/auth/me').set(bearer(squatter)).expect(200);
      expect(me.body.idNumberMasked).toBeNull();
    });

    it('one identity per account: re-binding to another number is refused', async () => {
      const token = await newResident(t);
      const a = person('赵一');
      const b = person('赵二');
      await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: a.name, idNumber: a.idNumber, consentToIdentityProcessing: true })
        .expect(200);
      const again = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: b.name, idNumber: b.idNumber, consentToIdentityProcessing: true });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('IDENTITY_LOCKED');
    });

    it('is rate-limited per account', async () => {
      const token = await newResident(t);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await t
          .http()
          .post('/api/v1/auth/bind-identity')
          .set(bearer(token))
          .send({ realName: '错名字', idNumber: head.idNumber, consentToIdentityProcessing: true });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5).every((s) => s === 422)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });

    it('staff confirm an unproven binding in person; the resident then sees the household', async () => {
      const token = await newResident(t);
      const me = person('孙明');
      const h = await createHouseholdAsStaff(t, await workerPlacement(t), me);
      const bound = await t
        .http()
        .post('/api/v1/auth/bind-identity')
        .set(bearer(token))
        .send({ realName: me.name, idNumber: me.idNumber, consentToIdentityProcessing: true })
        .expect(200);
      await t.http().get(`/api/v1/households/${h.id}`).set(bearer(token)).expect(404);
      const userId = bound.body.id as string;
      // a reviewer of another street cannot confirm someone in this street
      const otherStreet = await t
        .http()
        .post(`/api/v1/auth/residents/${userId}/identity`)
        .set(bearer(await t.tokenFor('grid_worker')))
        .send({ confirm: true, reason: '当面核验身份证' });
      expect(otherStreet.status).toBe(403);
      await t
        .http()
        .post(`/api/v1/auth/residents/${userId}/identity`)
        .set(bearer(await t.tokenFor('street_reviewer')))
        .send({ confirm: true, reason: '持身份证到社区当面核验' })
        .expect(200);
      await t.http().get(`/api/v1/households/${h.id}`).set(bearer(token)).expect(200);
    });
  });

  describe('2. recording a consent grants nothing after the fact', () => {
    it('the worker who recorded a consent loses it when the household moves to another grid', async () => {
      const district = await t.tokenFor('district_reviewer');
      // a community with two grids, each with its own worker (the demo seed gives every other grid one)
      const grids = (await t.http().get('/api/v1/grids').set(bearer(district)).expect(200)).body as Array<{ id: string; communityCode: string }>;
      const workerGrids = (
        await t
          .http()
          .get('/api/v1/auth/me')
          .set(bearer(await t.tokenFor('grid_worker')))
      ).body.gridIds as string[];
      const byCommunity = new Map<string, string[]>();
      for (const g of grids) if (!workerGrids.includes(g.id)) byCommunity.set(g.communityCode, [...(byCommunity.get(g.communityCode) ?? []), g.id]);
      const [communityCode, [gridA, gridB]] = [...byCommunity.entries()].find(([, ids]) => ids.length >= 2) as [string, string[]];
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: `worker-${gridA}`, password: DEMO_PASSWORD, totp: await generate({ secret: DEMO_TOTP_SECRET }) })
        .expect(200);
      const worker = login.body.accessToken as string;
      const subject = person('周红');
      const consent = await t
        .http()
        .post('/api/v1/consents')
        .set(bearer(worker))
        .send({
          subjectName: subject.name,
          subjectIdNumber: subject.idNumber,
          purposes: ['assistance_assessment', 'economic_check'],
          sensitiveData: true,
          textVersion: '2026-11',
          method: 'in_person_signature',
          signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
        })
        .expect(201);
      const created = await t
        .http()
        .post('/api/v1/households')
        .set(bearer(worker))
        .send({
          consentId: consent.body.id,
          address: '四川省成都市温江区测试路 9 号',
          communityCode,
          gridId: gridA,
          members: [{ relation: 'head', name: subject.name, idNumber: subject.idNumber, coResident: true }],
          incomes: [],
          assets: [],
          expenses: [],
          hardships: [],
          benefits: [],
        })
        .expect(201);
      const hid = created.body.household.id as string;
      const sub = created.body.submissionId as string;
      await t.http().post(`/api/v1/submissions/${sub}/review`).set(bearer(district)).send({ decision: 'approve' }).expect(200);
      await t.http().get(`/api/v1/consents/${consent.body.id}`).set(bearer(worker)).expect(200);
      const task = await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: hid }).expect(201);
      await t.http().get(`/api/v1/tasks/${task.body.id}`).set(bearer(worker)).expect(200);
      const away = { gridId: gridB! };
      const h = await t.http().get(`/api/v1/households/${hid}`).set(bearer(district)).expect(200);
      await t.http().patch(`/api/v1/households/${hid}`).set(bearer(district)).send({ version: h.body.version, gridId: away.gridId }).expect(200);

      await t.http().get(`/api/v1/households/${hid}`).set(bearer(worker)).expect(404);
      await t.http().get(`/api/v1/consents/${consent.body.id}`).set(bearer(worker)).expect(404);
      await t.http().post(`/api/v1/consents/${consent.body.id}/withdraw`).set(bearer(worker)).send({ reason: '恶意撤回' }).expect(404);

      // 3. tasks do not keep the old placement: the old grid's worker neither sees nor claims it
      await t.http().get(`/api/v1/tasks/${task.body.id}`).set(bearer(worker)).expect(404);
      await t.http().post(`/api/v1/tasks/${task.body.id}/claim`).set(bearer(worker)).expect(404);
      const list = await t.http().get('/api/v1/tasks').query({ pageSize: 100 }).set(bearer(worker)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(task.body.id as string);
      const moved = await t.http().get(`/api/v1/tasks/${task.body.id}`).set(bearer(district)).expect(200);
      expect(moved.body.gridId).toBe(away.gridId);
      const subs = await t.http().get('/api/v1/submissions').query({ pageSize: 100 }).set(bearer(worker)).expect(200);
      expect(JSON.stringify(subs.body)).not.toContain(hid);
      // the consent is still active
      const still = await t.http().get(`/api/v1/consents/${consent.body.id}`).set(bearer(district)).expect(200);
      expect(still.body.status).toBe('active');
    });

    it('staff withdraw only with a reason on record', async () => {
      const district = await t.tokenFor('district_reviewer');
      const res = await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(district)).send({});
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REASON_REQUIRED');
    });
  });

  describe('7–8. input and token hardening', () => {
    const deep = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

    it.each(['/api/v1/auth/demo-login', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/consents'])(
      'a 5,000-deep JSON body to %s is a 400',
      async (path) => {
        const res = await t
          .http()
          .post(path)
          .set('content-type', 'application/json')
          .set(bearer(await t.tokenFor('district_reviewer')))
          .send(deep(5000));
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toContain('JSON_TOO_DEEP');
      },
    );

    it('an impossible date in a query is a 400', async () => {
      const res = await t
        .http()
        .get('/api/v1/audit-logs')
        .query({ from: '2026-13-45' })
        .set(bearer(await t.tokenFor('audit_admin')));
      expect(res.status).toBe(400);
      const feb = await t
        .http()
        .get('/api/v1/audit-logs')
        .query({ to: '2026-02-30' })
        .set(bearer(await t.tokenFor('audit_admin')));
      expect(feb.status).toBe(400);
    });

    it('a signed token without exp is refused', async () => {
      const jwt = new JwtService({ secret: createSecretKey(Buffer.from(t.config.jwtSecret)) });
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(await t.tokenFor('admin')))
        .expect(200);
      const forever = jwt.sign({ sub: me.body.id, role: 'admin', typ: 'access' }, { algorithm: 'HS256' });
      await t.http().get('/api/v1/auth/me').set(bearer(forever)).expect(401);
    });

    it('a TOTP code works once', async () => {
      const code = await generate({ secret: DEMO_TOTP_SECRET });
      await t.http().post('/api/v1/auth/login').send({ username: 'demo-admin', password: DEMO_PASSWORD, totp: code }).expect(200);
      const replay = await t.http().post('/api/v1/auth/login').send({ username: 'demo-admin', password: DEMO_PASSWORD, totp: code });
      expect(replay.status).toBe(401);
    });

    it('reusing a rotated refresh token revokes the whole family', async () => {
      const code = await generate({ secret: DEMO_TOTP_SECRET });
      const login = await t.http().post('/api/v1/auth/login').send({ username: 'demo-district', password: DEMO_PASSWORD, totp: code }).expect(200);
      const first = login.body.refreshToken as string;
      const rotated = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(401); // stolen copy comes back
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    });

    it('an unknown username locks exactly like a real one (423 reveals nothing)', async () => {
      const statuses = async (username: string): Promise<number[]> => {
        const out: number[] = [];
        for (let i = 0; i < 4; i++) out.push((await t.http().post('/api/v1/auth/login').send({ username, password: 'wrong-Pass1', totp: '000000' })).status);
        return out;
      };
      const real = await statuses('demo-worker');
      const ghost = await statuses('no-such-user-xyz');
      expect(ghost).toEqual(real);
      expect(real[3]).toBe(423);
    });
  });
});

describe('4. demo accounts in production', () => {
  it('a database seeded in demo mode does not open to the published demo credentials in production', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zczr-prod-'));
    const keys = {
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      HASH_KEY: randomBytes(32).toString('base64'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: isMysql() ? process.env.DATABASE_URL! : `sqlite:${join(dir, 'prod.sqlite')}`,
      DEMO_HOUSEHOLDS: '10',
    };
    try {
      const demo = await startTestApp(keys);
      await demo
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'demo-admin', password: DEMO_PASSWORD, totp: await generate({ secret: DEMO_TOTP_SECRET }) })
        .expect(200);
      await demo.close();
      const prod = await startTestApp({ ...keys, KEEP_DATABASE: 'true', NODE_ENV: 'production', DEMO_MODE: 'false' });
      try {
        const code = await generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(Date.now() / 30_000) * 30 + 30 });
        const res = await prod.http().post('/api/v1/auth/login').send({ username: 'demo-admin', password: DEMO_PASSWORD, totp: code });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('ACCOUNT_DISABLED');
        await prod.http().post('/api/v1/auth/demo-login').send({ role: 'admin' }).expect(404);
      } finally {
        await prod.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
