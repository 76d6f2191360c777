import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WARNING_COLOURS, WARNING_STATUSES } from '@zczr/contract';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import type { Scope } from '../access/access.service.js';
import { bulkInsert } from '../database/bulk.js';
import { Transactor } from '../database/transactor.js';
import { pageByIds, pageBySegments, ReadPool, type ListTotal } from '../database/read-pool.js';
import { chunks, whereInScope } from '../database/sql.js';
import { MonitoringParameterEntity, WarningEntity, WarningRuleEntity, type Severity, type WarningStatus } from './warning.entity.js';

const WARNING_COLUMNS = [
  'id',
  'householdId',
  'ruleCode',
  'severity',
  'status',
  'evidence',
  'districtCode',
  'streetCode',
  'communityCode',
  'gridId',
  'source',
  'sourceRef',
  'taskId',
  'raisedAt',
  'updatedAt',
] as const;

export interface WarningFilter {
  severity?: Severity;
  ruleCode?: string;
  streetCode?: string;
  status?: WarningStatus;
  householdId?: string;
  bySeverity?: boolean;
}

@Injectable()
export class WarningsRepository {
  constructor(
    @InjectRepository(WarningEntity) private readonly warnings: Repository<WarningEntity>,
    @InjectRepository(WarningRuleEntity) private readonly rules: Repository<WarningRuleEntity>,
    @InjectRepository(MonitoringParameterEntity) private readonly params: Repository<MonitoringParameterEntity>,
    private readonly tx: Transactor,
    private readonly reads: ReadPool,
  ) {}

  allRules(): Promise<WarningRuleEntity[]> {
    return this.rules.find({ order: { code: 'ASC' } });
  }

  allParameters(): Promise<MonitoringParameterEntity[]> {
    return this.params.find({ order: { name: 'ASC', region: 'ASC', effectiveFrom: 'ASC' } });
  }

  /** Adds the rules and parameters that are not there yet (first start, or a release with a new rule). */
  async seedMissing(rules: WarningRuleEntity[], params: MonitoringParameterEntity[]): Promise<number> {
    const haveRules = new Set((await this.rules.find({ select: { code: true } })).map((r) => r.code));
    const haveParams = new Set((await this.params.find({ select: { name: true } })).map((p) => p.name));
    const newRules = rules.filter((r) => !haveRules.has(r.code));
    const newParams = params.filter((p) => !haveParams.has(p.name));
    if (newRules.length || newParams.length) {
      await this.tx.run(async (m) => {
        if (newRules.length) await m.getRepository(WarningRuleEntity).insert(newRules);
        if (newParams.length) await m.getRepository(MonitoringParameterEntity).insert(newParams);
      });
    }
    return newRules.length + newParams.length;
  }

  /** Warnings raised for these households since `since`: what the windows are checked against. */
  async raisedSince(householdIds: string[], since: string, m?: EntityManager): Promise<Array<Pick<WarningEntity, 'householdId' | 'ruleCode' | 'raisedAt'>>> {
    const repo = m ? m.getRepository(WarningEntity) : this.warnings;
    const out: Array<Pick<WarningEntity, 'householdId' | 'ruleCode' | 'raisedAt'>> = [];
    for (const part of chunks(householdIds, 500)) {
      out.push(
        ...(await repo.find({ select: { householdId: true, ruleCode: true, raisedAt: true }, where: { householdId: In(part), raisedAt: MoreThan(since) } })),
      );
    }
    return out;
  }

  async insertMany(m: EntityManager, rows: WarningEntity[]): Promise<void> {
    await bulkInsert(m, 'warning', WARNING_COLUMNS, rows, 100);
  }

  async setStatus(m: EntityManager, id: string, status: WarningStatus, at: string): Promise<void> {
    await m.getRepository(WarningEntity).update({ id }, { status, updatedAt: at });
  }

  findById(id: string): Promise<WarningEntity | null> {
    return this.warnings.findOneBy({ id });
  }

  async search(scope: Scope, f: WarningFilter, page: number, pageSize: number): Promise<{ items: WarningEntity[] } & ListTotal> {
    const qb = this.warnings.createQueryBuilder('w').where('1 = 1');
    whereInScope(qb, 'w', scope);
    if (f.severity) qb.andWhere('w.severity = :sev', { sev: f.severity });
    if (f.ruleCode) qb.andWhere('w.ruleCode = :rule', { rule: f.ruleCode });
    if (f.streetCode) qb.andWhere('w.streetCode = :street', { street: f.streetCode });
    if (f.status) qb.andWhere('w.status = :status', { status: f.status });
    if (f.householdId) qb.andWhere('w.householdId = :hid', { hid: f.householdId });
    const offset = (page - 1) * pageSize;
    // Newest first, ties by id the same way, so the list is a backward walk of idx_warning_raised
    // (checking each row's scope), not a sort of every warning (58,000 at 100,000 households).
    if (!f.bySeverity) {
      return pageByIds(this.reads, this.warnings, qb, 'w', (q) => q.orderBy('w.raisedAt', 'DESC').addOrderBy('w.id', 'DESC'), offset, pageSize);
    }
    // By severity: open before tasked before closed, orange before yellow before blue, then newest
    // first; each (status, colour) read from idx_warning_status_order in order, and merged.
    const segments = WARNING_STATUSES.filter((s) => !f.status || s === f.status).flatMap((status) =>
      WARNING_COLOURS.filter((c) => !f.severity || c === f.severity).map((severity) => ({
        sql: 'w.status = :segmentStatus AND w.severity = :segmentSeverity',
        params: { segmentStatus: status, segmentSeverity: severity },
        rank: WARNING_STATUSES.indexOf(status) * WARNING_COLOURS.length + WARNING_COLOURS.indexOf(severity),
      })),
    );
    return pageBySegments(
      this.reads,
      this.warnings,
      qb,
      'w',
      segments,
      [
        { column: 'w.raisedAt', direction: 'DESC' },
        { column: 'w.id', direction: 'DESC' },
      ],
      offset,
      pageSize,
    );
  }
}
