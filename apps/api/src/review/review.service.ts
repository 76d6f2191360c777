import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_ACTION_LABELS, labelOf, NOTICE_ENDING_DAYS, REMINDER_KIND_LABELS, type ReminderKind, type TaskDecisionRecord } from '@zczr/contract';
import { isStaffRole } from '@zczr/domain';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { ACTIVE_STATUSES } from '../tasks/tasks.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import type { AutoCheck } from '../submissions/auto-checks.js';
import { SubmissionsService } from '../submissions/submissions.service.js';
import type {
  BulkApproveResultDto,
  ReminderItemDto,
  RemindersDto,
  ReviewDonePageDto,
  ReviewQueueDto,
  ReviewQueueItemDto,
  ReviewQueueQuery,
} from './review.dto.js';
import { QUEUE_LIMIT, ReviewRepository } from './review.repository.js';

/** A submission waiting longer than this is urgent (decisions are due within 3–5 working days). */
export const SUBMISSION_URGENT_AFTER_DAYS = 5;

const SUBMISSION_TITLES = { create: '新建档案', update: '档案变更' } as const;
const TASK_TITLES: Record<string, string> = { warning: '预警核实结果', home_visit: '入户核实结果', recheck: '定期复核结果' };
const DAY_MS = 86_400_000;

/**
 * The reviewer's queue: submissions and submitted task findings in one list, urgent first
 * (overdue task, orange risk, long wait), then in order of arrival.
 */
/** The audit actions that are a reviewer's decision on a queue item. */
const DONE_ACTIONS = [
  'submission.approve',
  'submission.return',
  'submission.reject',
  'task.accept',
  'task.return',
  'task.propose',
  'task.confirm',
  'task.confirm_return',
  'task.objection',
] as const;

