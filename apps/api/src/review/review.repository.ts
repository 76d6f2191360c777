import type { RiskColour } from '@zczr/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Scope } from '../access/access.service.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { pageByIds, ReadPool } from '../database/read-pool.js';
import { whereInScope } from '../database/sql.js';
import { HouseholdRiskEntity } from '../risk/risk.entity.js';
import { SubmissionEntity } from '../submissions/submission.entity.js';
import { VerificationTaskEntity, type TaskStatus } from '../tasks/task.entity.js';
import { ParameterChangeEntity } from '../parameters/parameter-change.entity.js';

/** The most a queue answer holds; a street's queue is far shorter in practice. */
export const QUEUE_LIMIT = 500;

export type QueuedSubmission = Pick<SubmissionEntity, 'id' | 'kind' | 'householdId' | 'streetCode' | 'gridId' | 'checks' | 'createdAt' | 'submittedByRole'>;
export type QueuedTask = Pick<
  VerificationTaskEntity,
  'id' | 'kind' | 'status' | 'householdId' | 'streetCode' | 'gridId' | 'dueDate' | 'createdAt' | 'updatedAt'
>;
export type HouseholdHeadline = Pick<HouseholdEntity, 'id' | 'headName' | 'address'>;

/** The review queue's reads: what waits for a reviewer in a scope, and what to show beside it. */
@Injectable()
export class ReviewRepository {
  constructor(
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(VerificationTaskEntity) private readonly tasks: Repository<VerificationTaskEntity>,
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(HouseholdRiskEntity) private readonly risks: Repository<HouseholdRiskEntity>,
    @InjectRepository(ParameterChangeEntity) private readonly parameterChanges: Repository<ParameterChangeEntity>,
    private readonly reads: ReadPool,
  ) {}

  /** Submissions waiting for a decision in a scope: how many. */
  countPendingSubmissions(scope: Scope): Promise<number> {
    const qb = this.submissions.createQueryBuilder('s').where('s.status = :status', { status: 'in_review' });
    whereInScope(qb, 's', scope);
    return qb.getCount();
  }

  /** Tasks in some states in a scope: how many, and the earliest due date. */
  async countTasks(scope: Scope, statuses: TaskStatus[], dueBefore?: string): Promise<{ count: number; earliest: string | null }> {
    const qb = this.tasks
      .createQueryBuilder('t')
      .select('COUNT(*)', 'n')
      .addSelect('MIN(t.dueDate)', 'earliest')
      .where('t.status IN (:...statuses)', { statuses });
    if (dueBefore) qb.andWhere('t.dueDate < :dueBefore', { dueBefore });
    whereInScope(qb, 't', scope);
    const row = await qb.getRawOne<{ n: number | string; earliest: string | null }>();
    return { count: Number(row?.n ?? 0), earliest: row?.earliest ?? null };
  }

  /** Tasks whose decision is posted (公示) in a scope, with their encrypted decision (which holds the dates). */
  inNotice(scope: Scope): Promise<Array<Pick<VerificationTaskEntity, 'id' | 'decisionEnc'>>> {
    const qb = this.tasks.createQueryBuilder('t').select(['t.id', 't.decisionEnc']).where('t.status = :status', { status: 'in_notice' });
    whereInScope(qb, 't', scope);
    return qb.getMany();
  }

  /** Parameter changes of a district waiting for a second district user: those not proposed by `userId`. */
  async parameterChangesToDecide(districtCode: string, userId: string): Promise<{ count: number; earliest: string | null }> {
    const row = await this.parameterChanges
      .createQueryBuilder('c')
      .select('COUNT(*)', 'n')
      .addSelect('MIN(c.effectiveFrom)', 'earliest')
      .where('c.status = :status AND c.districtCode = :districtCode AND c.proposedBy <> :userId', { status: 'pending', districtCode, userId })
      .getRawOne<{ n: number | string; earliest: string | null }>();
    return { count: Number(row?.n ?? 0), earliest: row?.earliest ?? null };
  }

  /**
   * Submissions waiting for a decision, oldest first. The order and the count are read through the
   * read pool (off the event loop on SQLite: at a million households the scope's EXISTS makes them a
   * second's work), then the page's rows by id.
   */
  pendingSubmissions(scope: Scope): Promise<{ items: QueuedSubmission[]; total: number }> {
    const qb = this.submissions.createQueryBuilder('s').where('s.status = :status', { status: 'in_review' });
    whereInScope(qb, 's', scope);
    return pageByIds(this.reads, this.submissions, qb, 's', (q) => q.orderBy('s.createdAt', 'ASC').addOrderBy('s.id', 'ASC'), 0, QUEUE_LIMIT, {
      id: true,
      kind: true,
      householdId: true,
      streetCode: true,
      gridId: true,
      checks: true,
      createdAt: true,
      submittedByRole: true,
    });
  }

  /** Verification tasks whose findings wait for review (or, `confirming`, for the district's confirmation), earliest deadline first; read as above. */
  submittedTasks(scope: Scope, statuses: TaskStatus[] = ['submitted']): Promise<{ items: QueuedTask[]; total: number }> {
    const qb = this.tasks.createQueryBuilder('t').where('t.status IN (:...statuses)', { statuses });
    whereInScope(qb, 't', scope);
    return pageByIds(this.reads, this.tasks, qb, 't', (q) => q.orderBy('t.dueDate', 'ASC').addOrderBy('t.id', 'ASC'), 0, QUEUE_LIMIT, {
      id: true,
      kind: true,
      status: true,
      householdId: true,
      streetCode: true,
      gridId: true,
      dueDate: true,
      createdAt: true,
      updatedAt: true,
    });
  }

  async headlines(ids: string[]): Promise<Map<string, HouseholdHeadline>> {
    if (ids.length === 0) return new Map();
    const rows = await this.households.find({ select: { id: true, headName: true, address: true }, where: { id: In(ids) } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  async colours(ids: string[]): Promise<Map<string, RiskColour>> {
    if (ids.length === 0) return new Map();
    const rows = await this.risks.find({ select: { householdId: true, colour: true }, where: { householdId: In(ids) } });
    return new Map(rows.map((r) => [r.householdId, r.colour]));
  }
}
