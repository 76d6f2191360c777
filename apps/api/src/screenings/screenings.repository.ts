import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder, type ObjectLiteral } from 'typeorm';
import type { Scope } from '../access/access.service.js';
import { EligibilityCurrentEntity } from '../eligibility/eligibility-current.entity.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { bulkInsert, insertStatements, type Statement } from '../database/bulk.js';
import { whereHouseholdInScope } from '../database/sql.js';
import { Transactor } from '../database/transactor.js';
import { ReadPool, SCOPED_COUNT_CAP, type ListTotal, type ReadLane } from '../database/read-pool.js';
import { ScreeningCoverageEntity, ScreeningHitEntity, ScreeningRunEntity, type ScreeningCategory } from './screening.entity.js';

/** A flagged household as the drill-down and the export show it (the name is masked by the service). */
export interface HitHousehold {
  hitId: number;
  householdId: string;
  headName: string;
  memberCount: number;
  streetCode: string;
  communityCode: string;
  gridId: string;
  policyCode: string;
  category: DrillCategory;
  missingFacts: string;
  graceUntil: string | null;
}

export type DrillCategory = ScreeningCategory | 'eligible';

const HIT_HOUSEHOLD_COLUMNS = [
  'h.id AS householdId',
  'h.headName AS headName',
  'h.memberCount AS memberCount',
  'h.streetCode AS streetCode',
  'h.communityCode AS communityCode',
  'h.gridId AS gridId',
];

@Injectable()
export class ScreeningsRepository {
  constructor(
    @InjectRepository(ScreeningRunEntity) private readonly runs: Repository<ScreeningRunEntity>,
    @InjectRepository(ScreeningHitEntity) private readonly hits: Repository<ScreeningHitEntity>,
    @InjectRepository(ScreeningCoverageEntity) private readonly coverage: Repository<ScreeningCoverageEntity>,
    private readonly tx: Transactor,
    private readonly reads: ReadPool,
  ) {}

  findRun(id: string): Promise<ScreeningRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  findRunning(districtCode: string): Promise<ScreeningRunEntity | null> {
    return this.runs.findOneBy({ districtCode, status: 'running' });
  }

  latestRuns(districtCode: string, take: number): Promise<ScreeningRunEntity[]> {
    return this.runs.find({ where: { districtCode }, order: { startedAt: 'DESC' }, take });
  }

  async insertRun(run: ScreeningRunEntity, m: EntityManager): Promise<void> {
    await m.insert(ScreeningRunEntity, run);
  }

  async updateRun(id: string, patch: Partial<ScreeningRunEntity>, m: EntityManager): Promise<void> {
    await m.update(ScreeningRunEntity, { id }, patch);
  }

  /** Runs left "running" without a job (from before jobs existed): they will never finish. */
  async failOrphans(at: string): Promise<void> {
    await this.tx.write((m) =>
      m
        .createQueryBuilder()
        .update(ScreeningRunEntity)
        .set({ status: 'failed', finishedAt: at, error: '服务重启，筛查中断' })
        .where("status = 'running' AND id NOT IN (SELECT j.id FROM job j)")
        .execute(),
    );
  }

  async insertHits(m: EntityManager, rows: Array<Omit<ScreeningHitEntity, 'id'>>): Promise<void> {
    await bulkInsert(m, 'screening_hit', ['runId', 'policyCode', 'householdId', 'category', 'missingFacts', 'graceUntil'], rows, 500);
  }

  /** insertHits as statements of a batch (Transactor.batch). */
  hitStatements(mysql: boolean, rows: Array<Omit<ScreeningHitEntity, 'id'>>): Generator<Statement> {
    return insertStatements(mysql, 'screening_hit', ['runId', 'policyCode', 'householdId', 'category', 'missingFacts', 'graceUntil'], rows, 500);
  }

  /** A shard's progress on its run, as a statement of the shard's batch. */
  progressStatement(mysql: boolean, runId: string, processed: number, summary: string): Statement {
    const q = (c: string): string => (mysql ? `\`${c}\`` : `"${c}"`);
    return {
      sql: `UPDATE ${q('screening_run')} SET ${q('processed')} = ${q('processed')} + ?, ${q('summary')} = ? WHERE ${q('id')} = ?`,
      params: [Math.trunc(processed), summary, runId],
    };
  }

