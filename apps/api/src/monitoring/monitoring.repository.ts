import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Transactor } from '../database/transactor.js';
import { ReadPool } from '../database/read-pool.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { MemberEntity } from '../households/member.entity.js';
import { DepartmentRecordEntity } from '../imports/import.entity.js';
import { MonitoringRunEntity } from './monitoring-run.entity.js';
import { chunks } from '../database/sql.js';

export type HouseholdRow = Pick<HouseholdEntity, 'id' | 'status' | 'districtCode' | 'streetCode' | 'communityCode' | 'gridId' | 'snapshotEnc'>;
export type MemberRow = Pick<MemberEntity, 'householdId' | 'position' | 'relation' | 'birthDate' | 'employment' | 'idNumberHash'>;
export type RecordRow = Pick<DepartmentRecordEntity, 'householdId' | 'source' | 'personHash' | 'eventDate' | 'payloadEnc'>;

/** The household columns monitoring reads, as raw rows named like the entity's fields. */
const HOUSEHOLD_COLUMNS = ['id', 'status', 'districtCode', 'streetCode', 'communityCode', 'gridId', 'snapshotEnc'].map((c) => `h.${c} AS ${c}`);

/**
 * What monitoring reads of households, members, results and department records, in pages: through
 * the read pool (off the event loop on an SQLite file), since a monthly run reads every household,
 * its members and its records while staff use the console.
 */
@Injectable()
export class MonitoringRepository {
  constructor(
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    @InjectRepository(DepartmentRecordEntity) private readonly records: Repository<DepartmentRecordEntity>,
    @InjectRepository(MonitoringRunEntity) private readonly runs: Repository<MonitoringRunEntity>,
    private readonly tx: Transactor,
    private readonly reads: ReadPool,
  ) {}

  /** Active households of a district in id order (keyset pagination). */
  pageActive(districtCode: string, afterId: string, limit: number, uptoId?: string | null): Promise<HouseholdRow[]> {
    const qb = this.households
      .createQueryBuilder('h')
      .select(HOUSEHOLD_COLUMNS)
      .where('h.districtCode = :d AND h.status = :st AND h.id > :after', { d: districtCode, st: 'active', after: afterId });
    if (uptoId) qb.andWhere('h.id <= :upto', { upto: uptoId });
    return this.reads.raw<HouseholdRow>(qb.orderBy('h.id', 'ASC').limit(limit), 'jobs');
  }

  async activeByIds(ids: string[]): Promise<HouseholdRow[]> {
    const out: HouseholdRow[] = [];
    for (const part of chunks(ids, 500)) {
      out.push(
        ...(await this.reads.raw<HouseholdRow>(
          this.households
            .createQueryBuilder('h')
            .select(HOUSEHOLD_COLUMNS)
            .where('h.id IN (:...part) AND h.status = :st', { part, st: 'active' })
            .orderBy('h.id', 'ASC'),
          'jobs',
        )),
      );
    }
    return out;
  }

  async membersOf(ids: string[]): Promise<MemberRow[]> {
    const out: MemberRow[] = [];
    for (const part of chunks(ids, 500)) {
      out.push(
        ...(await this.reads.raw<MemberRow>(
          this.members
            .createQueryBuilder('m')
            .select([
              'm.householdId AS householdId',
              'm.position AS position',
              'm.relation AS relation',
              'm.birthDate AS birthDate',
              'm.employment AS employment',
              'm.idNumberHash AS idNumberHash',
            ])
            .where('m.householdId IN (:...part)', { part })
            .orderBy('m.householdId', 'ASC')
            .addOrderBy('m.position', 'ASC'),
          'jobs',
        )),
      );
    }
    return out;
  }

  /** Department records of these households with an event after `fromDate` (raw rows: an import can touch a million). */
  async recordsOf(ids: string[], fromDate: string): Promise<RecordRow[]> {
    const out: RecordRow[] = [];
    for (const part of chunks(ids, 500)) {
      out.push(
        ...(await this.reads.query<RecordRow>(
          `SELECT householdId, source, personHash, eventDate, payloadEnc FROM department_record WHERE householdId IN (${part.map(() => '?').join(', ')}) AND eventDate > ?`,
          [...part, fromDate],
          'jobs',
        )),
      );
    }
    return out;
  }

  findRun(id: string): Promise<MonitoringRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  findRunning(districtCode: string): Promise<MonitoringRunEntity | null> {
    return this.runs.findOneBy({ districtCode, status: 'running' });
  }

  findForPeriod(districtCode: string, period: string): Promise<MonitoringRunEntity | null> {
    return this.runs.findOneBy({ districtCode, period, status: In(['running', 'completed']) });
  }

  async insertRun(run: MonitoringRunEntity, m: EntityManager): Promise<void> {
    await m.insert(MonitoringRunEntity, run);
  }

  async updateRun(id: string, patch: Partial<MonitoringRunEntity>, m: EntityManager): Promise<void> {
    await m.update(MonitoringRunEntity, { id }, patch);
  }

  /** Runs left "running" without a job (from before jobs existed): they will never finish. */
  async failOrphans(at: string): Promise<void> {
    await this.tx.write((m) =>
      m
        .createQueryBuilder()
        .update(MonitoringRunEntity)
        .set({ status: 'failed', finishedAt: at, error: '服务重启，监测运行中断' })
        .where("status = 'running' AND id NOT IN (SELECT j.id FROM job j)")
        .execute(),
    );
  }
}
