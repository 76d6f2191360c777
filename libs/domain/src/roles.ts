/** Roles of the platform. Identifiers are part of the public API (demo-login, JWT claims). */
export const ROLES = ['resident', 'grid_worker', 'street_reviewer', 'district_reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  street_reviewer: '街道审核人员',
  district_reviewer: '区级审核人员',
  admin: '系统管理员',
};

export const STAFF_ROLES: readonly Role[] = ['street_reviewer', 'district_reviewer', 'admin'];

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
      return false;
    default:
      return assertNever(role);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
