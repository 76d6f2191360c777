import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Transactor } from '../database/transactor.js';
import { JobShardEntity, type JobEntity } from '../jobs/job.entity.js';
import type { JobKind, ShardContext } from '../jobs/job-kind.js';
import { JobsService, type ShardRange } from '../jobs/jobs.service.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';
import { MonitoringPipeline } from '../monitoring/monitoring-pipeline.js';
import { rangeKeys, rangeOfKeys, splitCsv } from './csv-split.js';
import { sniffFormat, type FileFormat } from './file-reader.js';
import { preparedBatches, readHeader, type PreparationJob, type PreparedBatches } from './row-preparation.js';
import { ImportRunEntity, type DepartmentRecordEntity, type ImportErrorEntity } from './import.entity.js';
import { ImportsRepository } from './imports.repository.js';
import { mapHeader, sourceOf } from './sources.js';

const BATCH = 10_000;
/**
 * Batches the reading thread prepares ahead: a whole shard (at most 10 batches, about 50 MB), so the
 * next shard is prepared while this one commits. With one batch ahead the two threads took turns:
 * 1,000,000 rows were stored after 49 s: the reading thread's 19 s of CPU in turn with the writer's 22 s.
 */
const readAheadBatches = (shardRows: number): number => Math.max(1, Math.min(10, Math.ceil(shardRows / BATCH)));
const JOB_KIND = 'import';
/**
 * The import's second phase: its rules (warnings, risk, tasks) over the households that got new
 * records, in shards of JOB_SHARD_SIZE households by id, run by any worker once every row is stored.
 * Their keys are household ids after this prefix (a CSV shard's keys are byte offsets and rows).
 */
const RULES = 'rules:';
const isRulesShard = (s: { fromKey: string }): boolean => s.fromKey.startsWith(RULES);

/** What a rules shard raised (its result beside the row shards' Counts). */
interface RulesResult {
  rules: true;
  households: number;
  warnings: number;
  tasks: number;
}
const isRules = (r: unknown): r is RulesResult => typeof r === 'object' && r !== null && (r as { rules?: unknown }).rules === true;
const rowCounts = (results: unknown[]): Counts => (results.filter((r) => !isRules(r)) as Counts[]).reduce(addCounts, emptyCounts());
const raisedBy = (results: unknown[]): { warnings: number; tasks: number } =>
  results.filter(isRules).reduce((a, r) => ({ warnings: a.warnings + r.warnings, tasks: a.tasks + r.tasks }), { warnings: 0, tasks: 0 });

interface Counts {
  processedRows: number;
  takenRows: number;
  duplicateRows: number;
  unmatchedRows: number;
  errorRows: number;
}

const emptyCounts = (): Counts => ({ processedRows: 0, takenRows: 0, duplicateRows: 0, unmatchedRows: 0, errorRows: 0 });
const addCounts = (a: Counts, b: Counts): Counts => ({
  processedRows: a.processedRows + b.processedRows,
  takenRows: a.takenRows + b.takenRows,
  duplicateRows: a.duplicateRows + b.duplicateRows,
  unmatchedRows: a.unmatchedRows + b.unmatchedRows,
  errorRows: a.errorRows + b.errorRows,
});

/**
 * Department data imports: a file checked (source, type, header) when it arrives, kept where every
 * worker process reads it (DATA_DIR/imports/<run id>.csv|.xlsx), then imported as a job (kind
 * `import`): a CSV in shards of IMPORT_SHARD_ROWS records cut at record boundaries (byte ranges),
 * an Excel file in one shard. A shard validates each row against the source's schema, matches it
 * by the keyed hash of the ID number, drops what is already stored, and commits its records
 * (encrypted), its error rows and the run's counts with its done mark, once. The finish runs the
 * rules for the households that got new records. Every row not taken is in the error report with
 * its row, column and reason.
 */
