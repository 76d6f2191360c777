/**
 * Date arithmetic on plain 'YYYY-MM-DD' strings, without Date objects (fast, and no time zone can
 * shift a birthday). All "now"-relative values use DEMO_REFERENCE_DATE, never the clock.
 */

/** The day the demo population is "as of": ages, recent events and benefit dates are relative to it. */
export const DEMO_REFERENCE_DATE = '2026-11-01';
export const REFERENCE_YEAR = 2026;
const REFERENCE_MONTH = 11;
const REFERENCE_DAY = 1;

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/**
 * Days of `year` usable as birth dates: the whole year, except that in the reference year only days
 * strictly before the reference date count (nobody in the data is born "today" or later).
 */
export function birthDaysInYear(year: number): number {
  if (year < REFERENCE_YEAR) return daysInYear(year);
  return dayOfYear(REFERENCE_YEAR, REFERENCE_MONTH, REFERENCE_DAY);
}

/** 0-based day of the year. */
export function dayOfYear(year: number, month: number, day: number): number {
  const leap = month > 2 && isLeapYear(year) ? 1 : 0;
  return CUMULATIVE_DAYS[month - 1]! + leap + day - 1;
}

const TWO_DIGITS: string[] = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** 'YYYY-MM-DD' for the 0-based day `doy` of `year`. */
export function dateFromDayOfYear(year: number, doy: number): string {
  const leap = isLeapYear(year) ? 1 : 0;
  let month = 1;
  while (month < 12 && doy >= CUMULATIVE_DAYS[month]! + (month >= 2 ? leap : 0)) month++;
  const day = doy - CUMULATIVE_DAYS[month - 1]! - (month > 2 ? leap : 0) + 1;
  return `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}`;
}

/** Completed years (周岁) on the reference date. */
export function ageOnReference(birthDate: string): number {
  const year = Number(birthDate.slice(0, 4));
  const month = Number(birthDate.slice(5, 7));
  const day = Number(birthDate.slice(8, 10));
  const before = month < REFERENCE_MONTH || (month === REFERENCE_MONTH && day <= REFERENCE_DAY);
  return REFERENCE_YEAR - year - (before ? 0 : 1);
}

// Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's civil-date algorithms.
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dateFromEpochDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}`;
}

export const REFERENCE_EPOCH_DAY = epochDay(REFERENCE_YEAR, REFERENCE_MONTH, REFERENCE_DAY);

/** The date `days` days before the reference date. */
export function daysBeforeReference(days: number): string {
  return dateFromEpochDay(REFERENCE_EPOCH_DAY - days);
}

/** A date between two dates given as 'YYYY-MM-DD' (inclusive), by a uniform fraction u ∈ [0, 1). */
export function dateBetween(from: string, to: string, u: number): string {
  const a = epochDayOf(from);
  const b = epochDayOf(to);
  return dateFromEpochDay(a + Math.floor(u * (b - a + 1)));
}

export function epochDayOf(date: string): number {
  return epochDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}
