/** Administration: staff accounts, grids and their workers, dictionaries, the audit log. */
import type { Role } from '@zczr/domain';
import type { PageQuery } from './common.js';
import type { AccountStatus } from './labels.js';

/** Accounts the administrators manage: everyone but residents; 三员分立 adds the security and audit administrators. */
export const MANAGED_ROLES = [
  'grid_worker',
  'street_reviewer',
  'district_reviewer',
  'admin',
  'security_admin',
  'audit_admin',
] as const satisfies readonly Role[];
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: ManagedRole;
  roleLabel: string;
  regionCode: string | null;
  regionName: string | null;
  /** A grid worker's grids. */
  gridIds: string[];
  /** Locked for a while after too many failed logins. */
  locked: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  disabledAt: string | null;
  /** A TOTP secret is set. */
  hasTotp: boolean;
  createdAt: string;
}

export interface UserListQuery extends PageQuery {
  role?: ManagedRole;
  /** Region code, prefix. */
  regionCode?: string;
  /** Login name or display name. */
  q?: string;
  status?: AccountStatus;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: ManagedRole;
  /** Street code (9 digits) for grid workers and street reviewers, district code (6) otherwise. */
  regionCode: string;
  password: string;
}

export interface ResetPasswordBody {
  password: string;
}

/** A new or reset account's TOTP secret: shown once. */
export interface TotpEnrolment {
  user: StaffUser;
  totpSecret: string;
  otpauthUrl: string;
}

export interface GridWorkerRef {
  id: string;
  displayName: string;
  username: string;
  disabled: boolean;
}

export interface AdminGrid {
  id: string;
  name: string;
  communityCode: string;
  communityName: string;
  streetCode: string;
  streetName: string;
  /** Households on the register. */
  households: number;
  workers: GridWorkerRef[];
}

export interface AdminGridQuery {
  streetCode?: string;
  communityCode?: string;
}

export interface SetGridWorkersBody {
  /** Replaces the grid's workers; may be empty. */
  userIds: string[];
}

export interface DictionaryItem {
  value: string;
  label: string;
}

export interface Dictionary {
  code: string;
  name: string;
  /** Built into the code, or kept in the database. */
  source: string;
  items: DictionaryItem[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  /** Login name and display name. */
  actorName: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  householdId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditListQuery extends PageQuery {
  householdId?: string;
  /** An action code, or a prefix ending in `.`. */
  action?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** First entry whose MAC or link does not match. */
  brokenAt?: number;
  reason?: 'edited' | 'gap' | 'truncated' | 'anchor_forged';
}
