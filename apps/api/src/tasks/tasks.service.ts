import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  DECISION_LABELS,
  ESCALATION_LABELS,
  TASK_STATUS_LABELS,
  type ProposedDecision,
  type PublicNotice,
  type TaskDecisionBody,
  type TaskDecisionRecord,
  type VisitFindings,
} from '@zczr/contract';
import { isStaffRole, labelChanges, seesSensitiveInFull, type LabelledChange } from '@zczr/domain';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { ApprovalsService, type ApprovalRule } from '../approvals/approvals.service.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Transactor } from '../database/transactor.js';
import { EligibilityRepository } from '../eligibility/eligibility.repository.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { HouseholdCodec } from '../households/household-codec.js';
import { diffContent, isSensitivePath, type HouseholdContent } from '../households/household-document.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { HouseholdsService } from '../households/households.service.js';
import { MonitoringPipeline } from '../monitoring/monitoring-pipeline.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { WarningsRepository } from '../warnings/warnings.repository.js';
import { TaskDispatch } from './task-dispatch.service.js';
import { Dispatcher } from './dispatcher.js';
import { appendTaskHistory, readTaskHistory } from './task-history.js';
import {
  type AssigneeDto,
  type CreateTaskDto,
  type EscalateTaskDto,
  type FactUpdatesDto,
  type ReassignTaskDto,
  type ReviewTaskDto,
  type SubmitFindingsDto,
  type TaskDto,
  type TaskPageDto,
  type TaskQuery,
} from './task.dto.js';
import type { EscalationLevel, TaskStatus, VerificationTaskEntity } from './task.entity.js';
import { TasksRepository } from './tasks.repository.js';
import { VisitPhotosService } from './visit-photos.service.js';

/**
 * Verification tasks as people work them: create, claim, submit, review (an accepted visit revises
 * the household, re-matches it and re-scores it), reassign, escalate, phone sync. Creating and
 * dispatching, deadlines and automatic escalation are TaskDispatch's.
 */
