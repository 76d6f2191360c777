/**
 * ID number masking: first 6 + last 4 visible (docs/DOMAIN.md §6). Same rule as @zczr/domain's
 * maskIdNumber, kept here so that this lib does not depend on the domain lib.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
