import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { insertStatements, type Statement } from './bulk.js';
import type { SqliteWriter } from './sqlite-writer.js';
import { Transactor } from './transactor.js';

describe('Transactor.batch on an SQLite file (the write worker)', () => {
  let dir: string;
  let ds: DataSource;
  let tx: Transactor;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zczr-batch-'));
    ds = new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'b.sqlite'),
      prepareDatabase: (c: { pragma: (s: string) => unknown }) => c.pragma('journal_mode = WAL'),
    });
    await ds.initialize();
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    await ds.query('CREATE TABLE g (id INTEGER PRIMARY KEY, status TEXT NOT NULL)');
    await ds.query("INSERT INTO g (id, status) VALUES (1, 'pending')");
    tx = new Transactor(ds);
  });

  afterAll(async () => {
    await tx.onApplicationShutdown();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = (n: number, from = 0): Array<{ id: number; name: string }> => Array.from({ length: n }, (_, i) => ({ id: from + i + 1, name: `户${from + i}` }));
  const guard: Statement = { sql: "UPDATE g SET status = 'done' WHERE id = 1 AND status = 'pending'", params: [], expectOne: true };

  it('commits every statement at once, visible to the main connection afterwards', async () => {
    expect(await tx.batch(() => [guard, ...insertStatements(false, 't', ['id', 'name'], rows(1200), 500)])).toBe(true);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1200 }]);
    expect(await ds.query('SELECT status FROM g')).toEqual([{ status: 'done' }]);
  });

  it('a guard that changes no row rolls the whole batch back and reports false', async () => {
    expect(await tx.batch(() => [...insertStatements(false, 't', ['id', 'name'], rows(10, 5000), 500), guard])).toBe(false);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1200 }]);
  });

  it('a failing statement rolls back and throws; the next batch still runs', async () => {
    await expect(
      tx.batch(() => [
        ...insertStatements(false, 't', ['id', 'name'], rows(10, 6000), 500),
        { sql: 'INSERT INTO t (id, name) VALUES (1, ?)', params: ['重复'] },
      ]),
    ).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE/), code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1200 }]);
    expect(await tx.batch(() => insertStatements(false, 't', ['id', 'name'], rows(5, 7000)))).toBe(true);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1205 }]);
  });

  it('writes through the transactor wait for a batch, and the main connection never sees it half done', async () => {
    const seen: number[] = [];
    const batch = tx.batch(function* () {
      // 200 statements: several messages to the worker.
      for (let i = 0; i < 20; i++) yield* insertStatements(false, 't', ['id', 'name'], rows(100, 10000 + i * 100), 10);
    });
    const write = tx.write((m) => m.query("INSERT INTO t (id, name) VALUES (99999, '后写')"));
    // Watch the table from the main connection until both are done: before the batch's commit it
    // holds the 1,205 rows of before, after it all 2,000 more (and then the later write), never part.
    let settled = false;
    const both = Promise.all([batch, write]).finally(() => (settled = true));
    do {
      seen.push(Number((await ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM t'))[0]!.n));
      await new Promise((r) => setImmediate(r));
    } while (!settled);
    await both;
    expect(seen.filter((n) => n !== 1205 && n !== 3205 && n !== 3206)).toEqual([]);
    // The first look came while the batch was in flight (the worker had not committed yet).
    expect(seen[0]).toBe(1205);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 3206 }]);
  });

  it('a batch longer than one message commits all its parts, or none when a guard in a later part fails', async () => {
    const before = Number((await ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM t'))[0]!.n);
    // 60 statements of 10 rows: two messages to the worker.
    expect(await tx.batch(() => insertStatements(false, 't', ['id', 'name'], rows(600, 20000), 10))).toBe(true);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: before + 600 }]);
    const stale: Statement = { sql: "UPDATE g SET status = 'again' WHERE id = 1 AND status = 'pending'", params: [], expectOne: true };
    expect(await tx.batch(() => [...insertStatements(false, 't', ['id', 'name'], rows(600, 30000), 10), stale])).toBe(false);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: before + 600 }]);
  });

  it('small batches sent together commit in the order queued, with exclusive writes in between', async () => {
    await ds.query("UPDATE g SET status = 's0' WHERE id = 1");
    const step = (from: number): Statement => ({
      sql: 'UPDATE g SET status = ? WHERE id = 1 AND status = ?',
      params: [`s${from + 1}`, `s${from}`],
      expectOne: true,
    });
    // None awaited before the next is queued: each guard holds only if the one before it committed first.
    const results = await Promise.all([
      tx.batch(() => [step(0)]),
      tx.statement(step(1)),
      tx.write((m) => m.query("UPDATE g SET status = 's3' WHERE id = 1 AND status = 's2'")),
      tx.batch(() => [step(3)]),
      tx.batch(() => [step(4), { sql: 'INSERT INTO t (id, name) VALUES (1, ?)', params: ['重复'] }]).catch((e: Error) => e.message),
      tx.statement(step(4)),
    ]);
    expect(results[0]).toBe(true);
    expect(results[1]).toBe(true);
    expect(results[3]).toBe(true);
    expect(results[4]).toMatch(/UNIQUE/);
    expect(results[5]).toBe(true);
    expect(await ds.query('SELECT status FROM g')).toEqual([{ status: 's5' }]);
    expect(await tx.statement(step(0))).toBe(false);
  });

  it('a write worker that stopped is replaced: a message sent to it fails at once, the next write runs on a new one', async () => {
    const stopped = (tx as unknown as { writer: SqliteWriter }).writer;
    await stopped.close();
    expect(stopped.alive).toBe(false);
    await expect(stopped.send({ statements: [] })).rejects.toThrow(/write worker closed/);
    expect(await tx.statement({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', params: [90001, '新'] })).toBe(true);
    expect(await ds.query('SELECT name FROM t WHERE id = 90001')).toEqual([{ name: '新' }]);
  });
});
