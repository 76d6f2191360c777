import { Injectable } from '@nestjs/common';
import { isStaffRole, seesSensitiveInFull } from '@zczr/domain';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { diffContent, type HouseholdContent } from '../households/household-document.js';
import { toFieldChanges } from '../households/household.mapper.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { HouseholdCodec } from '../households/household-codec.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { HouseholdsService } from '../households/households.service.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { AutoCheck } from './auto-checks.js';
import type { ListSubmissionsQuery, ReviewSubmissionDto, SubmissionPageDto, SubmissionResponseDto } from './submission.dto.js';
import type { SubmissionEntity } from './submission.entity.js';
import { OPEN_SUBMISSION_STATUSES, StatusChange, SubmissionsRepository } from './submissions.repository.js';

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly households: HouseholdsRepository,
    private readonly householdsService: HouseholdsService,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly codec: HouseholdCodec,
    private readonly eligibility: EligibilityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
  ) {}

  async list(auth: AuthContext, q: ListSubmissionsQuery): Promise<SubmissionPageDto> {
    const { items, total } = await this.submissions.search(
      this.access.scopeOf(auth),
      { status: q.status, householdId: q.householdId, submittedBy: auth.userId },
      q.page,
      q.pageSize,
    );
    return { items: await Promise.all(items.map((s) => this.toResponse(auth, s, false))), total, page: q.page, pageSize: q.pageSize };
  }

  async get(auth: AuthContext, id: string): Promise<SubmissionResponseDto> {
    const s = await this.visible(auth, id);
    await this.audit.record(auth, { action: 'submission.read', entityType: 'submission', entityId: s.id, householdId: s.householdId });
    return this.toResponse(auth, s, true);
  }

  private readonly reviewedListeners: Array<(s: SubmissionEntity) => Promise<void>> = [];

  /** Called after each review decision, in the background (notifications: status changes). */
  onReviewed(listener: (s: SubmissionEntity) => Promise<void>): void {
    this.reviewedListeners.push(listener);
  }

  async review(auth: AuthContext, id: string, dto: ReviewSubmissionDto): Promise<SubmissionResponseDto> {
    if (!isStaffRole(auth.role)) throw new AppError('FORBIDDEN');
    const s = await this.visible(auth, id);
    if (s.status !== 'in_review') throw new AppError('INVALID_STATE', `该申请当前状态为“${s.status}”，不能审核`);
    if (dto.decision !== 'approve' && !dto.reason) throw new AppError('VALIDATION_FAILED', '退回或驳回须填写理由');
    const now = this.clock.iso();
    const status = dto.decision === 'approve' ? 'approved' : dto.decision === 'return' ? 'returned' : 'rejected';
    const history: StatusChange[] = [
      ...(JSON.parse(s.history) as StatusChange[]),
      { status, at: now, by: auth.userId, ...(dto.reason ? { reason: dto.reason } : {}) },
    ];
    await this.tx.run(async (m) => {
      const moved = await this.submissions.transition(m, s.id, ['in_review'], {
        status,
        reviewedBy: auth.userId,
        reviewReason: dto.reason ?? null,
        history: JSON.stringify(history),
        updatedAt: now,
      });
      if (!moved) throw new AppError('INVALID_STATE', '该申请已被他人处理');
      const h = await this.households.findById(s.householdId);
      if (!h) throw notFound();
      if (dto.decision === 'approve') {
        if (s.kind === 'update' && h.version !== s.baseVersion) throw new AppError('VERSION_CONFLICT', '提交后档案已被修改，请退回申请人按最新档案重新提交');
        const content = this.cipher.decryptJson<HouseholdContent>(s.payloadEnc);
        await this.householdsService.applyContent(m, h, content, auth, 'submission', s.id, s.kind === 'create');
      } else if (dto.decision === 'reject' && s.kind === 'create') {
        await this.households.updateIfVersion(m, h.id, h.version, { status: 'rejected', updatedAt: now });
        await this.households.updateMembers(m, h.id, { idNumberHash: null });
      }
    });
    if (dto.decision === 'approve') await this.eligibility.rematchQuietly(s.householdId);
    await this.audit.record(auth, {
      action: `submission.${dto.decision}`,
      entityType: 'submission',
      entityId: s.id,
      householdId: s.householdId,
      detail: { reason: dto.reason ?? null },
    });
    const reviewed = (await this.submissions.findById(s.id))!;
    for (const listener of this.reviewedListeners) void listener(reviewed).catch(() => undefined);
    return this.toResponse(auth, reviewed, true);
  }

  private async visible(auth: AuthContext, id: string): Promise<SubmissionEntity> {
    const s = await this.submissions.findById(id);
    if (!s) throw notFound();
    if (auth.role === 'resident') {
      if (s.submittedBy !== auth.userId) throw notFound();
      return s;
    }
    return this.access.requireVia(auth, s);
  }

  private async toResponse(auth: AuthContext, s: SubmissionEntity, withChanges: boolean): Promise<SubmissionResponseDto> {
    let changes: SubmissionResponseDto['changes'] = [];
    if (withChanges && OPEN_SUBMISSION_STATUSES.includes(s.status)) {
      const proposed = this.cipher.decryptJson<HouseholdContent>(s.payloadEnc);
      const h = await this.households.findById(s.householdId);
      const current = h && s.kind === 'update' ? this.codec.decode(h, await this.households.membersOf(h.id)) : null;
      changes = toFieldChanges(diffContent(current, proposed), seesSensitiveInFull(auth.role));
    }
    return {
      id: s.id,
      kind: s.kind,
      status: s.status,
      householdId: s.householdId,
      baseVersion: s.baseVersion,
      streetCode: s.streetCode,
      gridId: s.gridId,
      checks: JSON.parse(s.checks) as AutoCheck[],
      history: JSON.parse(s.history) as StatusChange[],
      changes,
      submittedBy: s.submittedBy,
      submittedByRole: s.submittedByRole,
      reviewReason: s.reviewReason,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }
}
