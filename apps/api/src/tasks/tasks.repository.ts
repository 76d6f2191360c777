import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, LessThan, MoreThan, Not, Repository } from 'typeorm';
import type { Scope } from '../access/access.service.js';
import { bulkInsert } from '../database/bulk.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Transactor } from '../database/transactor.js';
import { pageByIds, pageBySegments, ReadPool, type ListTotal } from '../database/read-pool.js';
import { chunks, whereInScope } from '../database/sql.js';
import { CalendarDayEntity, TASK_STATUSES, TaskSequenceEntity, VerificationTaskEntity, type TaskStatus } from './task.entity.js';

const TASK_COLUMNS = [
  'id',
  'householdId',
  'kind',
  'reason',
  'warningId',
  'status',
  'assigneeId',
  'previousAssigneeId',
  'gridId',
  'communityCode',
  'streetCode',
  'districtCode',
  'dueDate',
  'escalationLevel',
  'findingsEnc',
  'decisionKind',
  'decisionEnc',
  'history',
  'seq',
  'createdAt',
  'updatedAt',
] as const;

/** Statuses in which a task still waits for someone. */
/** Tasks someone still has to act on (公示 waits on the calendar, not on a person). */
export const ACTIVE_STATUSES: TaskStatus[] = ['open', 'assigned', 'in_progress', 'submitted', 'confirming', 'returned'];

export interface TaskFilter {
  assigneeId?: string;
  gridId?: string;
  status?: TaskStatus;
  overdueBefore?: string;
  householdId?: string;
  streetCode?: string;
  escalationLevel?: string;
  activeOnly?: boolean;
  /** Overdue active tasks first (most overdue first), then active by due date, then the finished ones. */
  urgentFirst?: boolean;
}

@Injectable()
export class TasksRepository {
  constructor(
    @InjectRepository(VerificationTaskEntity) private readonly tasks: Repository<VerificationTaskEntity>,
    @InjectRepository(CalendarDayEntity) private readonly days: Repository<CalendarDayEntity>,
    private readonly tx: Transactor,
    private readonly users: UsersRepository,
    private readonly reads: ReadPool,
  ) {}

  calendarDays(): Promise<CalendarDayEntity[]> {
    return this.days.find();
  }

  async seedCalendarIfEmpty(rows: CalendarDayEntity[]): Promise<void> {
    if ((await this.days.count()) > 0) return;
    await this.tx.run((m) => bulkInsert(m, 'calendar_day', ['day', 'kind', 'name'], rows));
  }

  /**
   * Takes `n` sequence numbers and returns the last. The UPDATE holds the row lock until commit,
   * so numbers become visible in the order they were taken: a phone's cursor never skips a change.
   */
  async nextSeq(m: EntityManager, n = 1): Promise<number> {
    await m
      .createQueryBuilder()
      .update(TaskSequenceEntity)
      .set({ value: () => `value + ${Math.trunc(n)}` })
      .where('name = :n', { n: 'task' })
      .execute();
    const row = await m.getRepository(TaskSequenceEntity).findOneByOrFail({ name: 'task' });
    return Number(row.value);
  }

  async insertMany(m: EntityManager, rows: VerificationTaskEntity[]): Promise<void> {
    await bulkInsert(m, 'verification_task', TASK_COLUMNS, rows, 100);
  }

  /** Every task in one status (for the few that wait on the calendar, such as 公示). */
  findByStatus(status: TaskStatus): Promise<VerificationTaskEntity[]> {
    return this.tasks.find({ where: { status }, order: { updatedAt: 'ASC' } });
  }

  findById(id: string, m?: EntityManager): Promise<VerificationTaskEntity | null> {
    return (m ? m.getRepository(VerificationTaskEntity) : this.tasks).findOneBy({ id });
  }