@Injectable()
export class TasksService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Tasks');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: TasksRepository,
    private readonly warnings: WarningsRepository,
    private readonly households: HouseholdsRepository,
    private readonly regions: RegionsRepository,
    private readonly dispatch: TaskDispatch,
    private readonly householdFiles: HouseholdsService,
    private readonly eligibility: EligibilityService,
    private readonly eligibilityRepo: EligibilityRepository,
    private readonly pipeline: MonitoringPipeline,
    private readonly tx: Transactor,
    private readonly codec: HouseholdCodec,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly approvals: ApprovalsService,
    private readonly users: UsersRepository,
    private readonly photos: VisitPhotosService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 公示 that ended take effect on the hour, in the processes that serve the API (like the monitoring scheduler). */
  onModuleInit(): void {
    if (!this.config.monitoring.scheduler || this.config.processRole === 'worker') return;
    const settle = (): void =>
      void this.settleNotices().catch((e: unknown) => this.logger.error(`settling 公示 failed: ${e instanceof Error ? e.message : String(e)}`));
    this.timer = setInterval(settle, 3_600_000);
    this.timer.unref();
    setTimeout(settle, 60_000).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  // ---- use cases ------------------------------------------------------------------------------

  async create(auth: AuthContext, dto: CreateTaskDto): Promise<TaskDto> {
    const h = this.access.require(auth, await this.households.findById(dto.householdId).then((x) => x && { ...x, householdId: x.id }));
    if (h.status !== 'active' && h.status !== 'pending_review') throw new AppError('INVALID_STATE', '该档案已停止处理');
    // A grid worker starts a visit of a family of their own grid (access.require above: another grid is 404),
    // for themselves, and only when none is under way: a second tap or another device gets a conflict, not a twin.
    const byWorker = auth.role === 'grid_worker';
    if (byWorker && dto.submissionId) throw new AppError('FORBIDDEN', '网格员发起核实时不能关联申请');
    if (byWorker && (await this.repo.search(this.access.scopeOf(auth), { householdId: h.id, activeOnly: true }, 1, 1)).total > 0)
      throw new AppError('INVALID_STATE', '这户家庭已有进行中的核实任务');
    const dispatcher = byWorker ? new Dispatcher(new Map([[h.gridId, [auth.userId]]]), new Map()) : await this.dispatch.dispatcher();
    const [task] = await this.tx.run((m) =>
      this.dispatch.createTasks(
        m,
        [
          {
            householdId: h.id,
            districtCode: h.districtCode,
            streetCode: h.streetCode,
            communityCode: h.communityCode,
            gridId: h.gridId,
            kind: 'home_visit',
            reason: dto.submissionId ? 'submission' : 'home_visit',
            warningId: null,
          },
        ],
        dispatcher,
        auth.userId,
      ),
    );
    await this.audit.record(auth, {
      action: 'task.create',
      entityType: 'task',
      entityId: task!.id,
      householdId: h.id,
      detail: { submissionId: dto.submissionId ?? null },
    });
    return this.toDto(auth, task!);
  }

  async get(auth: AuthContext, id: string): Promise<TaskDto> {
    const task = await this.visible(auth, id);
    const [dto] = await this.labelled(auth, [task]);
    if (dto!.findings && task.status === 'submitted' && isStaffRole(auth.role))
      dto!.findingsDiff = await this.findingsDiff(task, seesSensitiveInFull(auth.role));
    // Findings hold GPS, diagnoses and medical costs: every read is on record.
    await this.audit.record(auth, {
      action: 'task.read',
      entityType: 'task',
      entityId: task.id,
      householdId: task.householdId,
      detail: { findings: task.findingsEnc !== null },
    });
    return dto!;
  }

  /** What accepting the findings would change, field by field against the current record, with Chinese labels (issue 12). */
  private async findingsDiff(t: VerificationTaskEntity, full: boolean): Promise<LabelledChange[]> {
    const findings = t.findingsEnc ? this.cipher.decryptJson<SubmitFindingsDto>(t.findingsEnc) : null;
    const h = await this.households.findById(t.householdId);
    if (!findings || !h) return [];
    const before = this.codec.decode(h, await this.households.membersOf(h.id));
    const after = applyFindings(before, findings.factUpdates, null, this.clock.today());
    const changes = diffContent(before, after).map((c) =>
      full || !isSensitivePath(c.path) ? c : { ...c, before: c.before === null ? null : '***', after: c.after === null ? null : '***' },
    );
    return labelChanges(changes);
  }

  async list(auth: AuthContext, q: TaskQuery): Promise<TaskPageDto> {
    if (q.since !== undefined) {
      // A phone's incremental sync: my tasks (and those taken away from me) changed after the cursor.
      const items = await this.repo.changedSince(auth.userId, q.since, q.pageSize);
      const cursor = items.length ? Math.max(...items.map((t) => Number(t.seq))) : q.since;
      return { items: await this.labelled(auth, items, true), total: items.length, page: 1, pageSize: q.pageSize, cursor };
    }
    const scope = this.access.scopeOf(auth);
    const { items, total, totalExact } = await this.repo.search(
      scope,
      {
        assigneeId: q.mine ? auth.userId : undefined,
        gridId: q.gridId,
        status: q.status,
        householdId: q.householdId,
        overdueBefore: q.overdue ? this.clock.today() : undefined,
        streetCode: q.streetCode,
        escalationLevel: q.escalationLevel,
        activeOnly: q.active,
        urgentFirst: q.sort === 'urgency',
      },
      q.page,
      q.pageSize,
    );
    const cursor = items.reduce((n, t) => Math.max(n, Number(t.seq)), 0);
    return { items: await this.labelled(auth, items), total, totalExact, page: q.page, pageSize: q.pageSize, cursor };
  }

  /** A grid worker takes a task: their own assigned task, or an open one of their grid. Exactly one of two concurrent claims wins. */
  async claim(auth: AuthContext, id: string): Promise<TaskDto> {
    await this.visible(auth, id);
    const task = await this.tx.run(async (m) => {
      const t = await this.repo.lockForUpdate(m, id);
      const mine = t && (t.status === 'open' || (t.status === 'assigned' && t.assigneeId === auth.userId));
      if (!t || !mine) throw new AppError('TASK_ALREADY_CLAIMED');
      return this.transition(m, t, ['open', 'assigned'], 'in_progress', auth.userId, {
        assigneeId: auth.userId,
        previousAssigneeId: t.assigneeId !== auth.userId ? t.assigneeId : t.previousAssigneeId,
      });
    });
    await this.audit.record(auth, { action: 'task.claim', entityType: 'task', entityId: id, householdId: task.householdId });
    return this.toDto(auth, task);
  }

  async submit(auth: AuthContext, id: string, dto: SubmitFindingsDto): Promise<TaskDto> {
    const t = await this.visible(auth, id);
    if (t.assigneeId !== auth.userId) throw new AppError('FORBIDDEN', '只有承办网格员可以提交核实结果');
    if (t.status !== 'in_progress' && t.status !== 'returned') throw new AppError('INVALID_STATE', '请先领取任务');
    if ((dto.outcome ?? 'met') !== 'met' && hasFactUpdates(dto.factUpdates)) throw new AppError('VISIT_NOT_MET');
    await this.photos.assertOfTask(t.id, dto.photoIds);
    const findingsEnc = this.cipher.encryptJson(dto);
    const task = await this.tx.run((m) => this.transition(m, t, ['in_progress', 'returned'], 'submitted', auth.userId, { findingsEnc }));
    await this.audit.record(auth, {
      action: 'task.submit',
      entityType: 'task',
      entityId: id,
      householdId: t.householdId,
      detail: { outcome: dto.outcome ?? 'met', factUpdates: Object.keys(dto.factUpdates ?? {}), photos: dto.photoIds?.length ?? 0 },
    });
    return this.toDto(auth, task);
  }

  /**
   * The reviewer's decision on submitted findings. Return: back to the worker. Accept: the findings
   * revise the household and the decision is recorded — at once for one-tier policy groups; for
   * two-tier groups (低保, 特困 by default) the street reviewer's acceptance is a proposal the district
   * confirms or sends back (`confirming`). Where the group has 公示, the benefit takes effect only
   * after the notice days pass without objection (`in_notice`, settled by `settleNotices`).
   */
  async review(auth: AuthContext, id: string, dto: ReviewTaskDto): Promise<TaskDto> {
    const t = await this.visible(auth, id);
    if (t.status === 'confirming') return this.confirm(auth, t, dto);
    if (t.status !== 'submitted') throw new AppError('INVALID_STATE', '任务尚未提交核实结果');
    if (dto.outcome === 'return') {
      const task = await this.tx.run((m) => this.transition(m, t, ['submitted'], 'returned', auth.userId, {}, dto.reason));
      await this.audit.record(auth, { action: 'task.return', entityType: 'task', entityId: id, householdId: t.householdId });
      return this.toDto(auth, task);
    }
    const decision = dto.decision!;
    const rule = await this.ruleFor(decision);
    if (rule.tiers === 1) return this.decide(auth, t, 'submitted', decision, rule, null);
    // Two tiers: the street reviews and proposes, the district confirms.
    if (auth.role !== 'street_reviewer') throw new AppError('NEEDS_STREET_REVIEW');
    const proposal: ProposedDecision = { ...plainDecision(decision), proposedBy: auth.userId, proposedAt: this.clock.iso() };
    const task = await this.tx.run((m) =>
      this.transition(
        m,
        t,
        ['submitted'],
        'confirming',
        auth.userId,
        { decisionKind: decision.kind, decisionEnc: this.cipher.encryptJson(proposal) },
        `街道审核通过（${DECISION_LABELS[decision.kind]}），报区县确认`,
      ),
    );
    await this.audit.record(auth, {
      action: 'task.propose',
      entityType: 'task',
      entityId: t.id,
      householdId: t.householdId,
      detail: { decision: decision.kind, policyCode: decision.policyCode ?? null },
    });
    return this.toDto(auth, task);
  }

  /** 区县确认: the district confirms the street's proposal (its own decision if it sends one) or sends it back to the street. */
  private async confirm(auth: AuthContext, t: VerificationTaskEntity, dto: ReviewTaskDto): Promise<TaskDto> {
    if (auth.role !== 'district_reviewer') throw new AppError('FORBIDDEN', '该决定须由区县民政部门确认');
    const proposal = this.cipher.decryptJson<ProposedDecision>(t.decisionEnc!);
    if (dto.outcome === 'return') {
      const task = await this.tx.run((m) =>
        this.transition(m, t, ['confirming'], 'submitted', auth.userId, { decisionKind: null, decisionEnc: null }, `区县退回街道：${dto.reason}`),
      );
      await this.audit.record(auth, { action: 'task.confirm_return', entityType: 'task', entityId: t.id, householdId: t.householdId });
      return this.toDto(auth, task);
    }
    const decision = dto.decision!;
    return this.decide(auth, t, 'confirming', decision, await this.ruleFor(decision), { proposedBy: proposal.proposedBy, proposedAt: proposal.proposedAt });
  }

  private ruleFor(decision: TaskDecisionBody): Promise<ApprovalRule> {
    return decision.kind === 'benefit_granted' && decision.policyCode
      ? this.approvals.forPolicy(decision.policyCode)
      : Promise.resolve({ tiers: 1, noticeDays: 0 });
  }

  /**
   * The decision takes effect: the findings revise the household (a revision, with the benefit
   * granted unless 公示 comes first), it is re-matched, and the decision with the eligibility before
   * and after is recorded.
   */
  private async decide(
    auth: AuthContext,
    t: VerificationTaskEntity,
    from: 'submitted' | 'confirming',
    decision: TaskDecisionBody,
    rule: ApprovalRule,
    proposed: { proposedBy: string; proposedAt: string } | null,
  ): Promise<TaskDto> {
    const findings = t.findingsEnc ? this.cipher.decryptJson<SubmitFindingsDto>(t.findingsEnc) : null;
    const today = this.clock.today();
    const notice: PublicNotice | null =
      decision.kind === 'benefit_granted' && rule.noticeDays > 0 ? { from: today, to: addDays(today, rule.noticeDays - 1) } : null;
    const grant = decision.kind === 'benefit_granted' && !notice ? (decision.policyCode ?? null) : null;
    const eligibleBefore = await this.eligibleCodes(t.householdId);
    let revised: number | null = null;
    await this.tx.run(async (m) => {
      const h = await m.getRepository(HouseholdEntity).findOneBy({ id: t.householdId });
      if (!h || h.status !== 'active') throw new AppError('INVALID_STATE', '该档案不在册，不能采纳核实结果');
      const before = this.codec.decode(h, await this.households.membersOf(h.id, m));
      const after = applyFindings(before, findings?.factUpdates, grant, today);
      if (JSON.stringify(after) !== JSON.stringify(before)) revised = await this.householdFiles.applyContent(m, h, after, auth, 'staff', null);
      const ok = await this.repo.updateIf(m, t.id, [from], { status: 'accepted' });
      if (!ok) throw new AppError('INVALID_STATE');
      if (t.warningId) await this.warnings.setStatus(m, t.warningId, 'closed', this.clock.iso());
    });
    await this.eligibility.rematch(t.householdId);
    const eligibleAfter = await this.eligibleCodes(t.householdId);
    const record: TaskDecisionRecord = {
      ...plainDecision(decision),
      revisedVersion: revised,
      eligibleBefore,
      eligibleAfter,
      decidedBy: auth.userId,
      decidedAt: this.clock.iso(),
      ...(proposed ?? {}),
      ...(notice ? { notice } : {}),
    };
    const task = await this.tx.run(async (m) => {
      const fresh = (await this.repo.findById(t.id, m))!;
      const history = appendTaskHistory(fresh.history, { status: 'accepted', at: this.clock.iso(), by: auth.userId });
      return this.transition(
        m,
        { ...fresh, history },
        ['accepted'],
        notice ? 'in_notice' : 'closed',
        auth.userId,
        { decisionKind: decision.kind, decisionEnc: this.cipher.encryptJson(record) },
        notice ? `${DECISION_LABELS[decision.kind]}，公示 ${notice.from} 至 ${notice.to}` : DECISION_LABELS[decision.kind],
      );
    });
    // The changed household is re-scored (warnings, risk, rechecks); a failure there does not undo the decision.
    await this.pipeline
      .processIds([t.householdId], { kind: 'task', ref: null }, false)
      .catch((e: unknown) => this.logger.error(`after accept of ${t.id}: ${e instanceof Error ? e.message : String(e)}`));
    await this.audit.record(auth, {
      action: proposed ? 'task.confirm' : 'task.accept',
      entityType: 'task',
      entityId: t.id,
      householdId: t.householdId,
      detail: {
        decision: decision.kind,
        revisedVersion: revised,
        eligibleBefore: eligibleBefore.length,
        eligibleAfter: eligibleAfter.length,
        ...(notice ? { noticeFrom: notice.from, noticeTo: notice.to } : {}),
      },
    });
    return this.toDto(auth, task);
  }

  /** An objection during 公示 reopens the investigation: the task goes back to the grid worker, the benefit is not granted. */
  async objection(auth: AuthContext, id: string, reason: string): Promise<TaskDto> {
    const t = await this.visible(auth, id);
    if (t.status !== 'in_notice') throw new AppError('INVALID_STATE', '该任务不在公示期');
    const record = this.cipher.decryptJson<TaskDecisionRecord>(t.decisionEnc!);
    const reopened: TaskDecisionRecord = { ...record, notice: { ...record.notice!, objection: reason } };
    const task = await this.tx.run((m) =>
      this.transition(m, t, ['in_notice'], 'returned', auth.userId, { decisionEnc: this.cipher.encryptJson(reopened) }, `公示期间有异议，重新核实：${reason}`),
    );
    await this.audit.record(auth, { action: 'task.objection', entityType: 'task', entityId: id, householdId: t.householdId, detail: { reason } });
    return this.toDto(auth, task);
  }

  /**
   * Decisions whose 公示 ended yesterday or before, without objection, take effect: the benefit is
   * added to the household (a revision by the deciding reviewer), it is re-matched, the task closes.
   * Idempotent and safe in several processes (a task moves from in_notice once). Returns how many.
   */
  async settleNotices(): Promise<number> {
    const today = this.clock.today();
    let settled = 0;
    for (const t of await this.repo.findByStatus('in_notice')) {
      const record = this.cipher.decryptJson<TaskDecisionRecord>(t.decisionEnc!);
      if (!record.notice || record.notice.to >= today) continue;
      const decider = await this.users.findById(record.decidedBy);
      const actor: AuthContext = {
        userId: record.decidedBy,
        role: decider?.role ?? 'district_reviewer',
        regionCode: decider?.regionCode ?? t.districtCode,
        gridIds: [],
        householdId: null,
        ip: null,
      };
      let revised: number | null = null;
      const done = await this.tx.run(async (m) => {
        const fresh = await this.repo.findById(t.id, m);
        if (fresh?.status !== 'in_notice') return null;
        const h = await m.getRepository(HouseholdEntity).findOneBy({ id: t.householdId });
        if (h?.status === 'active') {
          const before = this.codec.decode(h, await this.households.membersOf(h.id, m));
          const after = applyFindings(before, undefined, record.policyCode ?? null, today);
          if (JSON.stringify(after) !== JSON.stringify(before)) revised = await this.householdFiles.applyContent(m, h, after, actor, 'staff', null);
        }
        const final: TaskDecisionRecord = { ...record, revisedVersion: revised ?? record.revisedVersion };
        return this.transition(
          m,
          fresh,
          ['in_notice'],
          'closed',
          record.decidedBy,
          { decisionEnc: this.cipher.encryptJson(final) },
          `公示期满无异议，${DECISION_LABELS[record.kind]}生效`,
        );
      });
      if (!done) continue;
      settled++;
      await this.eligibility.rematch(t.householdId);
      await this.audit.record(null, {
        action: 'task.notice_passed',
        entityType: 'task',
        entityId: t.id,
        householdId: t.householdId,
        detail: { policyCode: record.policyCode ?? null, noticeTo: record.notice.to, revisedVersion: revised },
      });
    }
    return settled;
  }

  async reassign(auth: AuthContext, id: string, dto: ReassignTaskDto): Promise<TaskDto> {
    const t = await this.visible(auth, id);
    if (t.status === 'closed' || t.status === 'accepted' || t.status === 'submitted') throw new AppError('INVALID_STATE', '已提交或已办结的任务不能改派');
    if (dto.assigneeId !== null && !(await this.dispatch.dispatcher()).worksGrid(dto.assigneeId, t.gridId)) throw new AppError('INVALID_ASSIGNEE');
    const to: TaskStatus = dto.assigneeId ? 'assigned' : 'open';
    const task = await this.tx.run((m) =>
      this.transition(
        m,
        t,
        ['open', 'assigned', 'in_progress', 'returned'],
        to,
        auth.userId,
        { assigneeId: dto.assigneeId, previousAssigneeId: t.assigneeId },
        dto.reason,
      ),
    );
    await this.audit.record(auth, {
      action: 'task.reassign',
      entityType: 'task',
      entityId: id,
      householdId: t.householdId,
      detail: { from: t.assigneeId, to: dto.assigneeId },
    });
    return this.toDto(auth, task);
  }

  /**
   * The system administrator moved a worker off a grid: their open tasks of that grid go to the
   * grid's new worker (or back to the pool). Bound to the grid, whose district the caller checked;
   * the administrator reads no household file, so this never passes through household scope and
   * returns only a count.
   */
  async handOverGrid(auth: AuthContext, gridId: string, fromWorker: string, toWorker: string | null): Promise<number> {
    const { items } = await this.repo.search({ kind: 'grids', gridIds: [gridId] }, { assigneeId: fromWorker, gridId, activeOnly: true }, 1, 500);
    let moved = 0;
    for (const t of items.filter((x) => x.status !== 'submitted' && x.status !== 'closed' && x.status !== 'accepted')) {
      if (toWorker !== null && !(await this.dispatch.dispatcher()).worksGrid(toWorker, t.gridId)) continue;
      await this.tx
        .run((m) =>
          this.transition(
            m,
            t,
            ['open', 'assigned', 'in_progress', 'returned'],
            toWorker ? 'assigned' : 'open',
            auth.userId,
            { assigneeId: toWorker, previousAssigneeId: t.assigneeId },
            '网格员调整',
          ),
        )
        .then(
          async () => {
            moved++;
            await this.audit.record(auth, {
              action: 'task.reassign',
              entityType: 'task',
              entityId: t.id,
              detail: { from: t.assigneeId, to: toWorker, reason: 'grid_workers_changed' },
            });
          },
          (e: unknown) => this.logger.warn(`task ${t.id} not handed over: ${e instanceof Error ? e.message : String(e)}`),
        );
    }
    return moved;
  }

  /**
   * A reviewer hands a task up by hand (督办升级): to the street, or from the street to the district,
   * whether or not it is overdue yet. The automatic escalation of overdue tasks never steps it back.
   */
  async escalate(auth: AuthContext, id: string, dto: EscalateTaskDto): Promise<TaskDto> {
    const t = await this.visible(auth, id);
    if (t.status === 'closed' || t.status === 'accepted') throw new AppError('INVALID_STATE', '已办结的任务不能升级督办');
    const level: Exclude<EscalationLevel, 'none'> = t.escalationLevel === 'street' ? 'district' : t.escalationLevel === 'district' ? 'district' : 'street';
    if (level === t.escalationLevel) throw new AppError('INVALID_STATE', '任务已升级至区级督办，不能再升级');
    const task = await this.tx.run(async (m) => {
      const seq = await this.repo.nextSeq(m);
      const now = this.clock.iso();
      const patch = {
        escalationLevel: level,
        seq,
        history: appendTaskHistory(t.history, { status: `escalated_${level}`, at: now, by: auth.userId, note: dto.reason }),
        updatedAt: now,
      };
      if (!(await this.repo.updateIf(m, t.id, [t.status], patch))) throw new AppError('INVALID_STATE');
      return { ...t, ...patch };
    });
    await this.audit.record(auth, {
      action: 'task.escalate_manual',
      entityType: 'task',
      entityId: id,
      householdId: t.householdId,
      detail: { from: t.escalationLevel, to: level },
    });
    return this.toDto(auth, task);
  }

  /** Who a task may be reassigned to: the workers of its grid, with their open workload. */
  async assignees(auth: AuthContext, id: string): Promise<AssigneeDto[]> {
    const t = await this.visible(auth, id);
    const ids = (await this.regions.workersByGrid()).get(t.gridId) ?? [];
    const load = await this.repo.activeLoad(ids);
    const users = await this.repo.usersByIds(ids);
    return ids
      .map((uid) => ({ id: uid, displayName: users.get(uid) ?? '网格员', openTasks: load.get(uid) ?? 0 }))
      .sort((a, b) => a.openTasks - b.openTasks || a.displayName.localeCompare(b.displayName, 'zh'));
  }

  // ---- internals ------------------------------------------------------------------------------

  private async visible(auth: AuthContext, id: string): Promise<VerificationTaskEntity> {
    return this.access.requireVia(auth, await this.repo.findById(id));
  }

  private async transition(
    m: EntityManager,
    t: VerificationTaskEntity,
    from: TaskStatus[],
    to: TaskStatus,
    by: string,
    patch: Partial<VerificationTaskEntity>,
    note?: string,
  ): Promise<VerificationTaskEntity> {
    const now = this.clock.iso();
    const seq = await this.repo.nextSeq(m);
    const next = { ...patch, status: to, seq, history: appendTaskHistory(t.history, { status: to, at: now, by, ...(note ? { note } : {}) }), updatedAt: now };
    if (!(await this.repo.updateIf(m, t.id, from, next))) throw new AppError(to === 'in_progress' ? 'TASK_ALREADY_CLAIMED' : 'INVALID_STATE');
    return { ...t, ...next };
  }

  private eligibleCodes(householdId: string): Promise<string[]> {
    return this.eligibilityRepo.eligiblePolicies(householdId);
  }

  /** Tasks as DTOs with what a person needs to act on them: whose home, where, which grid, who has it. */
  private async labelled(auth: AuthContext, tasks: VerificationTaskEntity[], sync = false): Promise<TaskDto[]> {
    const labels = await this.repo.labels(tasks);
    return tasks.map((t) => {
      const h = labels.households.get(t.householdId);
      return {
        ...this.toDto(auth, t, sync),
        gridName: labels.grids.get(t.gridId) ?? null,
        headName: h?.headName ?? null,
        address: h?.address ?? null,
        assigneeName: t.assigneeId ? (labels.users.get(t.assigneeId) ?? null) : null,
      };
    });
  }

  private toDto(auth: AuthContext, t: VerificationTaskEntity, sync = false): TaskDto {
    const staff = isStaffRole(auth.role);
    const canSeeFindings = seesSensitiveInFull(auth.role) || t.assigneeId === auth.userId;
    return {
      id: t.id,
      householdId: t.householdId,
      kind: t.kind,
      reason: t.reason,
      warningId: t.warningId,
      status: t.status,
      statusLabel: TASK_STATUS_LABELS[t.status],
      assigneeId: t.assigneeId,
      gridId: t.gridId,
      streetCode: t.streetCode,
      dueDate: t.dueDate,
      overdue: t.dueDate < this.clock.today() && t.status !== 'closed' && t.status !== 'accepted',
      escalationLevel: t.escalationLevel,
      escalationLabel: ESCALATION_LABELS[t.escalationLevel],
      decisionKind: t.decisionKind,
      ...(staff && t.decisionEnc
        ? t.status === 'confirming'
          ? { proposal: this.cipher.decryptJson<ProposedDecision>(t.decisionEnc) }
          : { decision: this.cipher.decryptJson<TaskDecisionRecord>(t.decisionEnc) }
        : {}),
      ...(canSeeFindings && t.findingsEnc ? { findings: this.cipher.decryptJson<VisitFindings>(t.findingsEnc) } : {}),
      history: readTaskHistory(t.history),
      seq: Number(t.seq),
      removed: sync && t.assigneeId !== auth.userId,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  }
}

/** Key of one fact item: one item per member and type (assets by type, benefits by policy). */
function itemKey(item: { type?: string; memberIndex?: number; policyCode?: string }): string {
  return item.policyCode !== undefined ? `policy:${item.policyCode}` : `${item.memberIndex ?? 'household'}:${item.type ?? ''}`;
}

/** Patch one section: each named item replaces the stored item with the same key or is added; removals drop by key; the rest is kept. */
function patchSection<T extends { type?: string; memberIndex?: number; policyCode?: string }>(stored: T[], updates: T[] | undefined, removals: string[]): T[] {
  if (!updates && removals.length === 0) return stored;
  const next = stored.filter((item) => !removals.includes(itemKey(item)));
  for (const u of updates ?? []) {
    const at = next.findIndex((item) => itemKey(item) === itemKey(u));
    if (at >= 0) next[at] = u;
    else next.push(u);
  }
  return next;
}

/** The household content after the findings: a patch — named items added or changed, removals dropped, member facts patched, a granted benefit added; nothing not named changes. */
export function applyFindings(before: HouseholdContent, updates: FactUpdatesDto | undefined, grantedPolicy: string | null, today: string): HouseholdContent {
  const next: HouseholdContent = structuredClone(before);
  const removals = (section: string): string[] =>
    (updates?.remove ?? [])
      .filter((r) => r.section === section)
      .map((r) => (section === 'benefits' ? `policy:${r.type}` : `${r.memberIndex ?? 'household'}:${r.type}`));
  next.incomes = patchSection(next.incomes, updates?.incomes, removals('incomes'));
  next.assets = patchSection(next.assets, updates?.assets, removals('assets'));
  next.expenses = patchSection(next.expenses, updates?.expenses, removals('expenses'));
  next.hardships = patchSection(next.hardships, updates?.hardships, removals('hardships'));
  next.benefits = patchSection(next.benefits, updates?.benefits, removals('benefits'));
  for (const u of updates?.members ?? []) {
    const m = next.members[u.position];
    if (!m) throw new AppError('VALIDATION_FAILED', undefined, [{ field: `factUpdates.members.position`, message: `成员序号 ${u.position} 不存在` }]);
    if (u.employment !== undefined) m.employment = u.employment;
    if (u.labourCapacity !== undefined) m.labourCapacity = u.labourCapacity;
    if (u.health !== undefined) m.health = { ...u.health };
    if (u.disability !== undefined) m.disability = u.disability ? { ...u.disability } : null;
    if (u.selfCare !== undefined) m.selfCare = { ...u.selfCare };
  }
  if (grantedPolicy && !next.benefits.some((b) => b.policyCode === grantedPolicy))
    next.benefits = [...next.benefits, { policyCode: grantedPolicy, since: today }];
  return next;
}

/** Whether a patch names anything at all (an empty object or empty lists change nothing). */
function hasFactUpdates(u: FactUpdatesDto | undefined): boolean {
  return !!u && Object.values(u).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null));
}

/** The decision as the reviewer gave it (a DTO instance carries no more than its fields, but a plain object is what gets stored). */
function plainDecision(d: TaskDecisionBody): TaskDecisionBody {
  return {
    kind: d.kind,
    ...(d.policyCode !== undefined ? { policyCode: d.policyCode } : {}),
    ...(d.provider !== undefined ? { provider: d.provider } : {}),
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
  };
}

/** YYYY-MM-DD plus n calendar days (公示 counts calendar days). */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
