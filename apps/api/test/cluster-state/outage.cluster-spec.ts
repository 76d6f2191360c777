/**
 * Outages answered, not crashed: an API process (built dist, child process) reaches MariaDB and
 * Redis through TCP proxies that the test takes down and brings back. While a part is unreachable,
 * requests get 503 with a stable code and Retry-After, the health endpoint names the part, and the
 * process recovers by itself once it is back.
 */
import {
  call,
  clusterEnv,
  DATABASE_URL,
  demoToken,
  emptyDatabase,
  REDIS_URL,
  requireBuild,
  sleep,
  startApi,
  tcpProxy,
  type ApiProcess,
  type Proxy,
} from './harness.js';

/** Polls until `check` holds (or the time is up); returns how long it took. */
async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await check().catch(() => false)) return Date.now() - t0;
    await sleep(200);
  }
  throw new Error(`condition not met within ${ms} ms`);
}

describe('outages: database and Redis unreachable', () => {
  let api: ApiProcess;
  let db: Proxy;
  let redis: Proxy;
  let cleanup: () => void;
  let token: string;

  beforeAll(async () => {
    requireBuild();
    await emptyDatabase();
    db = await tcpProxy(Number(new URL(DATABASE_URL).port || 3306));
    redis = await tcpProxy(Number(new URL(REDIS_URL).port || 6379));
    const dbUrl = new URL(DATABASE_URL);
    dbUrl.port = String(db.port);
    const redisUrl = new URL(REDIS_URL);
    redisUrl.port = String(redis.port);
    let env: Record<string, string>;
    ({ env, cleanup } = clusterEnv({ DATABASE_URL: dbUrl.toString(), REDIS_URL: redisUrl.toString() }));
    api = await startApi(env, 'api');
    token = await demoToken(api.url, 'district_reviewer');
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await Promise.all([db?.close(), redis?.close()]);
    cleanup?.();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while the database is gone, and recovers by itself', async () => {
    expect((await call(api.url, '/api/v1/households?pageSize=5', { token })).status).toBe(200);
    await db.down();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await call(api.url, '/api/v1/households?pageSize=5', { token });
      statuses.push(r.status);
      if (r.status !== 200) {
        expect(r.status).toBe(503);
        expect(r.body.code).toBe('DATABASE_UNAVAILABLE');
        expect(r.headers.get('retry-after')).toBe('5');
      }
    }
    // Nothing but 503 once the pool's connections are cut (never a bare 500).
    expect(statuses.filter((s) => s !== 503)).toEqual([]);
    const health = await call(api.url, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: 'down', cache: 'up' });
    expect(health.headers.get('retry-after')).toBe('5');

    await db.up();
    await until(async () => (await call(api.url, '/api/v1/households?pageSize=5', { token })).status === 200, 20_000);
    expect((await call(api.url, '/api/health')).body).toMatchObject({ status: 'ok', database: 'up', cache: 'up' });
    expect(api.proc.exitCode).toBeNull();
  }, 60_000);

  it('answers 503 CACHE_UNAVAILABLE on what needs Redis while it is gone; the rest keeps working; recovers by itself', async () => {
    await redis.down();
    await until(async () => (await call(api.url, '/api/health')).body.cache === 'down', 5000);
    const health = await call(api.url, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: 'up', cache: 'down' });
    // Sign-in is rate-limited across processes: it cannot count, so it does not let anyone through uncounted.
    const login = await call(api.url, '/api/v1/auth/login', { method: 'POST', body: { username: 'nobody', password: 'wrong-password-1', totp: '000000' } });
    expect(login.status).toBe(503);
    expect(login.body.code).toBe('CACHE_UNAVAILABLE');
    expect(login.headers.get('retry-after')).toBe('5');
    // Reads that need only the database still answer (the auth cache is bypassed meanwhile).
    expect((await call(api.url, '/api/v1/households?pageSize=5', { token })).status).toBe(200);

    await redis.up();
    await until(async () => (await call(api.url, '/api/health')).status === 200, 20_000);
    const after = await call(api.url, '/api/v1/auth/login', { method: 'POST', body: { username: 'nobody', password: 'wrong-password-1', totp: '000000' } });
    expect(after.status).toBe(401);
    expect(api.proc.exitCode).toBeNull();
  }, 60_000);

  it('both at once, then both back', async () => {
    await Promise.all([db.down(), redis.down()]);
    const health = await call(api.url, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ database: 'down' });
    const r = await call(api.url, '/api/v1/households?pageSize=5', { token });
    expect(r.status).toBe(503);
    expect(['DATABASE_UNAVAILABLE', 'CACHE_UNAVAILABLE']).toContain(r.body.code);
    await Promise.all([db.up(), redis.up()]);
    await until(async () => (await call(api.url, '/api/health')).status === 200, 20_000);
    expect((await call(api.url, '/api/v1/households?pageSize=5', { token })).status).toBe(200);
    expect(api.proc.exitCode).toBeNull();
    expect(api.output()).not.toMatch(/UnhandledPromiseRejection|uncaughtException/);
  }, 60_000);
});