@Injectable()
export class ImportsService implements JobKind {
  readonly kind = JOB_KIND;
  private readonly logger = new Logger('Imports');
  /** What the finish raised, from `finish` to `afterFinish` (the same process, the same job). */
  private readonly raised = new Map<string, { warnings: number; tasks: number }>();
  /**
   * The next shard's rows, already being prepared by the reading thread while this shard looks up
   * and commits (in process, where the next shard runs here next). At most one.
   */
  private prefetched: { jobId: string; index: number; fromKey: string; batches: PreparedBatches } | null = null;
  /** Each person's household (or none) as looked up by the import running here. */
  private people: { jobId: string; households: Map<string, string | null>; listed: Set<string> } | null = null;

  constructor(
    private readonly repo: ImportsRepository,
    private readonly pipeline: MonitoringPipeline,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    private readonly bus: InvalidationBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.register(this);
  }

  async start(auth: AuthContext, sourceCode: string, file: Express.Multer.File | undefined): Promise<ImportRunEntity> {
    const source = sourceOf(sourceCode);
    if (!source) {
      if (file?.path) await unlink(file.path).catch(() => undefined);
      throw new AppError('IMPORT_UNKNOWN_SOURCE');
    }
    if (!file?.path) throw new AppError('IMPORT_FILE_REQUIRED');
    if (file.size === 0) {
      await unlink(file.path).catch(() => undefined);
      throw new AppError('IMPORT_FILE_EMPTY');
    }
    if ((await sniffFormat(file.path)) === null) {
      await unlink(file.path).catch(() => undefined);
      throw new AppError('IMPORT_FILE_TYPE');
    }
    const district = (auth.regionCode ?? this.config.districtCode).slice(0, 6);
    const run = await this.importFile(auth.userId, district, source.code, file.path, Buffer.from(file.originalname, 'latin1').toString('utf8'), true);
    await this.audit.record(auth, { action: 'import.start', entityType: 'import', entityId: run.id, detail: { source: source.code, bytes: file.size } });
    return run;
  }

  /**
   * Checks a file on disk and starts its import as a job (also used by the benchmark). The file is
   * kept where every worker reads it, DATA_DIR/imports/<run id>.csv|.xlsx, until the job ends: moved
   * there with `deleteAfter` (an upload), else linked (or copied) there and the original left alone.
   */
  async importFile(
    startedBy: string,
    districtCode: string,
    sourceCode: string,
    path: string,
    fileName: string,
    deleteAfter: boolean,
  ): Promise<ImportRunEntity> {
    const source = sourceOf(sourceCode);
    if (!source) throw new AppError('IMPORT_UNKNOWN_SOURCE');
    const format = await sniffFormat(path);
    if (format === null) throw new AppError('IMPORT_FILE_TYPE');
    const run: ImportRunEntity = {
      id: randomUUID(),
      source: source.code,
      fileName: fileName.slice(0, 200),
      format,
      status: 'running',
      districtCode,
      processedRows: 0,
      takenRows: 0,
      duplicateRows: 0,
      unmatchedRows: 0,
      errorRows: 0,
      warningsRaised: 0,
      startedBy,
      startedAt: this.clock.iso(),
      finishedAt: null,
      error: null,
    };
    let kept = path;
    try {
      let header: Awaited<ReturnType<typeof readHeader>>;
      try {
        header = await readHeader(path, format);
      } catch (e) {
        // Not readable (a broken quote in the header, a damaged workbook): the run fails, no job.
        const msg = e instanceof Error ? e.message : String(e);
        await this.tx.run((m) =>
          this.repo.insertRun(
            {
              ...run,
              status: 'failed',
              finishedAt: this.clock.iso(),
              error: `第 1 行附近无法继续（${msg.slice(0, 200)}）；已导入 0 行，修正文件后重新导入即可`.slice(0, 500),
            },
            m,
          ),
        );
        if (deleteAfter) await unlink(path).catch(() => undefined);
        return (await this.repo.findRun(run.id))!;
      }
      // A file without a header row, or whose header does not fit the source: rejected, no job.
      const mapped = header ? mapHeader(source, header.cells) : null;
      if (!header || mapped!.errors.length) {
        await this.tx.run(async (m) => {
          await this.repo.insertRun(
            {
              ...run,
              status: 'rejected',
              errorRows: 1,
              finishedAt: this.clock.iso(),
              error: header ? `表头不符合“${source.label}”的格式，未导入任何行` : '文件没有内容',
            },
            m,
          );
          await this.repo.insertErrors(
            m,
            header
              ? mapped!.errors.map((e) => ({ importId: run.id, rowNumber: header.rowNumber, columnName: e.column, reason: e.reason }))
              : [{ importId: run.id, rowNumber: 1, columnName: '', reason: '文件没有表头' }],
          );
        });
        if (deleteAfter) await unlink(path).catch(() => undefined);
        return (await this.repo.findRun(run.id))!;
      }
      // Where every worker process of the deployment reads it (they share DATA_DIR).
      kept = this.filePath(run.id, format);
      await mkdir(join(this.config.dataDir, 'imports'), { recursive: true });
      if (deleteAfter) await rename(path, kept).catch(() => copyFile(path, kept).then(() => unlink(path)));
      else await link(path, kept).catch(() => copyFile(path, kept));
      // An Excel file cannot be read from the middle: one shard, whose records are held until its
      // one commit (bounded by IMPORT_MAX_BYTES; a CSV shard holds IMPORT_SHARD_ROWS rows).
      const ranges: ShardRange[] =
        format === 'csv' ? (await splitCsv(kept, this.config.jobs.importShardRows)).map(rangeKeys) : [{ fromKey: '0:2', toKey: null }];
      await this.tx.run(async (m) => {
        await this.repo.insertRun(run, m);
        await this.jobs.create(m, JOB_KIND, run.id, ranges);
      });
      await this.jobs.dispatch(JOB_KIND, run.id, ranges.length);
    } catch (e) {
      if (deleteAfter || kept !== path) await unlink(kept).catch(() => undefined);
      throw e;
    }
    return run;
  }

