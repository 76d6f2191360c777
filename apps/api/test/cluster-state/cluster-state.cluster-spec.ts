/**
 * Two API processes (child processes from the built dist) on one MariaDB database and one Redis:
 * concurrent audited writes through both leave one chain that verifies; a user disabled through one
 * is refused by the other within a second; the login rate limit and the unknown-name lockout count
 * across both.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { VERIFY_CLI, call, clusterEnv, DATABASE_URL, demoToken, emptyDatabase, requireBuild, sleep, startApi, type ApiProcess } from './harness.js';

const run = promisify(execFile);

describe('cluster state: two API processes on MariaDB + Redis', () => {
  let a: ApiProcess;
  let b: ApiProcess;
  let env: Record<string, string>;
  let cleanup: () => void;

  beforeAll(async () => {
    requireBuild();
    await emptyDatabase();
    ({ env, cleanup } = clusterEnv({ LOGIN_RATE_LIMIT: '8', LOGIN_MAX_FAILURES: '3' }));
    // One at a time: the first migrates and seeds, the second finds both done.
    a = await startApi(env, 'api-a');
    b = await startApi(env, 'api-b');
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    cleanup?.();
  });

  it('both processes are up on the same database and Redis', async () => {
    for (const p of [a, b]) {
      const h = await call(p.url, '/api/health');
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ status: 'ok', database: 'up', cache: 'up', dialect: 'mysql' });
    }
  });

  it('concurrent audited writes through both leave one audit chain that verifies', async () => {
    const [ta, tb] = await Promise.all([demoToken(a.url, 'district_reviewer'), demoToken(b.url, 'district_reviewer')]);
    const list = await call(a.url, '/api/v1/households?pageSize=20', { token: ta });
    expect(list.status).toBe(200);
    const ids = (list.body.items as Array<{ id: string }>).map((h) => h.id);
    expect(ids.length).toBeGreaterThan(5);
    // Every read of a household's record is audited: 200 reads, 16 in flight at any time, alternating
    // between the processes, so both append to the chain at the same moments.
    const total = 200;
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          const i = next++;
          const r = await call(i % 2 === 0 ? a.url : b.url, `/api/v1/households/${ids[i % ids.length]}`, { token: i % 2 === 0 ? ta : tb });
          statuses.push(r.status);
        }
      }),
    );
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    expect(statuses).toHaveLength(total);

    const ds = new DataSource({ type: 'mysql', url: DATABASE_URL });
    await ds.initialize();
    try {
      const rows = await ds.query<Array<{ id: number; prevHash: string; hash: string; action: string }>>(
        'SELECT id, prevHash, hash, action FROM audit_log ORDER BY id',
      );
      const [head] = await ds.query<Array<{ lastId: number; hash: string; entries: string }>>('SELECT lastId, hash, entries FROM audit_head WHERE id = 1');
      // One chain: every entry links to the one before, no two entries share a predecessor (no fork).
      const prevs = new Set(rows.map((r) => r.prevHash));
      expect(prevs.size).toBe(rows.length);
      rows.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash));
      expect(rows.filter((r) => r.action.startsWith('household.read')).length).toBeGreaterThanOrEqual(total);
      expect(head).toMatchObject({ lastId: rows[rows.length - 1]!.id, hash: rows[rows.length - 1]!.hash });
      expect(Number(head!.entries)).toBe(rows.length);
    } finally {
      await ds.destroy();
    }
    // The operators' check, with the key and the anchor both processes wrote (at most a second behind).
    await sleep(1200);
    const verified = await run(process.execPath, [VERIFY_CLI], { env: { PATH: process.env.PATH ?? '', ...env } });
    expect(verified.stdout).toContain('AUDIT_CHAIN_OK');
  }, 120_000);

  it('a user disabled through one process is refused by the other within a second', async () => {
    const workerToken = await demoToken(b.url, 'grid_worker');
    const me = await call(b.url, '/api/v1/auth/me', { token: workerToken });
    expect(me.status).toBe(200);
    // B has the worker's access cached now (5 s); A disables the account.
    const admin = await demoToken(a.url, 'admin');
    const disabled = await call(a.url, `/api/v1/admin/users/${me.body.id as string}/disable`, { method: 'POST', token: admin });
    expect(disabled.status).toBe(200);
    const t0 = Date.now();
    let status = 200;
    while (Date.now() - t0 < 3000) {
      status = (await call(b.url, '/api/v1/auth/me', { token: workerToken })).status;
      if (status === 401) break;
      await sleep(25);
    }
    const elapsed = Date.now() - t0;
    if (status !== 401)
      throw new Error(`still ${status} after ${elapsed} ms; process B said:\n${b.output().slice(-3000)}\nprocess A said:\n${a.output().slice(-3000)}`);
    expect(elapsed).toBeLessThan(1000);
    // And on A too.
    expect((await call(a.url, '/api/v1/auth/me', { token: workerToken })).status).toBe(401);
    await call(a.url, `/api/v1/admin/users/${me.body.id as string}/enable`, { method: 'POST', token: admin });
  }, 30_000);

  it('a policy published through one process is matched with by the other within a second', async () => {
    const [ta, tb] = await Promise.all([demoToken(a.url, 'district_reviewer'), demoToken(b.url, 'district_reviewer')]);
    const list = await call(b.url, '/api/v1/households?pageSize=1', { token: tb });
    const hid = list.body.items[0].id as string;
    const versionOnB = async (): Promise<number> => {
      const r = await call(b.url, `/api/v1/households/${hid}/eligibility`, { token: tb });
      expect(r.status).toBe(200);
      return (r.body.results as Array<{ policyCode: string; policyVersion: number }>).find((x) => x.policyCode === 'dibao')!.policyVersion;
    };
    // B has compiled the library (version 1) and keeps it until told otherwise.
    expect(await versionOnB()).toBe(1);
    const detail = await call(a.url, '/api/v1/policies/dibao', { token: ta });
    const definition = detail.body.definition as Record<string, unknown>;
    const draft = await call(a.url, '/api/v1/policies/dibao/draft', {
      method: 'PUT',
      token: ta,
      body: { definition: { ...definition, benefit: `${definition.benefit as string}（集群测试）` }, changeNote: '集群测试' },
    });
    expect(draft.status).toBe(200);
    const published = await call(a.url, '/api/v1/policies/dibao/publish', { method: 'POST', token: ta, body: { version: draft.body.latestVersion } });
    expect(published.status).toBe(200);
    const t0 = Date.now();
    let version = 1;
    while (Date.now() - t0 < 3000 && version === 1) version = await versionOnB();
    expect(version).toBe(draft.body.latestVersion);
    expect(Date.now() - t0).toBeLessThan(1000);
  }, 30_000);

  it('the unknown-name lockout and the login rate limit count across both processes', async () => {
    const attempt = (p: ApiProcess, username: string) =>
      call(p.url, '/api/v1/auth/login', { method: 'POST', body: { username, password: 'wrong-password-1', totp: '000000' } });
    // LOGIN_MAX_FAILURES=3: two failures on A and one on B lock the name (each process alone saw fewer).
    expect((await attempt(a, 'ghost-user')).status).toBe(401);
    expect((await attempt(b, 'ghost-user')).status).toBe(401);
    const third = await attempt(a, 'ghost-user');
    expect(third.status).toBe(423);
    expect(third.body.code).toBe('ACCOUNT_LOCKED');
    expect((await attempt(b, 'ghost-user')).status).toBe(423);
    // LOGIN_RATE_LIMIT=8 per minute per client address: 4 attempts so far, 4 more alternating, then both refuse.
    for (let i = 0; i < 4; i++) expect((await attempt(i % 2 ? a : b, `someone-${i}`)).status).not.toBe(429);
    const overA = await attempt(a, 'someone-else');
    const overB = await attempt(b, 'someone-else');
    expect([overA.status, overB.status]).toEqual([429, 429]);
    expect(overB.body.code).toBe('TOO_MANY_REQUESTS');
  }, 30_000);
});
