import { Injectable } from '@nestjs/common';
import { ROLE_LABELS, isStaffRole, type Role } from '@zczr/domain';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import type { HouseholdAuditPageDto, HouseholdAuditQuery } from './household-audit.dto.js';
import { HouseholdsRepository } from './households.repository.js';

/** Audit actions that read a household's personal data, with their Chinese labels. */
export const READ_ACTIONS: Readonly<Record<string, string>> = {
  'household.read_sensitive_full': '查阅档案（完整信息）',
  'household.read_sensitive_masked': '查阅档案（脱敏）',
  'household.read_revisions': '查阅修订记录',
  'household.read_audit_trail': '查阅访问记录',
  'eligibility.read': '查阅政策匹配结果',
  'submission.read': '查阅变更申请',
  'attachment.read': '查看附件',
  'ocr.read': '证件识别',
};

const CHANGE_ACTIONS: Readonly<Record<string, string>> = {
  'household.create': '新建档案',
  'household.update': '修改档案',
  'submission.create': '提交变更申请',
  'submission.approve': '审核通过',
  'submission.return': '退回申请',
  'submission.reject': '驳回申请',
  'consent.give': '授权同意',
  'consent.withdraw': '撤回授权',
  'attachment.upload': '上传附件',
  'task.create': '新建核实任务',
  'task.claim': '领取核实任务',
  'task.submit': '提交核实结果',
  'task.accept': '采纳核实结果',
  'task.return': '退回核实结果',
  'task.reassign': '改派核实任务',
  'task.escalate': '任务超期升级',
  'user.bind_identity': '居民实名认证',
};

const roleLabel = (role: string): string => (role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role === 'system' ? '系统' : role);

/**
 * Who viewed or changed one household. Staff who may see the household may see its trail; the
 * read of the trail is itself audited.
 */
@Injectable()
export class HouseholdAuditService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async trail(auth: AuthContext, householdId: string, q: HouseholdAuditQuery): Promise<HouseholdAuditPageDto> {
    if (!isStaffRole(auth.role)) throw new AppError('FORBIDDEN');
    const h = this.access.require(auth, await this.households.findById(householdId).then((x) => x && { ...x, householdId: x.id }));
    await this.audit.record(auth, { action: 'household.read_audit_trail', entityType: 'household', entityId: h.id, householdId: h.id });
    const { items, total } = await this.audit.listForHousehold(h.id, q.only === 'reads' ? Object.keys(READ_ACTIONS) : null, q.page, q.pageSize);
    const names = new Map<string, string>();
    for (const id of new Set(items.map((e) => e.actorId).filter((x): x is string => x !== null))) {
      names.set(id, (await this.users.findById(id))?.displayName ?? '已注销用户');
    }
    return {
      items: items.map((e) => ({
        id: e.id,
        at: e.at,
        actorName: e.actorId ? names.get(e.actorId) ?? '已注销用户' : '系统',
        actorRole: roleLabel(e.actorRole),
        action: e.action,
        actionLabel: READ_ACTIONS[e.action] ?? CHANGE_ACTIONS[e.action] ?? e.action,
        read: e.action in READ_ACTIONS,
        ip: e.ip,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