  async get(auth: AuthContext, id: string): Promise<ImportRunEntity> {
    const run = await this.repo.findRun(id);
    if (!run || run.districtCode !== (auth.regionCode ?? '').slice(0, 6)) throw notFound();
    return run;
  }

  list(auth: AuthContext, page: number, pageSize: number): Promise<[ImportRunEntity[], number]> {
    return this.repo.listRuns((auth.regionCode ?? '').slice(0, 6), page, pageSize);
  }

  async errorRows(auth: AuthContext, id: string, page: number, pageSize: number): Promise<[ImportErrorEntity[], number]> {
    await this.get(auth, id);
    return this.repo.pageErrors(id, page, pageSize);
  }

  /** Stops a running import: shards not yet committed will not commit; rows already imported stay. */
  async cancel(auth: AuthContext, id: string): Promise<ImportRunEntity> {
    const run = await this.get(auth, id);
    if (run.status !== 'running' || !(await this.jobs.cancel(id))) throw new AppError('INVALID_STATE', '导入已结束，无法取消');
    await this.audit.record(auth, { action: 'import.cancel', entityType: 'import', entityId: id });
    return this.get(auth, id);
  }

  /** Resolves with the run when its import is over (tests, the benchmark). */
  async finished(id: string): Promise<ImportRunEntity> {
    await this.jobs.waitFor(id);
    const run = await this.repo.findRun(id);
    if (!run) throw notFound();
    return run;
  }

  /** The error report, a page at a time: row, column, reason (never the row's values). */
  async *errorReport(auth: AuthContext, id: string): AsyncGenerator<string> {
    await this.get(auth, id);
    yield '\uFEFF行号,列,原因\r\n';
    let after = { rowNumber: -1, id: 0 };
    for (;;) {
      const page = await this.repo.errorsPage(id, after, 5000);
      if (page.length === 0) return;
      const last = page[page.length - 1]!;
      after = { rowNumber: last.rowNumber, id: last.id };
      yield page.map((e) => `${e.rowNumber},${csvField(e.columnName)},${csvField(e.reason)}\r\n`).join('');
    }
  }

