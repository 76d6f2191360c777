import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactor } from '../database/transactor.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { Dispatcher } from './dispatcher.js';
import { appendTaskHistory, newTaskHistory } from './task-history.js';
import type { EscalationLevel, TaskKind, VerificationTaskEntity } from './task.entity.js';
import { TasksRepository } from './tasks.repository.js';
import { CHINA_CALENDAR_2025_2026, WorkingCalendar } from './working-calendar.js';

export interface TaskSpec {
  householdId: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  gridId: string;
  kind: TaskKind;
  reason: string;
  warningId: string | null;
}

const ESCALATION_RANK: Record<EscalationLevel, number> = { none: 0, community: 1, street: 2, district: 3 };

/**
 * The system's side of verification tasks: creating and dispatching them (to the grid's least
 * loaded worker, due in working days) and escalating the overdue ones. The monitoring pipeline
 * and the task use cases (TasksService) both build on it; it needs neither.
 */
@Injectable()
export class TaskDispatch implements OnApplicationBootstrap {
  private calendarCache: Promise<WorkingCalendar> | null = null;

  constructor(
    private readonly repo: TasksRepository,
    private readonly regions: RegionsRepository,
    private readonly tx: Transactor,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.repo.seedCalendarIfEmpty(CHINA_CALENDAR_2025_2026.map((d) => ({ ...d })));
  }

  calendar(): Promise<WorkingCalendar> {
    this.calendarCache ??= this.repo.calendarDays().then((days) => new WorkingCalendar(new Map(days.map((d) => [d.day, d.kind]))));
    return this.calendarCache;
  }

  lastRechecks(householdIds: string[]): Promise<Map<string, string>> {
    return this.repo.lastRecheck(householdIds);
  }

  async dispatcher(): Promise<Dispatcher> {
    const byGrid = await this.regions.workersByGrid();
    const workers = [...new Set([...byGrid.values()].flat())];
    return new Dispatcher(byGrid, await this.repo.activeLoad(workers));
  }

  /** New tasks, dispatched and numbered, inside the caller's transaction. */
  async createTasks(m: EntityManager, specs: TaskSpec[], dispatcher: Dispatcher, by: string): Promise<VerificationTaskEntity[]> {
    if (specs.length === 0) return [];
    const now = this.clock.iso();
    const due = (await this.calendar()).addWorkingDays(this.clock.today(), this.config.monitoring.taskDueWorkingDays);
    const last = await this.repo.nextSeq(m, specs.length);
    const tasks = specs.map((s, i): VerificationTaskEntity => {
      const assigneeId = dispatcher.pick(s.gridId);
      const history = newTaskHistory({ status: 'open', at: now, by }, ...(assigneeId ? [{ status: 'assigned' as const, at: now, by: 'system' }] : []));
      return {
        id: randomUUID(),
        householdId: s.householdId,
        kind: s.kind,
        reason: s.reason,
        warningId: s.warningId,
        status: assigneeId ? 'assigned' : 'open',
        assigneeId,
        previousAssigneeId: null,
        gridId: s.gridId,
        communityCode: s.communityCode,
        streetCode: s.streetCode,
        districtCode: s.districtCode,
        dueDate: due,
        escalationLevel: 'none',
        findingsEnc: null,
        decisionKind: null,
        decisionEnc: null,
        history,
        seq: last - specs.length + 1 + i,
        createdAt: now,
        updatedAt: now,
      };
    });
    await this.repo.insertMany(m, tasks);
    return tasks;
  }

  /** Overdue tasks step up community → street → district, one step per TASK_ESCALATION_STEP_DAYS working days. */
  async escalateOverdue(districtCode: string): Promise<number> {
    const today = this.clock.today();
    const cal = await this.calendar();
    const step = this.config.monitoring.escalationStepDays;
    let changed = 0;
    for (const t of await this.repo.overdue(today, districtCode)) {
      const late = cal.workingDaysBetween(t.dueDate, today);
      const level: Exclude<EscalationLevel, 'none'> = late >= 2 * step ? 'district' : late >= step ? 'street' : 'community';
      // Only ever up: a task a reviewer escalated by hand keeps its higher level.
      if (ESCALATION_RANK[level] <= ESCALATION_RANK[t.escalationLevel]) continue;
      await this.tx.run(async (m) => {
        const seq = await this.repo.nextSeq(m);
        const history = appendTaskHistory(t.history, { status: `escalated_${level}`, at: this.clock.iso(), by: 'system', note: `超期 ${late} 个工作日` });
        await this.repo.updateIf(m, t.id, [t.status], { escalationLevel: level, seq, history, updatedAt: this.clock.iso() });
      });
      await this.audit.record(null, {
        action: 'task.escalate',
        entityType: 'task',
        entityId: t.id,
        householdId: t.householdId,
        detail: { level, lateWorkingDays: late },
      });
      changed++;
    }
    return changed;
  }
}
