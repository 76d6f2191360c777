import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { Transactor } from '../src/database/transactor.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { ScreeningsService } from '../src/screenings/screenings.service.js';
import { bearer, isMysql, startTestApp, type TestApp } from './harness.js';

/** The job abstraction in one process (no Redis): shards, one commit per shard, resume after a stop. */
describe('jobs', () => {
  const keys = {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  const dir = mkdtempSync(join(tmpdir(), 'zczr-jobs-'));
  const database = isMysql() ? {} : { DATABASE_URL: `sqlite:${join(dir, 'jobs.sqlite')}` };
  const env = { ...keys, ...database, DEMO_HOUSEHOLDS: '240', DEMO_ACTIVITY: 'false', JOB_SHARD_SIZE: '25' };
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(env);
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outcome = async (runId: string): Promise<{ summary: unknown; hits: unknown[]; coverage: unknown[] }> => {
    const [run] = await t.dataSource.query<Array<{ summary: string }>>('SELECT summary FROM screening_run WHERE id = ?', [runId]);
    const hits = await t.dataSource.query<unknown[]>(
      'SELECT policyCode, householdId, category, missingFacts, graceUntil FROM screening_hit WHERE runId = ? ORDER BY policyCode, householdId, category',
      [runId],
    );
    const coverage = await t.dataSource.query<unknown[]>(
      'SELECT streetCode, policyCode, eligibleHouseholds, eligiblePeople, receivingHouseholds, receivingPeople, silentHouseholds, silentPeople, exitHouseholds FROM screening_coverage WHERE runId = ? ORDER BY streetCode, policyCode',
      [runId],
    );
    return { summary: JSON.parse(run!.summary) as unknown, hits, coverage };
  };

  it('a screening runs as shards of JOB_SHARD_SIZE households, progress and results in the job tables', async () => {
    const district = await t.tokenFor('district_reviewer');
    const started = await t.http().post('/api/v1/screenings').set(bearer(district)).expect(201);
    const run = await t.app.get(ScreeningsService).finished(started.body.id as string);
    expect(run.status).toBe('completed');
    const job = await t.app.get(JobsService).get(run.id);
    const shards = await t.app.get(JobsService).shards(run.id);
    expect(job).toMatchObject({ kind: 'screening', status: 'completed', shardsTotal: shards.length, shardsDone: shards.length, processed: run.processed });
    expect(shards.length).toBeGreaterThanOrEqual(Math.ceil(run.processed / 25));
    expect(shards.every((s) => s.status === 'done' && s.attempts === 1)).toBe(true);
    expect(shards.reduce((n, s) => n + s.processed, 0)).toBe(run.processed);
    // The ranges chain: each shard starts where the previous ended, the last is open.
    shards.forEach((s, i) => expect(s.fromKey).toBe(i === 0 ? '' : shards[i - 1]!.toKey));
    expect(shards.at(-1)!.toKey).toBeNull();
  });

  it('the same shard run three times at once is committed once: results equal a clean run', async () => {
    const screenings = t.app.get(ScreeningsService);
    const jobs = t.app.get(JobsService);
    await t.dataSource.query('DELETE FROM eligibility_current');
    const clean = await screenings.finished((await screenings.begin('test', t.config.districtCode)).id);
    const expected = await outcome(clean.id);
    await t.dataSource.query('DELETE FROM eligibility_current');
    const run = await screenings.begin('test', t.config.districtCode);
    const shards = await jobs.shards(run.id);
    // The in-process queue runs every shard; two more runners take each shard at the same time.
    await Promise.all(
      shards.flatMap((s) => [
        jobs.runTask({ type: 'shard', jobId: run.id, index: s.shardIndex }, true),
        jobs.runTask({ type: 'shard', jobId: run.id, index: s.shardIndex }, true),
      ]),
    );
    const done = await screenings.finished(run.id);
    expect(done.status).toBe('completed');
    expect(done.processed).toBe(clean.processed);
    const after = await jobs.shards(run.id);
    expect(after.every((s) => s.status === 'done')).toBe(true);
    expect(after.some((s) => s.attempts >= 2)).toBe(true);
    expect((await jobs.get(run.id))!.shardsDone).toBe(after.length);
    expect(await outcome(run.id)).toEqual(expected);
  });

  it('cancelling stops the shards: nothing commits after the cancel, a second cancel is 409', async () => {
    const district = await t.tokenFor('district_reviewer');
    const started = await t.http().post('/api/v1/screenings').set(bearer(district)).expect(201);
    const cancelled = await t
      .http()
      .post(`/api/v1/screenings/${started.body.id as string}/cancel`)
      .set(bearer(district))
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const job = await t.app.get(JobsService).waitFor(started.body.id as string);
    expect(job.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    const shardsDone = (await t.app.get(JobsService).get(started.body.id as string))!.shardsDone;
    const done = (await t.app.get(JobsService).shards(started.body.id as string)).filter((s) => s.status === 'done').length;
    expect(done).toBe(shardsDone);
    await t
      .http()
      .post(`/api/v1/screenings/${started.body.id as string}/cancel`)
      .set(bearer(district))
      .expect(409);
  });

  it('a job left running when the process stopped is resumed from its pending shards by the next start', async () => {
    const run = await t.app.get(ScreeningsService).begin('test', t.config.districtCode);
    await t.close().catch(() => undefined);
    // The stop let the shard in hand finish; the rest wait in the database.
    const restartedAt = new Date().toISOString();
    t = await startTestApp({ ...env, KEEP_DATABASE: 'true' });
    const done = await t.app.get(ScreeningsService).finished(run.id);
    expect(done.status).toBe('completed');
    expect(done.processed).toBe(done.total);
    const shards = await t.app.get(JobsService).shards(run.id);
    expect(shards.every((s) => s.status === 'done')).toBe(true);
    // Some shards were done by the new start, not before the stop.
    expect(shards.filter((s) => s.doneAt! >= restartedAt).length).toBeGreaterThan(0);
  });

  it('waitFor resolves after the finishing process ran afterFinish, not as soon as the row says completed', async () => {
    // A screening hands its warm preview store and its notifications over in afterFinish: a caller
    // of finished() that read the preview at once saw the store of before the run (0 households).
    const jobs = t.app.get(JobsService);
    const events: string[] = [];
    jobs.register({
      kind: 'probe',
      runShard: async (ctx) => {
        await ctx.commit(1, null, async () => undefined);
      },
      finish: async () => {
        events.push('finish');
      },
      afterFinish: async () => {
        await new Promise((r) => setTimeout(r, 300));
        events.push('afterFinish');
      },
      stopped: async () => undefined,
    });
    const id = randomBytes(16)
      .toString('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    await t.app.get(Transactor).run((m) =>
      jobs.create(m, 'probe', id, [
        { fromKey: '', toKey: 'm' },
        { fromKey: 'm', toKey: null },
      ]),
    );
    await jobs.dispatch('probe', id, 2);
    const job = await jobs.waitFor(id, 5);
    expect(job.status).toBe('completed');
    expect(events).toEqual(['finish', 'afterFinish']);
  });

  it('a cancel while a shard is committing waits for it, counts it, and never deadlocks with it', async () => {
    // A shard once wrote its kind's run row before the job's row and a cancel took them the other
    // way round: on MariaDB one in six cancels of a running screening was a deadlock's victim (500).
    const jobs = t.app.get(JobsService);
    const ds = t.dataSource;
    await ds.query('CREATE TABLE probe_run (id VARCHAR(36) PRIMARY KEY, tallied INTEGER NOT NULL, status VARCHAR(20), shards INTEGER)');
    const deadlocks = async (): Promise<number> =>
      isMysql() ? Number((await ds.query<Array<{ Value: string }>>("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'"))[0]?.Value ?? 0) : 0;
    try {
      let entered = (): void => undefined;
      const inTally = new Promise<void>((r) => (entered = r));
      let release = (): void => undefined;
      const gate = new Promise<void>((r) => (release = r));
      jobs.register({
        kind: 'lock-probe',
        runShard: async (ctx) => {
          await ctx.commit(
            1,
            { shard: ctx.shard.shardIndex },
            async () => undefined,
            async (m) => {
              await m.query('UPDATE probe_run SET tallied = tallied + 1 WHERE id = ?', [ctx.job.id]);
              entered();
              await gate;
            },
          );
        },
        finish: async () => undefined,
        stopped: async (job, status, _error, results, m) => {
          await m.query('UPDATE probe_run SET status = ?, shards = ? WHERE id = ?', [status, results.length, job.id]);
        },
      });
      const id = randomBytes(16)
        .toString('hex')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
      await ds.query('INSERT INTO probe_run (id, tallied) VALUES (?, 0)', [id]);
      await t.app.get(Transactor).run((m) =>
        jobs.create(m, 'lock-probe', id, [
          { fromKey: '', toKey: 'm' },
          { fromKey: 'm', toKey: null },
        ]),
      );
      const before = await deadlocks();
      await jobs.dispatch('lock-probe', id, 2);
      await inTally;
      // The shard holds the job's row and the run row; the cancel queues behind it.
      const cancelled = jobs.cancel(id);
      await new Promise((r) => setTimeout(r, 200));
      release();
      expect(await cancelled).toBe(true);
      const job = await jobs.waitFor(id, 5);
      expect(job.status).toBe('cancelled');
      expect(job.shardsDone).toBe(1);
      const [row] = await ds.query<Array<{ tallied: number; status: string; shards: number }>>('SELECT tallied, status, shards FROM probe_run WHERE id = ?', [
        id,
      ]);
      expect({ tallied: Number(row!.tallied), status: row!.status, shards: Number(row!.shards) }).toEqual({ tallied: 1, status: 'cancelled', shards: 1 });
      expect(await deadlocks()).toBe(before);
    } finally {
      await ds.query('DROP TABLE probe_run');
    }
  });

  it('PROCESS_ROLE and REDIS_URL are checked at boot', () => {
    const base = { NODE_ENV: 'test', DATA_DIR: dir, ...keys };
    expect(() => loadConfig({ ...base, PROCESS_ROLE: 'worker' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PROCESS_ROLE: 'api', REDIS_URL: 'redis://127.0.0.1:6379/1' })).toThrow(/shared database/);
    expect(() => loadConfig({ ...base, PROCESS_ROLE: 'boss' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://x' })).toThrow(/redis:\/\//);
    expect(() => loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379/1', REDIS_PREFIX: 'a b' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, JOB_SHARD_SIZE: '5' })).toThrow(ConfigError);
    const ok = loadConfig({ ...base, PROCESS_ROLE: 'worker', REDIS_URL: 'redis://127.0.0.1:6379/1', DATABASE_URL: 'mysql://root@127.0.0.1:3306/x' });
    expect(ok).toMatchObject({ processRole: 'worker', redis: { url: 'redis://127.0.0.1:6379/1', prefix: 'zczr' }, jobs: { shardSize: 10_000 } });
  });
});