@Injectable()
export class ReviewService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly regions: RegionsRepository,
    private readonly submissions: SubmissionsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queue(auth: AuthContext, q: ReviewQueueQuery): Promise<ReviewQueueDto> {
    if (!isStaffRole(auth.role)) throw new AppError('FORBIDDEN');
    const scope = this.access.scopeOf(auth);
    const empty = { items: [], total: 0 };
    const [subs, tasks] = await Promise.all([
      q.kind === 'task' ? empty : this.repo.pendingSubmissions(scope),
      // The district also confirms what the street reviewed (two-tier approval).
      q.kind === 'submission' ? empty : this.repo.submittedTasks(scope, auth.role === 'district_reviewer' ? ['submitted', 'confirming'] : ['submitted']),
    ]);
    const householdIds = [...new Set([...subs.items, ...tasks.items].map((x) => x.householdId))];
    const [headlines, colours] = await Promise.all([this.repo.headlines(householdIds), this.repo.colours(householdIds)]);
    const now = this.clock.now().getTime();
    const today = this.clock.today();
    const waiting = (since: string): number => Math.max(0, Math.floor((now - new Date(since).getTime()) / DAY_MS));
    const streetName = async (code: string): Promise<string> => (await this.regions.findRegion(code))?.name ?? code;

    const items: ReviewQueueItemDto[] = [];
    for (const s of subs.items) {
      const checks = JSON.parse(s.checks) as AutoCheck[];
      const counts = { pass: 0, warn: 0, fail: 0 };
      for (const c of checks) counts[c.outcome] += 1;
      const days = waiting(s.createdAt);
      const colour = colours.get(s.householdId) ?? null;
      const reasons = [...(colour === 'orange' ? ['高风险（橙色）家庭'] : []), ...(days > SUBMISSION_URGENT_AFTER_DAYS ? [`已等待 ${days} 天`] : [])];
      const h = headlines.get(s.householdId);
      items.push({
        kind: 'submission',
        id: s.id,
        title: SUBMISSION_TITLES[s.kind],
        householdId: s.householdId,
        headName: h?.headName ?? '',
        address: h?.address ?? '',
        streetCode: s.streetCode,
        streetName: await streetName(s.streetCode),
        gridId: s.gridId,
        submittedAt: s.createdAt,
        waitingDays: days,
        dueDate: null,
        riskColour: colour,
        urgent: reasons.length > 0,
        urgentReasons: reasons,
        checks: counts,
        clean: checks.length > 0 && counts.warn === 0 && counts.fail === 0,
        stage: 'review',
      });
    }
    for (const t of tasks.items) {
      const colour = colours.get(t.householdId) ?? null;
      const reasons = [...(t.dueDate < today ? [`已超过办理期限（${t.dueDate}）`] : []), ...(colour === 'orange' ? ['高风险（橙色）家庭'] : [])];
      const h = headlines.get(t.householdId);
      const confirm = t.status === 'confirming';
      items.push({
        kind: 'task',
        id: t.id,
        title: `${confirm ? '区县确认 · ' : ''}${TASK_TITLES[t.kind] ?? '核实结果'}`,
        householdId: t.householdId,
        headName: h?.headName ?? '',
        address: h?.address ?? '',
        streetCode: t.streetCode,
        streetName: await streetName(t.streetCode),
        gridId: t.gridId,
        submittedAt: t.updatedAt,
        waitingDays: waiting(t.updatedAt),
        dueDate: t.dueDate,
        riskColour: colour,
        urgent: reasons.length > 0,
        urgentReasons: reasons,
        checks: null,
        clean: false,
        stage: confirm ? 'confirm' : 'review',
      });
    }
    items.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
    const total = subs.total + tasks.total;
    return { items, total, truncated: subs.total > QUEUE_LIMIT || tasks.total > QUEUE_LIMIT };
  }

  /** The bell: what is due for this reviewer, counted in their scope (the district also confirms and decides parameters). */
  async reminders(auth: AuthContext): Promise<RemindersDto> {
    const scope = this.access.scopeOf(auth);
    const today = this.clock.today();
    const district = auth.role === 'district_reviewer';
    const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + NOTICE_ENDING_DAYS * DAY_MS).toISOString().slice(0, 10);
    const [pending, submitted, confirming, overdue, notices, parameters] = await Promise.all([
      this.repo.countPendingSubmissions(scope),
      this.repo.countTasks(scope, ['submitted']),
      district ? this.repo.countTasks(scope, ['confirming']) : null,
      this.repo.countTasks(scope, ACTIVE_STATUSES, today),
      this.repo.inNotice(scope),
      district ? this.repo.parameterChangesToDecide((auth.regionCode ?? this.config.districtCode).slice(0, 6), auth.userId) : null,
    ]);
    const ending = notices
      .map((t) => (t.decisionEnc ? this.cipher.decryptJson<TaskDecisionRecord>(t.decisionEnc).notice?.to : undefined))
      .filter((to): to is string => to !== undefined && to >= today && to <= horizon)
      .sort();
    const item = (kind: ReminderKind, count: number, earliest: string | null): ReminderItemDto => ({
      kind,
      label: REMINDER_KIND_LABELS[kind],
      count,
      earliest,
    });
    const items = [
      item('review_queue', pending + submitted.count, submitted.earliest),
      ...(confirming ? [item('district_confirm', confirming.count, confirming.earliest)] : []),
      item('overdue_tasks', overdue.count, overdue.earliest),
      ...(parameters ? [item('parameter_approvals', parameters.count, parameters.earliest)] : []),
      item('notices_ending', ending.length, ending[0] ?? null),
    ];
    return { asOf: today, total: items.reduce((n, i) => n + i.count, 0), items };
  }

  /** 已办: the signed-in reviewer's own decisions, read from the audit log (which records every one). */
  async done(auth: AuthContext, page: number, pageSize: number): Promise<ReviewDonePageDto> {
    const { items, total } = await this.audit.listByActor(auth.userId, DONE_ACTIONS, page, pageSize);
    const headlines = await this.repo.headlines([...new Set(items.map((e) => e.householdId).filter((x): x is string => !!x))]);
    return {
      items: items.map((e) => {
        const h = e.householdId ? headlines.get(e.householdId) : undefined;
        return {
          kind: e.entityType === 'submission' ? 'submission' : 'task',
          id: e.entityId ?? '',
          action: e.action,
          actionLabel: labelOf(AUDIT_ACTION_LABELS, e.action),
          at: e.at,
          householdId: e.householdId,
          headName: h?.headName ?? '',
          address: h?.address ?? '',
        };
      }),
      total,
      page,
      pageSize,
    };
  }

  /**
   * Approves the clean submissions among `ids` one by one (each through the normal review, so each is
   * audited and re-matched); anything not clean, gone or out of scope is reported as skipped.
   */
  async bulkApprove(auth: AuthContext, ids: string[]): Promise<BulkApproveResultDto> {
    if (!isStaffRole(auth.role)) throw new AppError('FORBIDDEN');
    const result: BulkApproveResultDto = { approved: [], skipped: [] };
    for (const id of [...new Set(ids)]) {
      try {
        const s = await this.submissions.get(auth, id);
        if (s.status !== 'in_review') {
          result.skipped.push({ id, code: 'INVALID_STATE', message: '该申请已不在待审核状态' });
          continue;
        }
        if (s.checks.length === 0 || s.checks.some((c) => c.outcome !== 'pass')) {
          result.skipped.push({ id, code: 'NOT_CLEAN', message: '自动检查未全部通过，须逐条审核' });
          continue;
        }
        await this.submissions.review(auth, id, { decision: 'approve' });
        result.approved.push(id);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.skipped.push({ id, code: e.code, message: e.userMessage });
      }
    }
    return result;
  }
}
