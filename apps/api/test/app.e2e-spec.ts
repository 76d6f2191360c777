import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { DatabaseSizingCheck } from '../src/health/database-sizing.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

describe('API foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as reachable', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it("on MySQL/MariaDB reads the buffer pool and the console tables' size at start-up (no advice for a test database)", async () => {
    const check = t.app.get(DatabaseSizingCheck);
    if (t.dataSource.options.type === 'mysql') {
      const [row] = await t.dataSource.query<Array<{ pool: string | number }>>('SELECT @@innodb_buffer_pool_size AS pool');
      expect(Number(row!.pool)).toBeGreaterThan(0);
      await expect(check.check()).resolves.toBeNull();
    } else {
      await expect(check.check()).rejects.toThrow(); // SQLite has no such variable: the start-up check is skipped there
    }
  });

  it('publishes OpenAPI as JSON and UI', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys((json.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/api/v1/households', '/api/v1/consents', '/api/v1/auth/login']),
    );
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers unknown routes and missing tokens with { code, message } in Chinese', async () => {
    const nf = await t
      .http()
      .get('/api/v1/nothing-here')
      .set(bearer(await t.tokenFor('admin')))
      .expect(404);
    expect(nf.body).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    const unauth = await t.http().get('/api/v1/households').expect(401);
    expect(unauth.body.code).toBe('UNAUTHENTICATED');
    const garbage = await t.http().get('/api/v1/households').set(bearer('not-a-jwt')).expect(401);
    expect(garbage.body.code).toBe('TOKEN_INVALID');
  });

  it('has, after migrations, every table, column, nullability and index the entities declare (synchronize off)', async () => {
    expect(t.dataSource.options.synchronize).toBe(false);
    const runner = t.dataSource.createQueryRunner();
    try {
      for (const meta of t.dataSource.entityMetadatas) {
        const table = await runner.getTable(meta.tableName);
        expect({ table: meta.tableName, exists: Boolean(table) }).toEqual({ table: meta.tableName, exists: true });
        const columns = new Map(table!.columns.map((c) => [c.name, c]));
        for (const col of meta.columns) {
          const actual = columns.get(col.databaseName);
          expect({ column: `${meta.tableName}.${col.databaseName}`, nullable: actual?.isNullable }).toEqual({
            column: `${meta.tableName}.${col.databaseName}`,
            nullable: col.isNullable,
          });
        }
        expect(table!.columns.length).toBe(meta.columns.length);
        const indices = new Map(table!.indices.map((i) => [i.name, i]));
        for (const idx of meta.indices) {
          const actual = indices.get(idx.name);
          expect({ index: idx.name, columns: actual?.columnNames, unique: Boolean(actual?.isUnique) }).toEqual({
            index: idx.name,
            columns: idx.columns.map((c) => c.databaseName),
            unique: idx.isUnique,
          });
        }
      }
    } finally {
      await runner.release();
    }
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('rejects malformed JSON and oversized bodies with 4xx, not 500', async () => {
    const token = await t.tokenFor('admin');
    const bad = await t.http().post('/api/v1/consents').set(bearer(token)).set('content-type', 'application/json').send('{"subjectName": ');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_REQUEST');
    const huge = await t
      .http()
      .post('/api/v1/consents')
      .set(bearer(token))
      .send({ subjectName: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('seeded the Wenjiang region tree with 3–6 grids per community', async () => {
    const res = await t
      .http()
      .get('/api/v1/regions')
      .set(bearer(await t.tokenFor('admin')))
      .expect(200);
    const [district] = res.body as Array<{ code: string; name: string; children: Array<{ code: string; children: unknown[] }> }>;
    expect(district).toMatchObject({ code: '510115', name: '温江区' });
    expect(district!.children.length).toBeGreaterThanOrEqual(5);
    const grids = await t
      .http()
      .get('/api/v1/grids')
      .set(bearer(await t.tokenFor('admin')))
      .expect(200);
    const perCommunity = new Map<string, number>();
    for (const g of grids.body as Array<{ communityCode: string }>) perCommunity.set(g.communityCode, (perCommunity.get(g.communityCode) ?? 0) + 1);
    for (const n of perCommunity.values()) expect(n).toBeGreaterThanOrEqual(3);
    for (const n of perCommunity.values()) expect(n).toBeLessThanOrEqual(6);
  });
});

describe('configuration', () => {
  it('refuses a bad value and names it', () => {
    expect(() => loadConfig({ PORT: 'abc', DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc', DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x', DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ OCR_ENGINE: 'cloud', DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' })).toThrow(/OCR_ENGINE/);
  });

  it('reads with PP-OCRv4 unless OCR_ENGINE=tesseract', () => {
    expect(loadConfig({ DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' }).ocr.engine).toBe('paddle');
    expect(loadConfig({ OCR_ENGINE: 'tesseract', DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' }).ocr.engine).toBe('tesseract');
  });

  it('requires real keys outside demo mode', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEY|JWT_SECRET/);
  });

  it('defaults PORT to 3000 and the database to SQLite under data/', () => {
    const c = loadConfig({ DEMO_MODE: 'true', DATA_DIR: '/tmp/zczr-config-test' });
    expect(c.port).toBe(3000);
    expect(c.database.type).toBe('sqlite');
    expect(c.database.location).toBe('/tmp/zczr-config-test/zczr.sqlite');
    expect(loadConfig({ DEMO_MODE: 'true' }).database.location).toMatch(/\/data\/zczr\.sqlite$/);
  });
});