  async pageHits(
    runId: string,
    policyCode: string,
    category: ScreeningCategory,
    page: number,
    pageSize: number,
  ): Promise<{ items: ScreeningHitEntity[]; total: number }> {
    const [items, total] = await this.hits.findAndCount({
      where: { runId, policyCode, category },
      order: { id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  async insertCoverage(rows: ScreeningCoverageEntity[], m: EntityManager): Promise<void> {
    await bulkInsert(
      m,
      'screening_coverage',
      [
        'runId',
        'streetCode',
        'policyCode',
        'eligibleHouseholds',
        'eligiblePeople',
        'receivingHouseholds',
        'receivingPeople',
        'silentHouseholds',
        'silentPeople',
        'exitHouseholds',
      ],
      rows,
      200,
    );
  }

  /** The latest completed run of a district, whose coverage the dashboard shows. */
  latestCompleted(districtCode: string): Promise<ScreeningRunEntity | null> {
    return this.runs.findOne({ where: { districtCode, status: 'completed' }, order: { finishedAt: 'DESC' } });
  }

  coverageOf(runId: string, streetCode?: string): Promise<ScreeningCoverageEntity[]> {
    return this.coverage.find({ where: { runId, ...(streetCode ? { streetCode } : {}) } });
  }

  /** Hits of a run, optionally one policy and category, in id order after `afterId` (the export streams them). */
  hitsAfter(runId: string, afterId: number, take: number, policyCode?: string, category?: ScreeningCategory): Promise<ScreeningHitEntity[]> {
    const qb = this.hits.createQueryBuilder('x').where('x.runId = :runId AND x.id > :afterId', { runId, afterId });
    if (policyCode) qb.andWhere('x.policyCode = :policyCode', { policyCode });
    if (category) qb.andWhere('x.category = :category', { category });
    return qb.orderBy('x.id', 'ASC').take(take).getMany();
  }

  listRuns(districtCode: string, page: number, pageSize: number): Promise<[ScreeningRunEntity[], number]> {
    return this.runs.findAndCount({ where: { districtCode }, order: { startedAt: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  /**
   * Households a run flagged under one policy and category (or, for 'eligible', those eligible now),
   * joined to their placement, within the caller's scope; `afterId` pages by key for the export,
   * `offset` by page for the console.
   */
  async hitHouseholds(
    runId: string,
    scope: Scope,
    f: { policyCode?: string; category?: DrillCategory },
    page: { afterId?: number; offset?: number; take: number; count?: boolean },
    lane: ReadLane = 'interactive',
  ): Promise<{ items: HitHousehold[] } & ListTotal> {
    // Off the event loop on an SQLite file (the read pool): an export walks every hit of a run. The
    // count runs beside the page, exact up to SCOPED_COUNT_CAP (see ReadPool.total).
    const count = (q: SelectQueryBuilder<ObjectLiteral>): Promise<ListTotal> =>
      page.count ? this.reads.totalOf(q, SCOPED_COUNT_CAP) : Promise.resolve({ total: 0, totalExact: true });
    let qb: SelectQueryBuilder<ObjectLiteral>;
    if (f.category === 'eligible') {
      // Not stored per run: the current results, which the run wrote and every later change keeps up to date.
      qb = this.hits.manager
        .createQueryBuilder(EligibilityCurrentEntity, 'x')
        .innerJoin(HouseholdEntity, 'h', 'h.id = x.householdId')
        .where('x.outcome = :outcome', { outcome: 'eligible' })
        .andWhere('h.status = :active', { active: 'active' })
        .select([...HIT_HOUSEHOLD_COLUMNS, 'x.policyCode AS policyCode', "'eligible' AS category", "'' AS missingFacts", 'NULL AS graceUntil', '0 AS hitId']);
      if (f.policyCode) qb.andWhere('x.policyCode = :policyCode', { policyCode: f.policyCode });
      whereHouseholdInScope(qb, 'h', scope);
      const counted = count(qb);
      qb.orderBy('h.id', 'ASC')
        .offset(page.offset ?? 0)
        .limit(page.take);
      const rows = await this.reads.raw<HitHousehold>(qb, lane);
      return { items: rows.map((r) => ({ ...r, hitId: 0, memberCount: Number(r.memberCount) })), ...(await counted) };
    }
    qb = this.hits
      .createQueryBuilder('x')
      .innerJoin(HouseholdEntity, 'h', 'h.id = x.householdId')
      .where('x.runId = :runId', { runId })
      .select([
        ...HIT_HOUSEHOLD_COLUMNS,
        'x.id AS hitId',
        'x.policyCode AS policyCode',
        'x.category AS category',
        'x.missingFacts AS missingFacts',
        'x.graceUntil AS graceUntil',
      ]);
    if (f.policyCode) qb.andWhere('x.policyCode = :policyCode', { policyCode: f.policyCode });
    if (f.category) qb.andWhere('x.category = :category', { category: f.category });
    whereHouseholdInScope(qb, 'h', scope);
    const counted = count(qb);
    // In hit order: by (runId, id) or, with a policy and a category, by idx_screening_hit_run, whose
    // entries end with the id; never a sort of the whole run per page.
    if (page.afterId !== undefined) qb.andWhere('x.id > :afterId', { afterId: page.afterId });
    qb.orderBy('x.id', 'ASC')
      .offset(page.offset ?? 0)
      .limit(page.take);
    const rows = await this.reads.raw<HitHousehold>(qb, lane);
    return { items: rows.map((r) => ({ ...r, hitId: Number(r.hitId), memberCount: Number(r.memberCount) })), ...(await counted) };
  }
}