  /**
   * The task row, locked for this transaction. On MariaDB a row another claim holds is skipped
   * (SKIP LOCKED): the loser learns at once instead of queueing. SQLite has one writer anyway. TiDB
   * parses SKIP LOCKED without implementing it (the select then locks nothing), so there the lock is
   * a plain FOR UPDATE: the loser waits, then finds the task taken.
   */
  lockForUpdate(m: EntityManager, id: string): Promise<VerificationTaskEntity | null> {
    const qb = m.getRepository(VerificationTaskEntity).createQueryBuilder('t').where('t.id = :id', { id });
    if (m.connection.options.type === 'mysql') {
      qb.setLock('pessimistic_write');
      if (!isTidb(m)) qb.setOnLocked('skip_locked');
    }
    return qb.getOne();
  }

  /** Updates the task only if it is still in one of `from`; false if someone else moved it first. */
  async updateIf(m: EntityManager, id: string, from: TaskStatus[], patch: Partial<VerificationTaskEntity>): Promise<boolean> {
    const res = await m.createQueryBuilder().update(VerificationTaskEntity).set(patch).where('id = :id AND status IN (:...from)', { id, from }).execute();
    return (res.affected ?? 0) === 1;
  }

  /** Open workload of each worker: the dispatcher balances on it. */
  async activeLoad(userIds: string[]): Promise<Map<string, number>> {
    const map = new Map<string, number>();
    for (const part of chunks(userIds, 500)) {
      const rows = await this.tasks
        .createQueryBuilder('t')
        .select('t.assigneeId', 'userId')
        .addSelect('COUNT(*)', 'n')
        .where('t.assigneeId IN (:...part) AND t.status IN (:...st)', { part, st: ACTIVE_STATUSES })
        .groupBy('t.assigneeId')
        .getRawMany<{ userId: string; n: string | number }>();
      for (const r of rows) map.set(r.userId, Number(r.n));
    }
    return map;
  }

  async search(scope: Scope, f: TaskFilter, page: number, pageSize: number): Promise<{ items: VerificationTaskEntity[] } & ListTotal> {
    const qb = this.tasks.createQueryBuilder('t').where('1 = 1');
    whereInScope(qb, 't', scope);
    if (f.assigneeId) qb.andWhere('t.assigneeId = :me', { me: f.assigneeId });
    if (f.gridId) qb.andWhere('t.gridId = :grid', { grid: f.gridId });
    if (f.status) qb.andWhere('t.status = :status', { status: f.status });
    if (f.householdId) qb.andWhere('t.householdId = :hid', { hid: f.householdId });
    if (f.overdueBefore) qb.andWhere('t.dueDate < :today AND t.status IN (:...active)', { today: f.overdueBefore, active: ACTIVE_STATUSES });
    if (f.streetCode) qb.andWhere('t.streetCode = :street', { street: f.streetCode });
    if (f.escalationLevel) qb.andWhere('t.escalationLevel = :level', { level: f.escalationLevel });
    if (f.activeOnly) qb.andWhere('t.status IN (:...activeOnly)', { activeOnly: ACTIVE_STATUSES });
    const offset = (page - 1) * pageSize;
    // By due date, then id: with no status filter a walk of idx_task_due (checking each row's scope).
    if (!f.urgentFirst && !f.status && !f.activeOnly && !f.overdueBefore) {
      return pageByIds(this.reads, this.tasks, qb, 't', (q) => q.orderBy('t.dueDate', 'ASC').addOrderBy('t.id', 'ASC'), offset, pageSize);
    }
    // Urgent first: tasks someone still has to act on, overdue first, then the rest, each by due date.
    // Among active tasks the overdue ones are those due earliest, so this is "active first, then by
    // due date": each status read from idx_task_status_due in order, the statuses merged.
    const statuses = f.status ? [f.status] : f.activeOnly || f.overdueBefore ? ACTIVE_STATUSES : TASK_STATUSES;
    const segments = statuses.map((status) => ({
      sql: 't.status = :segmentStatus',
      params: { segmentStatus: status },
      rank: f.urgentFirst && !ACTIVE_STATUSES.includes(status) ? 1 : 0,
    }));
    return pageBySegments(
      this.reads,
      this.tasks,
      qb,
      't',
      segments,
      [
        { column: 't.dueDate', direction: 'ASC' },
        { column: 't.id', direction: 'ASC' },
      ],
      offset,
      pageSize,
    );
  }

