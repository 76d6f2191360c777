/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings, without Date objects: no time zone can shift a
 * birthday, and parsing four integers is cheaper than building a Date for every member.
 */

/** The date as y*10000 + m*100 + d (e.g. 20261101), or NaN if it is not a plausible YYYY-MM-DD. */
export function dateKey(date: unknown): number {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = date.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    y = y * 10 + c;
  }
  const m1 = date.charCodeAt(5) - 48;
  const m2 = date.charCodeAt(6) - 48;
  const d1 = date.charCodeAt(8) - 48;
  const d2 = date.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  return y * 10000 + m * 100 + d;
}

/** Completed years from `from` to `to` (keys from dateKey): an age turns on the birthday itself. */
export function fullYears(from: number, to: number): number {
  const years = Math.floor(to / 10000) - Math.floor(from / 10000);
  return to % 10000 < from % 10000 ? years - 1 : years;
}

/**
 * Completed months from `from` to `to` (keys from dateKey); negative when `from` is later.
 * 2026-05-02 → 2026-11-01 is 5 months; 2026-05-01 → 2026-11-01 is 6.
 */
export function fullMonths(from: number, to: number): number {
  const fy = Math.floor(from / 10000);
  const ty = Math.floor(to / 10000);
  const fm = Math.floor(from / 100) % 100;
  const tm = Math.floor(to / 100) % 100;
  const months = (ty - fy) * 12 + (tm - fm);
  return to % 100 < from % 100 ? months - 1 : months;
}