  private filePath(id: string, format: FileFormat): string {
    return join(this.config.dataDir, 'imports', `${id}.${format}`);
  }

  // --- the job ------------------------------------------------------------------------------

  async runShard(ctx: ShardContext): Promise<void> {
    if (await ctx.stopped()) return;
    if (isRulesShard(ctx.shard)) return this.runRulesShard(ctx);
    const run = await this.repo.findRun(ctx.job.id);
    if (!run) throw new Error(`import run ${ctx.job.id} not found`);
    const source = sourceOf(run.source);
    if (!source) throw new Error(`unknown import source ${run.source}`);
    const path = this.filePath(run.id, run.format);
    const header = await readHeader(path, run.format);
    const mapped = header && mapHeader(source, header.cells);
    if (!mapped || mapped.errors.length) throw new Error('file header changed since the import started');
    const counts = emptyCounts();
    const records: Array<Omit<DepartmentRecordEntity, 'id'>> = [];
    const errors: Array<Omit<ImportErrorEntity, 'id'>> = [];
    // Records this shard takes, by key: a row repeated in a later batch of the shard is a duplicate
    // of it as if it were stored (rows of earlier shards are found stored, by the look-up).
    const taken = new Map<string, number>();
    // A department file names the same people many times: each person is looked up once per
    // import in this process (per shard, 100 shards of a million rows looked up 20 times as many).
    if (this.people?.jobId !== run.id || this.people.households.size > 500_000) this.people = { jobId: run.id, households: new Map(), listed: new Set() };
    const households = this.people.households;
    // Households a shard committed here already wrote to import_household: not written again.
    const listed = this.people.listed;
    const now = this.clock.iso();
    let batches: PreparedBatches | null = null;
    const preparation = (fromKey: string, toKey: string | null): PreparationJob => ({
      path,
      format: run.format,
      sourceCode: source.code,
      positions: [...mapped.positions],
      today: this.clock.today(),
      batchSize: BATCH,
      readAhead: readAheadBatches(this.config.jobs.importShardRows),
      range: run.format === 'csv' ? rangeOfKeys(fromKey, toKey) : null,
    });
    const open = (job: PreparationJob): PreparedBatches =>
      preparedBatches(job, { encryptionKey: this.config.encryptionKey, hashKey: this.config.hashKey }, this.cipher, this.config.importWorker);
    let received = 0;
    let prefetching = false;
    try {
      // Validation, hashing and encryption in a worker thread (built API), up to a shard ahead.
      batches = (await this.takePrefetched(ctx.job.id, ctx.shard.shardIndex, ctx.shard.fromKey)) ?? open(preparation(ctx.shard.fromKey, ctx.shard.toKey));
      for (let batch = await batches.next(); batch; batch = await batches.next()) {
        if (await ctx.stopped()) return;
        received += batch.processed;
        // The shard's last batch is in hand: the next shard's rows are prepared while this one
        // looks up its households and commits (the reading thread would otherwise wait for it).
        if (!prefetching && run.format === 'csv' && !this.jobs.distributed && received + BATCH > this.config.jobs.importShardRows) {
          prefetching = true;
          await this.prefetchNext(ctx.job.id, ctx.shard.shardIndex, (from, to) => open(preparation(from, to)));
        }
        errors.push(...batch.errors.map((e) => ({ importId: run.id, ...e })));
        let duplicates = batch.duplicates;
        const unknown = [...new Set(batch.valid.map((v) => v.person))].filter((p) => !households.has(p));
        const [found, existing] = await Promise.all([
          this.repo.householdsByPersonHash(unknown, run.districtCode),
          this.repo.existingKeys(batch.valid.map((v) => v.key)),
        ]);
        for (const p of unknown) households.set(p, found.get(p) ?? null);
        let unmatched = 0;
        for (const v of batch.valid) {
          const earlier = taken.get(v.key);
          const stored = earlier !== undefined ? { importId: run.id, rowNumber: earlier } : existing.get(v.key);
          if (stored) {
            duplicates++;
            if (stored.importId === run.id)
              errors.push({ importId: run.id, rowNumber: v.rowNumber, columnName: '', reason: `与第 ${stored.rowNumber} 行重复，已忽略` });
            continue;
          }
          const householdId = households.get(v.person);
          if (!householdId) {
            unmatched++;
            errors.push({ importId: run.id, rowNumber: v.rowNumber, columnName: '身份证号', reason: '未匹配到本辖区在册家庭成员，未导入' });
            continue;
          }
          taken.set(v.key, v.rowNumber);
          records.push({
            recordKey: v.key,
            source: source.code,
            importId: run.id,
            rowNumber: v.rowNumber,
            personHash: v.person,
            householdId,
            eventDate: v.date,
            payloadEnc: v.payloadEnc,
            createdAt: now,
          });
        }
        counts.processedRows += batch.processed;
        counts.duplicateRows += duplicates;
        counts.unmatchedRows += unmatched;
        counts.errorRows += batch.errorRows;
      }
    } finally {
      await batches?.close();
    }
    counts.takenRows = records.length;
    const { repo } = this;
    const mysql = this.tx.mysql;
    // Records, error rows and the run's counts commit with the shard's done mark, once: a shard run
    // again after its worker died writes nothing the second time.
    const newHouseholds = [...new Set(records.map((r) => r.householdId))].filter((h) => !listed.has(h));
    const committed = await ctx.commitBatch(
      counts.processedRows,
      counts,
      () => repo.shardStatements(mysql, run.id, records, errors, newHouseholds),
      () => [repo.tallyStatement(mysql, run.id, counts)],
    );
    if (committed) for (const h of newHouseholds) listed.add(h);
  }

