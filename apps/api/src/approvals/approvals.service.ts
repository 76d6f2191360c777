import { Injectable } from '@nestjs/common';
import { POLICY_GROUP_LABELS } from '@zczr/contract';
import { POLICY_GROUPS, type PolicyGroup } from '@zczr/eligibility';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import type { ApprovalSettingEntity } from './approval-setting.entity.js';
import type { ApprovalSettingDto, UpdateApprovalSettingDto } from './approval.dto.js';
import { ApprovalsRepository } from './approvals.repository.js';

/** What a decision needs before it takes effect. */
export interface ApprovalRule {
  tiers: 1 | 2;
  noticeDays: number;
}

const ONE_TIER: ApprovalRule = { tiers: 1, noticeDays: 0 };

/** Approval tiers and 公示 per policy group: read by the task review, set by district staff. */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly repo: ApprovalsRepository,
    private readonly policies: PoliciesRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactor,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApprovalSettingDto[]> {
    const rows = new Map((await this.repo.all()).map((r) => [r.policyGroup, r]));
    return POLICY_GROUPS.map((g) => toDto(g, rows.get(g) ?? null));
  }

  async update(auth: AuthContext, group: string, dto: UpdateApprovalSettingDto): Promise<ApprovalSettingDto> {
    if (!(POLICY_GROUPS as readonly string[]).includes(group)) throw new AppError('NOT_FOUND', '没有这个政策类别');
    const g = group as PolicyGroup;
    const before = await this.repo.find(g);
    const row: ApprovalSettingEntity = { policyGroup: g, tiers: dto.tiers, noticeDays: dto.noticeDays, updatedBy: auth.userId, updatedAt: this.clock.iso() };
    await this.tx.run((m) => this.repo.save(m, row));
    await this.audit.record(auth, {
      action: 'approval.update',
      entityType: 'approval_setting',
      entityId: g,
      detail: { before: before ? { tiers: before.tiers, noticeDays: before.noticeDays } : ONE_TIER, after: { tiers: dto.tiers, noticeDays: dto.noticeDays } },
    });
    return toDto(g, row);
  }

  /** The rule for a decision granting this policy (an unknown policy or group: one tier, no 公示). */
  async forPolicy(policyCode: string): Promise<ApprovalRule> {
    const policy = await this.policies.find(policyCode);
    if (!policy) return ONE_TIER;
    const row = await this.repo.find(policy.policyGroup);
    return row ? { tiers: row.tiers === 2 ? 2 : 1, noticeDays: row.noticeDays } : ONE_TIER;
  }
}

function toDto(group: PolicyGroup, row: ApprovalSettingEntity | null): ApprovalSettingDto {
  return {
    policyGroup: group,
    groupLabel: POLICY_GROUP_LABELS[group],
    tiers: row?.tiers === 2 ? 2 : 1,
    noticeDays: row?.noticeDays ?? 0,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}
