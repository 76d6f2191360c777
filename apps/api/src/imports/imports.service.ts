import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Transactor } from '../database/transactor.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';
import { MonitoringPipeline } from '../monitoring/monitoring-pipeline.js';
import { sniffFormat } from './file-reader.js';
import { preparedBatches, readHeader, type PreparedBatch, type PreparedBatches } from './row-preparation.js';
import type { DepartmentRecordEntity, ImportErrorEntity, ImportRunEntity } from './import.entity.js';
import { ImportsRepository } from './imports.repository.js';
import { mapHeader, sourceOf, type ImportSource } from './sources.js';

const BATCH = 10_000;

interface Counts {
  processedRows: number;
  takenRows: number;
  duplicateRows: number;
  unmatchedRows: number;
  errorRows: number;
}

/**
 * Department data imports: a file streamed row by row, each row validated against the source's
 * schema, matched by the keyed hash of the ID number, stored encrypted and deduplicated by record,
 * batch by batch (progress visible); then the rules run for the households that got new records.
 * Every row not taken is in the error report with its row, column and reason.
 */
@Injectable()
export class ImportsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly repo: ImportsRepository,
    private readonly pipeline: MonitoringPipeline,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    private readonly bus: InvalidationBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repo.failInterrupted(this.clock.iso());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
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

  /** Starts an import of a file on disk in the background (also used by the benchmark). */
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
    await this.repo.insertRun(run);
    const work = this.execute(run, source, path).finally(async () => {
      this.running.delete(run.id);
      if (deleteAfter) await unlink(path).catch(() => undefined);
    });
    this.running.set(run.id, work);
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

  async finished(id: string): Promise<ImportRunEntity> {
    await this.running.get(id);
    const run = await this.repo.findRun(id);
    if (!run) throw notFound();
    return run;
  }

  /** The error report, a page at a time: row, column, reason (never the row's values). */
  async *errorReport(auth: AuthContext, id: string): AsyncGenerator<string> {
    await this.get(auth, id);
    yield '\uFEFF行号,列,原因\r\n';
    let after = 0;
    for (;;) {
      const page = await this.repo.errorsPage(id, after, 5000);
      if (page.length === 0) return;
      after = page[page.length - 1]!.id;
      yield page.map((e) => `${e.rowNumber},${csvField(e.columnName)},${csvField(e.reason)}\r\n`).join('');
    }
  }

  private async execute(run: ImportRunEntity, source: ImportSource, path: string): Promise<void> {
    const counts: Counts = { processedRows: 0, takenRows: 0, duplicateRows: 0, unmatchedRows: 0, errorRows: 0 };
    const affected = new Set<string>();
    const households = new Map<string, string | null>();
    let batches: PreparedBatches | null = null;
    let lastRow = 0;
    try {
      const header = await readHeader(path, run.format);
      if (!header) {
        await this.tx.run(async (m) => {
          await this.repo.insertErrors(m, [{ importId: run.id, rowNumber: 1, columnName: '', reason: '文件没有表头' }]);
          await this.repo.updateRun(run.id, { status: 'rejected', errorRows: 1, finishedAt: this.clock.iso(), error: '文件没有内容' }, m);
        });
        return;
      }
      lastRow = header.rowNumber;
      const mapped = mapHeader(source, header.cells);
      if (mapped.errors.length) {
        await this.tx.run(async (m) => {
          await this.repo.insertErrors(
            m,
            mapped.errors.map((e) => ({ importId: run.id, rowNumber: header.rowNumber, columnName: e.column, reason: e.reason })),
          );
          await this.repo.updateRun(
            run.id,
            { status: 'rejected', errorRows: 1, finishedAt: this.clock.iso(), error: `表头不符合“${source.label}”的格式，未导入任何行` },
            m,
          );
        });
        return;
      }
      batches = preparedBatches(
        { path, format: run.format, sourceCode: source.code, positions: [...mapped.positions], today: this.clock.today(), batchSize: BATCH, range: null },
        { encryptionKey: this.config.encryptionKey, hashKey: this.config.hashKey },
        this.cipher,
        this.config.importWorker,
      );
      for (let batch = await batches.next(); batch; batch = await batches.next()) {
        await this.store(run, source, batch, counts, affected, households);
        lastRow = batch.lastRow;
      }
      lastRow = -1;
      const raised = await this.pipeline.processIds([...affected], { kind: 'import', ref: run.id }, false);
      await this.repo.updateRun(run.id, { status: 'completed', warningsRaised: raised.warnings, finishedAt: this.clock.iso() });
      this.bus.publish('aggregates');
      await this.audit.record(null, {
        action: 'import.complete',
        entityType: 'import',
        entityId: run.id,
        detail: { ...counts, warnings: raised.warnings, tasks: raised.tasks },
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.logger.error(`import ${run.id} failed after row ${lastRow}: ${msg}`);
      await this.repo.updateRun(run.id, {
        status: 'failed',
        finishedAt: this.clock.iso(),
        error: (lastRow < 0
          ? `数据已全部导入（新导入 ${counts.takenRows} 行），但预警评估失败（${msg.slice(0, 200)}）；下次监测运行将重新评估`
          : `第 ${lastRow} 行附近无法继续（${msg.slice(0, 200)}）；已导入 ${counts.takenRows} 行并已保留，修正文件后重新导入即可，已导入的行不会重复`
        ).slice(0, 500),
      });
    } finally {
      await batches?.close();
    }
  }

  /** One prepared batch: find the households, drop what is already stored, write records, errors and progress in one transaction. */
  private async store(
    run: ImportRunEntity,
    source: ImportSource,
    batch: PreparedBatch,
    counts: Counts,
    affected: Set<string>,
    households: Map<string, string | null>,
  ): Promise<void> {
    const now = this.clock.iso();
    const errors: Array<Omit<ImportErrorEntity, 'id'>> = batch.errors.map((e) => ({ importId: run.id, ...e }));
    let duplicates = batch.duplicates;
    // A department file names the same people many times: each person is looked up once per import.
    const unknown = [...new Set(batch.valid.map((v) => v.person))].filter((p) => !households.has(p));
    const [found, existing] = await Promise.all([
      this.repo.householdsByPersonHash(unknown, run.districtCode),
      this.repo.existingKeys(batch.valid.map((v) => v.key)),
    ]);
    if (households.size > 500_000) households.clear();
    for (const p of unknown) households.set(p, found.get(p) ?? null);
    const records: Array<Omit<DepartmentRecordEntity, 'id'>> = [];
    let unmatched = 0;
    for (const v of batch.valid) {
      const stored = existing.get(v.key);
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
      affected.add(householdId);
    }
    counts.processedRows += batch.processed;
    counts.takenRows += records.length;
    counts.duplicateRows += duplicates;
    counts.unmatchedRows += unmatched;
    counts.errorRows += batch.errorRows;
    const snapshot = { ...counts };
    await this.tx.batch(() => this.repo.batchStatements(this.tx.mysql, run.id, records, errors, snapshot));
  }
}

function csvField(s: string): string {
  // Quote, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}