  /**
   * Once every row is stored: the rules phase, shards of the households that got new records by this
   * import (read from the database, whichever workers stored them), cut by id. None when it exists
   * already or no household got a record.
   */
  async moreShards(job: JobEntity, shards: JobShardEntity[]): Promise<ShardRange[]> {
    if (shards.some(isRulesShard)) return [];
    const ids = await this.repo.householdsOfImport(job.id);
    // In one process (no Redis) nothing would share the shards: one, read page after page ahead.
    const size = this.jobs.distributed ? this.config.jobs.shardSize : Math.max(1, ids.length);
    const ranges: ShardRange[] = [];
    for (let i = 0; i < ids.length; i += size) {
      const last = i + size >= ids.length;
      ranges.push({ fromKey: RULES + (i === 0 ? '' : ids[i - 1]!), toKey: last ? null : RULES + ids[i + size - 1]! });
    }
    return ranges;
  }

  /**
   * A shard of the rules phase: the warning rules, risk scores and task dispatch for its households.
   * Warnings and tasks are written as it goes (as a monitoring shard's are); its commit is what it
   * raised and the run's running total. Safe to run twice (its worker died): warnings are raised
   * once per window and unchanged scores write nothing, so a second run raises nothing new (and then
   * reports what it raised: none).
   */
  private async runRulesShard(ctx: ShardContext): Promise<void> {
    const ids = await this.repo.householdsOfImport(
      ctx.job.id,
      ctx.shard.fromKey.slice(RULES.length),
      ctx.shard.toKey === null ? null : ctx.shard.toKey.slice(RULES.length),
    );
    const raised = await this.pipeline.processIds(ids, { kind: 'import', ref: ctx.job.id }, false);
    if (await ctx.stopped()) return;
    const result: RulesResult = { rules: true, households: ids.length, warnings: raised.warnings, tasks: raised.tasks };
    // processed 0: the job's progress stays the rows read (the households are the second phase's).
    await ctx.commit(
      0,
      result,
      async () => undefined,
      (m) => this.repo.addWarningsRaised(m, ctx.job.id, result.warnings),
    );
  }

