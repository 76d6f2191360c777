import { AUDIT_CHANGE_ACTION_LABELS, AUDIT_READ_ACTION_LABELS } from '@zczr/contract';
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
/** Reads of a household's data (the access record's 查阅 entries). */
export const READ_ACTIONS = AUDIT_READ_ACTION_LABELS;
const CHANGE_ACTIONS = AUDIT_CHANGE_ACTION_LABELS;

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
    const found = await this.users.namesOf(items.flatMap((e) => (e.actorId ? [e.actorId] : [])));
    const names = new Map([...found].map(([id, n]) => [id, n.displayName]));
    return {
      items: items.map((e) => ({
        id: e.id,
        at: e.at,
        actorName: e.actorId ? (names.get(e.actorId) ?? '已注销用户') : '系统',
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
