import type { PolicyParameterEntity } from '../policies/policy.entity.js';

/** A row applies to a district when its region is one of the district's prefixes ('' national, province, city, district) or lies inside it. */
export function appliesTo(region: string, districtCode: string): boolean {
  return districtCode.startsWith(region) || region.startsWith(districtCode);
}

/**
 * The row whose value a place gets on a date, as the matcher resolves it (libs/eligibility
 * parameters.ts): the longest region prefix with a value in force, the latest effectiveFrom there.
 */
export function rowInForce<T extends Pick<PolicyParameterEntity, 'region' | 'effectiveFrom' | 'effectiveTo'>>(
  rows: T[],
  place: string,
  date: string,
): T | null {
  let best: T | null = null;
  for (const r of rows) {
    if (!place.startsWith(r.region) || r.effectiveFrom > date || (r.effectiveTo !== null && date >= r.effectiveTo)) continue;
    if (!best || r.region.length > best.region.length || (r.region.length === best.region.length && r.effectiveFrom > best.effectiveFrom)) best = r;
  }
  return best;
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A typo guard for a proposed value: never negative, a share (unit 比例) at most 1, and within an
 * order of magnitude of the value in force where there is one.
 */
export function isSaneValue(value: number, unit: string | null, current: number | null): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  if (unit === '比例' && value > 1) return false;
  if (current !== null && current > 0 && (value > current * 10 || value < current / 10)) return false;
  return true;
}