  async finish(job: JobEntity, results: unknown[], m: EntityManager): Promise<void> {
    const raised = raisedBy(results);
    this.raised.set(job.id, raised);
    await this.repo.updateRun(job.id, { status: 'completed', warningsRaised: raised.warnings, finishedAt: this.clock.iso() }, m);
  }

  async afterFinish(job: JobEntity, results: unknown[]): Promise<void> {
    const raised = this.raised.get(job.id) ?? { warnings: 0, tasks: 0 };
    this.raised.delete(job.id);
    const run = await this.repo.findRun(job.id);
    if (run) await this.removeFile(job.id, run.format);
    this.bus.publish('aggregates');
    const counts = rowCounts(results);
    await this.audit.record(null, {
      action: 'import.complete',
      entityType: 'import',
      entityId: job.id,
      detail: { ...counts, warnings: raised.warnings, tasks: raised.tasks },
    });
  }

  async stopped(job: JobEntity, status: 'cancelled' | 'failed', error: string | null, results: unknown[], m: EntityManager): Promise<void> {
    const taken = rowCounts(results).takenRows;
    // Near the first row not imported: the first row of the first shard of rows not done (none: every
    // row is stored, and what failed is the rules phase or the finish).
    const pending = (await m.find(JobShardEntity, { where: { jobId: job.id, status: 'pending' }, order: { shardIndex: 'ASC' } })).filter(
      (s) => !isRulesShard(s),
    )[0];
    let message: string;
    if (status === 'cancelled') message = `已取消；已导入 ${taken} 行并已保留，重新导入同一文件时已导入的行不会重复`;
    else if (!pending) message = `数据已全部导入（新导入 ${taken} 行），但预警评估失败（${(error ?? '').slice(0, 200)}）；下次监测运行将重新评估`;
    else {
      const row = Number(pending.fromKey.split(':')[1]);
      message = `第 ${row} 行附近无法继续（${(error ?? '').slice(0, 200)}）；已导入 ${taken} 行并已保留，修正文件后重新导入即可，已导入的行不会重复`;
      this.logger.error(`import ${job.id} failed near row ${row}: ${error ?? ''}`);
    }
    await this.repo.updateRun(job.id, { status, finishedAt: this.clock.iso(), error: message.slice(0, 500) }, m);
    // A shard still reading it in another worker keeps its open file; it will not commit.
    const run = await m.findOneBy(ImportRunEntity, { id: job.id });
    if (run) await this.removeFile(job.id, run.format);
  }

  /** The job is over: its file goes (and any rows read ahead of it). */
  private async removeFile(id: string, format: FileFormat): Promise<void> {
    if (this.prefetched?.jobId === id) await this.takePrefetched(id, -1, '');
    if (this.people?.jobId === id) this.people = null;
    await unlink(this.filePath(id, format)).catch(() => undefined);
  }

  /** Starts preparing the shard after `index` of the job, if it is still pending. */
  private async prefetchNext(jobId: string, index: number, open: (fromKey: string, toKey: string | null) => PreparedBatches): Promise<void> {
    const next = (await this.jobs.shards(jobId)).find((s) => s.shardIndex === index + 1 && s.status === 'pending');
    if (!next || isRulesShard(next)) return;
    await this.takePrefetched('', -1, ''); // at most one read ahead
    this.prefetched = { jobId, index: next.shardIndex, fromKey: next.fromKey, batches: open(next.fromKey, next.toKey) };
  }

  /** The rows read ahead for this shard, or null (and whatever was read ahead for another is closed). */
  private async takePrefetched(jobId: string, index: number, fromKey: string): Promise<PreparedBatches | null> {
    const p = this.prefetched;
    if (!p) return null;
    this.prefetched = null;
    if (p.jobId === jobId && p.index === index && p.fromKey === fromKey) return p.batches;
    await p.batches.close();
    return null;
  }
}

function csvField(s: string): string {
  // Quote, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}
