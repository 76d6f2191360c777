import type { PolicyGroup } from '@zczr/eligibility';
import type { EscalationLevel, IncomeCircle, TaskStatus } from '@zczr/contract';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ReadPool, type ReadLane } from '../database/read-pool.js';
import { Transactor } from '../database/transactor.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdRiskEntity } from '../risk/risk.entity.js';
import { ScreeningCoverageEntity, ScreeningRunEntity } from '../screenings/screening.entity.js';
import { VerificationTaskEntity } from '../tasks/task.entity.js';
import { WarningEntity } from '../warnings/warning.entity.js';

/** The dashboard's data scope: a district, or one street of it. Only staff reach the dashboard. */
export interface AreaScope {
  districtCode: string;
  streetCode: string | null;
}

export interface HouseholdCell {
  streetCode: string;
  communityCode: string;
  colour: string | null;
  circle: IncomeCircle | null;
  households: number;
  people: number;
}

export interface MonthCount {
  month: string;
  key: string;
  n: number;
}

export interface TaskCell {
  streetCode: string;
  status: TaskStatus;
  dueDate: string;
  escalationLevel: EscalationLevel;
  n: number;
}

export interface BoardCell {
  streetCode: string;
  a: string;
  b: string;
  n: number;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Restricts a query over a table with districtCode and streetCode columns. */
function inArea<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, area: AreaScope): SelectQueryBuilder<T> {
  qb.andWhere(`${alias}.districtCode = :areaDistrict`, { areaDistrict: area.districtCode });
  if (area.streetCode) qb.andWhere(`${alias}.streetCode = :areaStreet`, { areaStreet: area.streetCode });
  return qb;
}

/**
 * The dashboard's and the board's aggregates: GROUP BY over indexed columns, the same SQL on SQLite
 * and MySQL (dates are ISO text, so a month is SUBSTR(x, 1, 7) on both). Coverage comes from the
 * latest screening's per-street rows, not from the households. The aggregates run on the read pool
 * (off the event loop on SQLite).
 */
