import type { ImportRun } from '@zczr/contract';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JobQueue, type JobTask } from '../src/jobs/job-queue.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import type { DepartmentRecordEntity } from '../src/imports/import.entity.js';
import { ImportsRepository } from '../src/imports/imports.repository.js';
import { ImportsService } from '../src/imports/imports.service.js';
import { Transactor } from '../src/database/transactor.js';
import type { Warning } from '@zczr/contract';
import { createHouseholdAsStaff, freshIdNumber, person, workerPlacement, type PersonFixture, chinaDay } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

const day = chinaDay;

/** Imports as jobs: CSV shards by byte range, a shard committed once, cancellation. */
describe('imports as jobs', () => {
  let t: TestApp;
  let district: string;
  let a: PersonFixture;
  let b: PersonFixture;
  let c: PersonFixture;
  let held: JobTask[] | null = null;
  let jobs: JobsService;
  let single: Awaited<ReturnType<typeof outcome>> | null = null;
  let place: Awaited<ReturnType<typeof workerPlacement>>;

  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.dataSource.query(sql, params))[0].n);

  /** Tasks queued from now on wait in `held` (the test runs them) instead of running. */
  function holdTasks(): void {
    const queue = t.app.get(JobQueue);
    const enqueue = queue.enqueue.bind(queue);
    held = [];
    queue.enqueue = async (tasks: JobTask[]) => {
      if (held) held.push(...tasks);
      else await enqueue(tasks);
    };
  }
  async function releaseTasks(): Promise<void> {
    while (held?.length) await jobs.runTask(held.shift()!, true);
    held = null;
  }

  async function post(source: string, body: string, name = 'data.csv'): Promise<ImportRun> {
    const res = await t.http().post(`/api/v1/imports/${source}`).set(bearer(district)).attach('file', Buffer.from(body), name);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 202 });
    return res.body as ImportRun;
  }

  async function upload(body: string): Promise<ImportRun> {
    let run = await post('university_admission', body);
    for (let i = 0; i < 400 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      run = (await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body as ImportRun;
    }
    return run;
  }

  /** What an import left: its counts, error rows and records (in row order), and its shards. */
  async function outcome(run: ImportRun): Promise<{ counts: Record<string, unknown>; errors: unknown[]; records: unknown[]; shards: number }> {
    const errors = (await t.dataSource.query('SELECT rowNumber, columnName, reason FROM import_error WHERE importId = ? ORDER BY rowNumber, reason', [
      run.id,
    ])) as Array<Record<string, unknown>>;
    const records = (await t.dataSource.query(
      'SELECT rowNumber, recordKey, householdId, eventDate FROM department_record WHERE importId = ? ORDER BY rowNumber',
      [run.id],
    )) as Array<Record<string, unknown>>;
    // The shards of rows (the rules phase after them is counted apart, in its own test).
    const shards = await count("SELECT COUNT(*) AS n FROM job_shard WHERE jobId = ? AND fromKey NOT LIKE 'rules:%'", [run.id]);
    // In one process (no Redis) the rules are one shard: nothing else would share them.
    const rulesShards = await count("SELECT COUNT(*) AS n FROM job_shard WHERE jobId = ? AND fromKey LIKE 'rules:%'", [run.id]);
    // The report lists the rows in row order, however the shards committed.
    const report = (await t.http().get(`/api/v1/imports/${run.id}/errors`).set(bearer(district)).expect(200)).text;
    const reportRows = report
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    expect(reportRows).toEqual([...reportRows].sort((x, y) => x - y));
    expect(reportRows.length).toBe(errors.length);
    const { status, processedRows, takenRows, duplicateRows, unmatchedRows, errorRows } = run;
    return {
      counts: { status, processedRows, takenRows, duplicateRows, unmatchedRows, errorRows },
      errors: errors.map((e) => ({ ...e, rowNumber: Number(e.rowNumber) })),
      records: records.map((r) => ({ ...r, rowNumber: Number(r.rowNumber) })),
      shards,
      rulesShards,
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_SHARD_ROWS: '3' });
    jobs = t.app.get(JobsService);
    place = await workerPlacement(t);
    district = await t.tokenFor('district_reviewer');
    a = person('冯甲', 2006);
    b = person('冯乙', 2007);
    c = person('陈丙', 2006);
    await createHouseholdAsStaff(t, place, person('冯父', 1975), [a, b]);
    await createHouseholdAsStaff(t, place, person('陈母', 1978, true), [c]);
  });
  afterAll(() => t.close());

  // Quoted fields with newlines (LF, CRLF, empty lines inside quotes), empty lines, CRLF records, a
  // BOM, and repeated rows: cut into shards of 1, 2, 3 … records these fall on every shard edge.
  const bad = (): string => '11010119800101000X';
  const csv = (): string =>
    '\uFEFF' +
    [
      '身份证号,录取日期,录取院校',
      `${a.idNumber},${day(-10)},"北京\n大学"`, // 2
      '', // 3
      `${b.idNumber},${day(-9)},清华大学`, // 4
      `${a.idNumber},${day(-10)},"北京\n大学"`, // 5: repeats 2
      `${freshIdNumber(1990)},${day(-8)},某大学`, // 6: no such member
      `${bad()},${day(-5)},"多\r\n行\n\n名字"`, // 7
      '', // 8
      '', // 9
      `${c.idNumber},2025-13-45,某学院`, // 10
      `${b.idNumber},${day(-9)},清华大学`, // 11: repeats 4
      `${c.idNumber},${day(-3)},"复旦""大学"""`, // 12
      `${c.idNumber},${day(-3)},"复旦""大学"""`, // 13: repeats 12
      `${a.idNumber},${day(30)},"未来\n大学"`, // 14
      `${a.idNumber},${day(-1)},`, // 15
      '', // the file ends with CRLF
    ].join('\r\n');

  it('a CSV in several shards gives exactly the counts, records and error rows of one shard', async () => {
    const results = [];
    for (const rows of [1000, 1, 2, 3, 4]) {
      t.config.jobs.importShardRows = rows;
      const run = await upload(csv());
      results.push(await outcome(run));
      // The next import takes the same rows again.
      await t.dataSource.query('DELETE FROM department_record WHERE importId = ?', [run.id]);
    }
    t.config.jobs.importShardRows = 3;
    const [one, ...many] = results;
    single = { ...one!, shards: 0 };
    expect(one!.shards).toBe(1);
    expect(one!.counts).toEqual({ status: 'completed', processedRows: 11, takenRows: 4, duplicateRows: 3, unmatchedRows: 1, errorRows: 3 });
    expect((one!.records as Array<{ rowNumber: number }>).map((r) => r.rowNumber)).toEqual([2, 4, 12, 15]);
    expect(one!.errors).toEqual(
      expect.arrayContaining([
        { rowNumber: 5, columnName: '', reason: '与第 2 行重复，已忽略' },
        { rowNumber: 6, columnName: '身份证号', reason: '未匹配到本辖区在册家庭成员，未导入' },
        { rowNumber: 11, columnName: '', reason: '与第 4 行重复，已忽略' },
        { rowNumber: 13, columnName: '', reason: '与第 12 行重复，已忽略' },
      ]),
    );
    expect([...new Set((one!.errors as Array<{ rowNumber: number }>).map((e) => e.rowNumber))]).toEqual([5, 6, 7, 10, 11, 13, 14]);
    expect(many[0]!.shards).toBe(14); // 14 records after the header (the file ends with a newline)
    expect(many[2]!.shards).toBe(5);
    for (const r of many)
      expect({ counts: r.counts, errors: r.errors, records: r.records }).toEqual({ counts: one!.counts, errors: one!.errors, records: one!.records });
    // Every file kept for the workers is gone with its job.
    expect(readdirSync(join(t.config.dataDir, 'imports'))).toEqual([]);
  });

  it('a shard run twice at once (two workers) writes once', async () => {
    holdTasks();
    const run = await post('university_admission', csv());
    expect(held!.length).toBe(5);
    const first = held!.shift()!;
    // Both runs find the shard pending and prepare its rows; only one commits.
    await Promise.all([jobs.runTask(first, true), jobs.runTask(first, true)]);
    const shard = (await t.dataSource.query('SELECT attempts, status FROM job_shard WHERE jobId = ? AND shardIndex = 0', [run.id]))[0];
    expect({ attempts: Number(shard.attempts), status: shard.status }).toEqual({ attempts: 2, status: 'done' });
    await jobs.runTask(first, true); // a late retry finds it done
    await releaseTasks();
    // The same as one import of the file (the records of the imports above were deleted).
    const done = (await t.app.get(ImportsService).finished(run.id)) as unknown as ImportRun;
    expect(await outcome(done)).toEqual({ ...single!, shards: 5 });
    // A record another worker stored meanwhile is skipped by the insert, not an error.
    const repo = t.app.get(ImportsRepository);
    const tx = t.app.get(Transactor);
    const [stored] = (await t.dataSource.query(
      'SELECT recordKey, source, importId, rowNumber, personHash, householdId, eventDate, payloadEnc, createdAt FROM department_record WHERE importId = ? ORDER BY rowNumber LIMIT 1',
      [run.id],
    )) as Array<Omit<DepartmentRecordEntity, 'id'>>;
    expect(
      await tx.batch(() => repo.shardStatements(tx.mysql, run.id, [{ ...stored!, rowNumber: Number(stored!.rowNumber) }], [], [stored!.householdId])),
    ).toBe(true);
    expect(await count('SELECT COUNT(*) AS n FROM department_record WHERE importId = ?', [run.id])).toBe(single!.records.length);
  });

  it('a file that cannot be read on fails: the rows of the shards before stay, the error names the row near which it stopped', async () => {
    const broken = await upload('"身份证号,录取日期,录取院校\n1,2,3\n');
    expect(broken).toMatchObject({ status: 'failed', takenRows: 0 });
    expect(broken.error).toContain('第 1 行附近无法继续');
    const rows = [
      `${a.idNumber},${day(-20)},甲`,
      `${a.idNumber},${day(-21)},乙`,
      `${a.idNumber},${day(-22)},丙`,
      `${a.idNumber},${day(-23)},"丁`,
      `${b.idNumber},${day(-24)},戊`,
    ];
    const run = await upload(['身份证号,录取日期,录取院校', ...rows].join('\n'));
    expect(run).toMatchObject({ status: 'failed', processedRows: 3, takenRows: 3 });
    expect(run.error).toContain('第 5 行附近无法继续');
    expect(run.error).toContain('已导入 3 行并已保留');
    expect(await count('SELECT COUNT(*) AS n FROM department_record WHERE importId = ?', [run.id])).toBe(3);
    expect(existsSync(join(t.config.dataDir, 'imports', `${run.id}.csv`))).toBe(false);
  });

  it('cancels a running import: shards not yet committed do not commit, the run ends cancelled, audited', async () => {
    holdTasks();
    const run = await post('university_admission', csv().replace(day(-10), day(-11)).replaceAll(day(-9), day(-12)));
    expect(existsSync(join(t.config.dataDir, 'imports', `${run.id}.csv`))).toBe(true);
    await jobs.runTask(held!.shift()!, true); // the first shard commits
    const street = await t.tokenFor('street_reviewer');
    await t.http().post(`/api/v1/imports/${run.id}/cancel`).set(bearer(street)).expect(403);
    await t.http().post('/api/v1/imports/00000000-0000-4000-8000-000000000000/cancel').set(bearer(district)).expect(404);
    const res = await t.http().post(`/api/v1/imports/${run.id}/cancel`).set(bearer(district)).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', statusLabel: '已取消' });
    expect(res.body.error).toContain('已取消');
    await releaseTasks();
    const after = (await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body as ImportRun;
    expect(after).toMatchObject({ status: 'cancelled', processedRows: 2, takenRows: 2 });
    expect(await count('SELECT COUNT(*) AS n FROM department_record WHERE importId = ?', [run.id])).toBe(2);
    expect(existsSync(join(t.config.dataDir, 'imports', `${run.id}.csv`))).toBe(false);
    const again = await t.http().post(`/api/v1/imports/${run.id}/cancel`).set(bearer(district)).expect(409);
    expect(again.body.code).toBe('INVALID_STATE');
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import.cancel' AND entityId = ?", [run.id])).toBe(1);
  });

  it('the rules run in shards of the households the import touched, on any worker, once every row is stored; a rules shard run twice raises nothing twice', async () => {
    const families = [];
    for (let i = 0; i < 5; i++) {
      const adult = person(`韩${'甲乙丙丁戊'[i]}`, 1984 + i);
      families.push({ adult, household: await createHouseholdAsStaff(t, place, person(`韩${'一二三四五'[i]}`, 1960 + i), [adult]) });
    }
    const importWarnings = async (householdId: string): Promise<string[]> =>
      ((await t.http().get('/api/v1/warnings').query({ householdId, pageSize: 50 }).set(bearer(district)).expect(200)).body.items as Warning[])
        .filter((w) => w.source === 'import')
        .map((w) => w.ruleCode)
        .sort();
    const shardSize = t.config.jobs.shardSize;
    t.config.jobs.shardSize = 2; // five households: three shards of rules
    // As with Redis, where other workers share the shards (in one process the rules are one shard).
    const queue = t.app.get(JobQueue);
    Object.defineProperty(queue, 'distributed', { value: true, configurable: true });
    holdTasks();
    try {
      const run = await post('death', ['身份证号,死亡日期', ...families.map((f) => `${f.adult.idNumber},${day(-2)}`)].join('\n'));
      expect(held!.map((x) => x.type)).toEqual(['shard', 'shard']); // five rows in shards of three
      await jobs.runTask(held!.shift()!, true);
      await jobs.runTask(held!.shift()!, true);
      // Every row stored: the finish adds the rules phase instead of finishing.
      expect(held).toEqual([{ type: 'finish', jobId: run.id, shards: 2 }]);
      await jobs.runTask(held!.shift()!, true);
      expect(held!.map((x) => (x.type === 'shard' ? x.index : -1))).toEqual([2, 3, 4]);
      const ids = families.map((f) => f.household.id).sort();
      // The households given records, one row each, committed with the rows (whichever shard stored them).
      expect(
        (
          (await t.dataSource.query('SELECT householdId FROM import_household WHERE importId = ? ORDER BY householdId', [run.id])) as Array<{
            householdId: string;
          }>
        ).map((r) => r.householdId),
      ).toEqual(ids);
      const shards = (await t.dataSource.query(
        'SELECT shardIndex, fromKey, toKey, status FROM job_shard WHERE jobId = ? AND shardIndex >= 2 ORDER BY shardIndex',
        [run.id],
      )) as Array<{ shardIndex: number; fromKey: string; toKey: string | null; status: string }>;
      expect(shards.map((x) => [x.fromKey, x.toKey, x.status])).toEqual([
        ['rules:', `rules:${ids[1]}`, 'pending'],
        [`rules:${ids[1]}`, `rules:${ids[3]}`, 'pending'],
        [`rules:${ids[3]}`, null, 'pending'],
      ]);
      expect((await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body).toMatchObject({ status: 'running', takenRows: 5 });
      for (const f of families) expect(await importWarnings(f.household.id)).toEqual([]);
      // A late finish (its worker was thought dead) adds nothing more.
      await jobs.runTask({ type: 'finish', jobId: run.id, shards: 2 }, true);
      expect(await count('SELECT shardsTotal AS n FROM job WHERE id = ?', [run.id])).toBe(5);
      expect(held!.length).toBe(6); // it queued the pending shards again; a shard queued twice commits once
      // The first rules shard run twice at once (two workers): its households warned once, committed once.
      const first = held!.shift()!;
      await Promise.all([jobs.runTask(first, true), jobs.runTask(first, true)]);
      const shard = (await t.dataSource.query('SELECT attempts, status, result FROM job_shard WHERE jobId = ? AND shardIndex = 2', [run.id]))[0];
      expect({ attempts: Number(shard.attempts), status: shard.status }).toEqual({ attempts: 2, status: 'done' });
      const firstTwo = [await importWarnings(ids[0]!), await importWarnings(ids[1]!)];
      expect(firstTwo.every((codes) => codes.includes('earner_event') && new Set(codes).size === codes.length)).toBe(true);
      expect(JSON.parse(shard.result as string)).toEqual({ rules: true, households: 2, warnings: firstTwo.flat().length, tasks: expect.any(Number) });
      // The run's count of warnings raised so far is kept as the shards commit.
      expect((await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body.warningsRaised).toBe(firstTwo.flat().length);
      await releaseTasks();
      const done = (await t.app.get(ImportsService).finished(run.id)) as unknown as ImportRun;
      const all = [];
      for (const id of ids) all.push(await importWarnings(id));
      expect(all.every((codes) => JSON.stringify(codes) === JSON.stringify(all[0]) && codes.includes('earner_event'))).toBe(true);
      expect(done).toMatchObject({ status: 'completed', takenRows: 5, warningsRaised: all.flat().length });
      expect(await count("SELECT COUNT(*) AS n FROM job_shard WHERE jobId = ? AND status = 'done'", [run.id])).toBe(5);
    } finally {
      held = null;
      t.config.jobs.shardSize = shardSize;
      Object.defineProperty(queue, 'distributed', { value: false, configurable: true });
    }
  });
});
