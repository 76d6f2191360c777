import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import { bulkInsert, insertStatements, type Statement } from '../database/bulk.js';
import { ReadPool } from '../database/read-pool.js';
import { Transactor } from '../database/transactor.js';
import { MemberEntity } from '../households/member.entity.js';
import { chunks } from '../database/sql.js';
import { DepartmentRecordEntity, ImportErrorEntity, ImportRunEntity } from './import.entity.js';

const RECORD_COLUMNS = ['recordKey', 'source', 'importId', 'rowNumber', 'personHash', 'householdId', 'eventDate', 'payloadEnc', 'createdAt'] as const;
const ERROR_COLUMNS = ['importId', 'rowNumber', 'columnName', 'reason'] as const;

@Injectable()
export class ImportsRepository {
  constructor(
    @InjectRepository(ImportRunEntity) private readonly runs: Repository<ImportRunEntity>,
    @InjectRepository(ImportErrorEntity) private readonly errors: Repository<ImportErrorEntity>,
    @InjectRepository(DepartmentRecordEntity) private readonly records: Repository<DepartmentRecordEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    private readonly tx: Transactor,
    private readonly reads: ReadPool,
  ) {}

  findRun(id: string): Promise<ImportRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  async insertRun(run: ImportRunEntity, m: EntityManager): Promise<void> {
    await m.insert(ImportRunEntity, run);
  }

  /** Adds a rules shard's warnings to the run's count so far (in the shard's commit). */
  async addWarningsRaised(m: EntityManager, id: string, n: number): Promise<void> {
    await m.query('UPDATE import_run SET warningsRaised = warningsRaised + ? WHERE id = ?', [n, id]);
  }

  async updateRun(id: string, patch: Partial<ImportRunEntity>, m?: EntityManager): Promise<void> {
    if (m) await m.getRepository(ImportRunEntity).update({ id }, patch);
    else await this.tx.write(() => this.runs.update({ id }, patch));
  }

  /**
   * Active households of the district whose members hold these ID hashes. Two indexed look-ups
   * (member by hash, household by id) rather than a join, which SQLite would drive from the
   * household side and scan.
   */
  async householdsByPersonHash(hashes: string[], districtCode: string): Promise<Map<string, string>> {
    const byHash = new Map<string, string>();
    for (const part of chunks(hashes, 500)) {
      const rows = await this.reads.query<{ hash: string; householdId: string }>(
        `SELECT idNumberHash AS hash, householdId FROM member WHERE idNumberHash IN (${part.map(() => '?').join(', ')})`,
        part,
        'jobs',
      );
      for (const r of rows) byHash.set(r.hash, r.householdId);
    }
    const active = new Set<string>();
    for (const part of chunks([...new Set(byHash.values())], 500)) {
      const rows = await this.reads.query<{ id: string }>(
        `SELECT id FROM household WHERE id IN (${part.map(() => '?').join(', ')}) AND status = ? AND districtCode = ?`,
        [...part, 'active', districtCode],
        'jobs',
      );
      for (const r of rows) active.add(r.id);
    }
    for (const [hash, householdId] of byHash) if (!active.has(householdId)) byHash.delete(hash);
    return byHash;
  }

  /** Stored records with these keys: where each came from. */
  async existingKeys(keys: string[]): Promise<Map<string, { importId: string; rowNumber: number }>> {
    const map = new Map<string, { importId: string; rowNumber: number }>();
    for (const part of chunks(keys, 500)) {
      const rows = await this.reads.query<{ recordKey: string; importId: string; rowNumber: number }>(
        `SELECT recordKey, importId, rowNumber FROM department_record WHERE recordKey IN (${part.map(() => '?').join(', ')})`,
        part,
        'jobs',
      );
      for (const r of rows) map.set(r.recordKey, { importId: r.importId, rowNumber: Number(r.rowNumber) });
    }
    return map;
  }

  async insertRecords(m: EntityManager, rows: Array<Omit<DepartmentRecordEntity, 'id'>>): Promise<void> {
    await bulkInsert(m, 'department_record', RECORD_COLUMNS, rows, 500, 'id');
  }

