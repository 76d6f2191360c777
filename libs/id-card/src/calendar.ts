/** Calendar helpers. Dates are plain 'YYYY-MM-DD' strings: a birth date has no time zone. */

/** True for a real Gregorian date in 'YYYY-MM-DD' form (rejects 1999-02-30). */
export function isCalendarDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999, hence the explicit year check.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const CHINA_UTC_OFFSET_MS = 8 * 3600_000; // China Standard Time, no daylight saving since 1991

/**
 * The calendar date in China at the given instant. Servers may run in UTC; "today" and "age" must
 * follow the applicant's calendar, not the server's.
 */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Age in completed years (周岁) on a given day: it goes up on the birthday itself. Someone born on
 * 29 February turns a year older on 1 March in common years.
 * `on` is a 'YYYY-MM-DD' date or an instant (read as a date in China).
 */
export function ageOn(birthDate: string, on: Date | string): number {
  const day = typeof on === 'string' ? on : chinaDate(on);
  if (!isCalendarDate(birthDate)) throw new RangeError(`ageOn: invalid birth date "${birthDate}" (expected YYYY-MM-DD)`);
  if (!isCalendarDate(day)) throw new RangeError(`ageOn: invalid date "${day}" (expected YYYY-MM-DD)`);
  if (day < birthDate) throw new RangeError(`ageOn: ${day} is before the birth date ${birthDate}`);
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // 'MM-DD' strings compare like dates.
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
