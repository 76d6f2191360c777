/** Roles of the platform. Identifiers are part of the public API (demo-login, JWT claims). */
export const ROLES = ['resident', 'grid_worker', 'street_reviewer', 'district_reviewer', 'admin', 'security_admin', 'audit_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  street_reviewer: '街道审核人员',
  district_reviewer: '区级审核人员',
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '安全审计员',
};

export const STAFF_ROLES: readonly Role[] = ['street_reviewer', 'district_reviewer', 'admin', 'security_admin', 'audit_admin'];

/**
 * 三员分立: the three administrators of the system. None of them reads household files.
 * - `admin` (系统管理员): accounts, grids, dictionaries;
 * - `security_admin` (安全管理员): role grants, locks, TOTP resets, rule parameters' review;
 * - `audit_admin` (安全审计员): reads and verifies the audit log (including the other two's actions).
 */
export const SYSTEM_ROLES: readonly Role[] = ['admin', 'security_admin', 'audit_admin'];

export function isSystemRole(role: Role): boolean {
  return SYSTEM_ROLES.includes(role);
}

/** Business staff who work on household files (the reviewers). */
export const CASEWORK_ROLES: readonly Role[] = ['street_reviewer', 'district_reviewer'];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** Roles that see sensitive fields (ID numbers, phones, health, disability, bank accounts) in full. */
export function seesSensitiveInFull(role: Role): boolean {
  switch (role) {
    case 'street_reviewer':
    case 'district_reviewer':
      return true;
    case 'resident':
    case 'grid_worker':
    case 'admin':
    case 'security_admin':
    case 'audit_admin':
      return false;
    default:
      return assertNever(role);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