  /** A worker's tasks (and tasks taken away from them) changed after `cursor`, in change order. */
  changedSince(userId: string, cursor: number, limit: number): Promise<VerificationTaskEntity[]> {
    return this.tasks
      .createQueryBuilder('t')
      .where('t.seq > :cursor', { cursor })
      .andWhere(new Brackets((b) => b.where('t.assigneeId = :me', { me: userId }).orWhere('t.previousAssigneeId = :me', { me: userId })))
      .orderBy('t.seq', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Active tasks past their due date. */
  overdue(today: string, districtCode: string): Promise<VerificationTaskEntity[]> {
    return this.tasks.find({ where: { districtCode, status: In(ACTIVE_STATUSES), dueDate: LessThan(today) }, order: { dueDate: 'ASC' } });
  }

  /** Latest re-check task of each household. */
  async lastRecheck(householdIds: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const part of chunks(householdIds, 500)) {
      const rows = await this.tasks
        .createQueryBuilder('t')
        .select('t.householdId', 'householdId')
        .addSelect('MAX(t.createdAt)', 'at')
        .where('t.householdId IN (:...part) AND t.kind = :k', { part, k: 'recheck' })
        .groupBy('t.householdId')
        .getRawMany<{ householdId: string; at: string }>();
      for (const r of rows) map.set(r.householdId, r.at);
    }
    return map;
  }

  countActive(): Promise<number> {
    return this.tasks.count({ where: { status: Not(In(['accepted', 'closed'])) } });
  }

  createdAfter(since: string): Promise<number> {
    return this.tasks.count({ where: { createdAt: MoreThan(since) } });
  }

  /** Where a task sends its worker: the household's head, address and grid name, and the assignee's name. */
  async labels(tasks: ReadonlyArray<{ householdId: string; gridId: string; assigneeId: string | null }>): Promise<TaskLabels> {
    const households = new Map<string, { headName: string; address: string }>();
    const grids = new Map<string, string>();
    const q = this.tasks.manager;
    for (const part of chunks([...new Set(tasks.map((t) => t.householdId))], 500)) {
      const rows = await q.query<Array<{ id: string; headName: string; address: string }>>(
        `SELECT id, headName, address FROM household WHERE id IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) households.set(r.id, { headName: r.headName, address: r.address });
    }
    for (const part of chunks([...new Set(tasks.map((t) => t.gridId))], 500)) {
      const rows = await q.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM grid WHERE id IN (${part.map(() => '?').join(', ')})`, part);
      for (const r of rows) grids.set(r.id, r.name);
    }
    const names = await this.users.namesOf(tasks.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])));
    const users = new Map([...names].map(([id, n]) => [id, n.displayName]));
    return { households, grids, users };
  }

  /** Display names of users still enabled (grid workers offered for a reassignment). */
  async usersByIds(ids: string[]): Promise<Map<string, string>> {
    const names = await this.users.namesOf(ids, { enabledOnly: true });
    return new Map([...names].map(([id, n]) => [id, n.displayName]));
  }
}

export interface TaskLabels {
  households: Map<string, { headName: string; address: string }>;
  grids: Map<string, string>;
  users: Map<string, string>;
}

/** The server is TiDB (its VERSION() reads like "8.0.11-TiDB-v8.5.6"). */
function isTidb(m: EntityManager): boolean {
  return /tidb/i.test((m.connection.driver as { version?: string }).version ?? '');
}