  /**
   * A shard's records and errors, as statements of its one commit (ShardContext.commitBatch; on
   * SQLite run by the write worker, off the event loop).
   * A record whose key is already stored is skipped, not an error: two shards in two workers may
   * hold the same record (a row repeated in the file) and both find it not yet stored. The one that
   * commits second then counts it taken although it stored nothing; in that rare concurrent case
   * takenRows may exceed the records stored by one per such row (duplicateRows is short by as much).
   * `households`: those given records that this process has not listed in import_household before.
   */
  *shardStatements(
    mysql: boolean,
    importId: string,
    records: Array<Omit<DepartmentRecordEntity, 'id'>>,
    errors: Array<Omit<ImportErrorEntity, 'id'>>,
    households: readonly string[],
  ): Generator<Statement> {
    yield* insertStatements(mysql, 'department_record', RECORD_COLUMNS, records, 500, 'id');
    yield* insertStatements(mysql, 'import_error', ERROR_COLUMNS, errors, 200);
    // The households given records (the rules phase reads them), in id order: two shards committing
    // at once take these rows' locks in the same order.
    yield* insertStatements(
      mysql,
      'import_household',
      ['importId', 'householdId'],
      [...households].sort().map((householdId) => ({ importId, householdId })),
      500,
      'importId',
    );
  }

  /** The increments of the run's counts by a shard: the last statement of its commit, after the job's row. */
  tallyStatement(
    mysql: boolean,
    runId: string,
    counts: Pick<ImportRunEntity, 'processedRows' | 'takenRows' | 'duplicateRows' | 'unmatchedRows' | 'errorRows'>,
  ): Statement {
    const q = (c: string): string => (mysql ? `\`${c}\`` : `"${c}"`);
    const set = (['processedRows', 'takenRows', 'duplicateRows', 'unmatchedRows', 'errorRows'] as const).map((c) => `${q(c)} = ${q(c)} + ?`).join(', ');
    return {
      sql: `UPDATE ${q('import_run')} SET ${set} WHERE ${q('id')} = ?`,
      params: [counts.processedRows, counts.takenRows, counts.duplicateRows, counts.unmatchedRows, counts.errorRows, runId],
    };
  }

  /**
   * The households that got records from this import (whichever workers stored them), in id order;
   * those with ids in (after, upTo] (upTo null: to the end) for a shard of the import's rules.
   */
  async householdsOfImport(importId: string, after = '', upTo: string | null = null): Promise<string[]> {
    const rows = await this.reads.query<{ householdId: string }>(
      `SELECT householdId FROM import_household WHERE importId = ? AND householdId > ?${upTo === null ? '' : ' AND householdId <= ?'} ORDER BY householdId`,
      upTo === null ? [importId, after] : [importId, after, upTo],
      'jobs',
    );
    return rows.map((r) => r.householdId);
  }

  async insertErrors(m: EntityManager, rows: Array<Omit<ImportErrorEntity, 'id'>>): Promise<void> {
    await bulkInsert(m, 'import_error', ERROR_COLUMNS, rows, 200);
  }

  /**
   * Errors of an import in row order, a page at a time after (rowNumber, id) (the report streams
   * them): shards may commit in any order, so insertion order is not row order.
   */
  errorsPage(importId: string, after: { rowNumber: number; id: number }, take: number): Promise<ImportErrorEntity[]> {
    return this.errors.find({
      where: [
        { importId, rowNumber: MoreThan(after.rowNumber) },
        { importId, rowNumber: after.rowNumber, id: MoreThan(after.id) },
      ],
      order: { rowNumber: 'ASC', id: 'ASC' },
      take,
    });
  }

  /** Department records of these households on or after a date. */
  async recordsOf(householdIds: string[], fromDate: string): Promise<DepartmentRecordEntity[]> {
    const out: DepartmentRecordEntity[] = [];
    for (const part of chunks(householdIds, 500)) {
      out.push(...(await this.records.find({ where: { householdId: In(part), eventDate: MoreThan(fromDate) }, order: { id: 'ASC' } })));
    }
    return out;
  }

  listRuns(districtCode: string, page: number, pageSize: number): Promise<[ImportRunEntity[], number]> {
    return this.runs.findAndCount({ where: { districtCode }, order: { startedAt: 'DESC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  /** Errors of an import by page, in row order, for the console. */
  pageErrors(importId: string, page: number, pageSize: number): Promise<[ImportErrorEntity[], number]> {
    return this.errors.findAndCount({ where: { importId }, order: { rowNumber: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }
}