@Injectable()
export class DashboardRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reads: ReadPool,
    private readonly tx: Transactor,
  ) {}

  /** The last figures kept for a scope (the response as sent), or null. */
  async snapshot(scopeKey: string): Promise<{ computedAt: string; body: string } | null> {
    const rows = await this.ds.query<Array<{ computedAt: string; body: string }>>('SELECT computedAt, body FROM dashboard_snapshot WHERE scopeKey = ?', [
      scopeKey,
    ]);
    return rows[0] ?? null;
  }

  /** Keeps a scope's latest figures (one row per scope, replaced). */
  async keepSnapshot(scopeKey: string, computedAt: string, body: string): Promise<void> {
    const sql =
      this.ds.options.type === 'mysql'
        ? 'INSERT INTO dashboard_snapshot (scopeKey, computedAt, body) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE computedAt = VALUES(computedAt), body = VALUES(body)'
        : 'INSERT INTO dashboard_snapshot (scopeKey, computedAt, body) VALUES (?, ?, ?) ON CONFLICT (scopeKey) DO UPDATE SET computedAt = excluded.computedAt, body = excluded.body';
    await this.tx.write((m) => m.query(sql, [scopeKey, computedAt, body]));
  }

  /** Active households and their people, by street, community, risk colour and income circle (a few hundred rows). */
  async householdCells(area: AreaScope, lane: ReadLane = 'interactive'): Promise<HouseholdCell[]> {
    const qb = this.ds
      .createQueryBuilder(HouseholdEntity, 'h')
      .leftJoin(HouseholdRiskEntity, 'r', 'r.householdId = h.id')
      .select('h.streetCode', 'streetCode')
      .addSelect('h.communityCode', 'communityCode')
      .addSelect('r.colour', 'colour')
      .addSelect('r.circle', 'circle')
      .addSelect('COUNT(*)', 'households')
      .addSelect('SUM(h.memberCount)', 'people')
      .where('h.status = :active', { active: 'active' });
    inArea(qb, 'h', area);
    const rows = await this.reads.raw(qb.groupBy('h.streetCode').addGroupBy('h.communityCode').addGroupBy('r.colour').addGroupBy('r.circle'), lane);
    return rows.map((r) => ({
      streetCode: String(r.streetCode),
      communityCode: String(r.communityCode),
      colour: r.colour === null || r.colour === undefined ? null : String(r.colour),
      circle: r.circle === null || r.circle === undefined ? null : (num(r.circle) as IncomeCircle),
      households: num(r.households),
      people: num(r.people),
    }));
  }

  /** Households registered per month since `from` (YYYY-MM-DD). */
  householdsByMonth(area: AreaScope, from: string, lane: ReadLane = 'interactive'): Promise<MonthCount[]> {
    const qb = this.ds
      .createQueryBuilder(HouseholdEntity, 'h')
      .select('SUBSTR(h.createdAt, 1, 7)', 'ym')
      .addSelect("'all'", 'series')
      .addSelect('COUNT(*)', 'n')
      .where('h.status = :active AND h.createdAt >= :from', { active: 'active', from });
    inArea(qb, 'h', area);
    return this.months(qb.groupBy('SUBSTR(h.createdAt, 1, 7)'), lane);
  }

  /** Warnings raised per month and colour since `from`. */
  warningsByMonth(area: AreaScope, from: string, lane: ReadLane = 'interactive'): Promise<MonthCount[]> {
    const qb = this.ds
      .createQueryBuilder(WarningEntity, 'w')
      .select('SUBSTR(w.raisedAt, 1, 7)', 'ym')
      .addSelect('w.severity', 'series')
      .addSelect('COUNT(*)', 'n')
      .where('w.raisedAt >= :from', { from });
    inArea(qb, 'w', area);
    return this.months(qb.groupBy('SUBSTR(w.raisedAt, 1, 7)').addGroupBy('w.severity'), lane);
  }

  /** Verification tasks created per month, and closed per month (by their last change), since `from`. */
  async tasksByMonth(area: AreaScope, from: string, lane: ReadLane = 'interactive'): Promise<MonthCount[]> {
    const created = this.ds
      .createQueryBuilder(VerificationTaskEntity, 't')
      .select('SUBSTR(t.createdAt, 1, 7)', 'ym')
      .addSelect("'created'", 'series')
      .addSelect('COUNT(*)', 'n')
      .where('t.createdAt >= :from', { from });
    inArea(created, 't', area);
    const closed = this.ds
      .createQueryBuilder(VerificationTaskEntity, 't')
      .select('SUBSTR(t.updatedAt, 1, 7)', 'ym')
      .addSelect("'closed'", 'series')
      .addSelect('COUNT(*)', 'n')
      .where('t.updatedAt >= :from AND t.status = :closed', { from, closed: 'closed' });
    inArea(closed, 't', area);
    return [
      ...(await this.months(created.groupBy('SUBSTR(t.createdAt, 1, 7)'), lane)),
      ...(await this.months(closed.groupBy('SUBSTR(t.updatedAt, 1, 7)'), lane)),
    ];
  }

  /** Warnings by street, colour and status. */
  async warningCells(area: AreaScope, lane: ReadLane = 'interactive'): Promise<BoardCell[]> {
    const qb = this.ds
      .createQueryBuilder(WarningEntity, 'w')
      .select('w.streetCode', 'streetCode')
      .addSelect('w.severity', 'a')
      .addSelect('w.status', 'b')
      .addSelect('COUNT(*)', 'n')
      .where('1 = 1');
    inArea(qb, 'w', area);
    return this.cells(qb.groupBy('w.streetCode').addGroupBy('w.severity').addGroupBy('w.status'), lane);
  }

  /**
   * Tasks by street, status, due date and escalation level, grouped in the order of idx_task_cells
   * (after the district, and the street if any): one pass over the index with no sort, a few
   * hundred rows; overdue and escalation counts are made from them by the caller.
   */
  async taskCells(area: AreaScope, lane: ReadLane = 'interactive'): Promise<TaskCell[]> {
    const qb = this.ds
      .createQueryBuilder(VerificationTaskEntity, 't')
      .select('t.streetCode', 'streetCode')
      .addSelect('t.status', 'status')
      .addSelect('t.dueDate', 'dueDate')
      .addSelect('t.escalationLevel', 'escalationLevel')
      .addSelect('COUNT(*)', 'n')
      .where('1 = 1');
    inArea(qb, 't', area);
    const rows = await this.reads.raw(qb.groupBy('t.streetCode').addGroupBy('t.status').addGroupBy('t.dueDate').addGroupBy('t.escalationLevel'), lane);
    return rows.map((r) => ({
      streetCode: String(r.streetCode),
      status: String(r.status) as TaskStatus,
      dueDate: String(r.dueDate),
      escalationLevel: String(r.escalationLevel) as EscalationLevel,
      n: num(r.n),
    }));
  }

  latestCompletedScreening(districtCode: string): Promise<ScreeningRunEntity | null> {
    return this.ds.getRepository(ScreeningRunEntity).findOne({ where: { districtCode, status: 'completed' }, order: { finishedAt: 'DESC' } });
  }

  coverage(runId: string, streetCode: string | null): Promise<ScreeningCoverageEntity[]> {
    return this.ds.getRepository(ScreeningCoverageEntity).find({ where: { runId, ...(streetCode ? { streetCode } : {}) } });
  }

  /** Policy code → name and group. */
  async policies(): Promise<Map<string, { name: string; group: PolicyGroup }>> {
    const rows = await this.ds.query<Array<{ code: string; name: string; policyGroup: PolicyGroup }>>('SELECT code, name, policyGroup FROM policy');
    return new Map(rows.map((r) => [r.code, { name: r.name, group: r.policyGroup }]));
  }

  private async months(qb: SelectQueryBuilder<ObjectLiteral>, lane: ReadLane): Promise<MonthCount[]> {
    const rows = await this.reads.raw(qb, lane);
    return rows.map((r) => ({ month: String(r.ym), key: String(r.series), n: num(r.n) }));
  }

  private async cells(qb: SelectQueryBuilder<ObjectLiteral>, lane: ReadLane = 'interactive'): Promise<BoardCell[]> {
    const rows = await this.reads.raw(qb, lane);
    return rows.map((r) => ({ streetCode: String(r.streetCode), a: String(r.a), b: String(r.b), n: num(r.n) }));
  }
}
