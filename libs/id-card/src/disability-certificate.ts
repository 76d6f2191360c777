/**
 * Disability certificate numbers (残疾人证号, second generation): the holder's 18-character ID
 * number + category digit (1–7) + grade digit (1 most severe … 4).
 */
import { normaliseIdInput, validateIdNumber, type IdInvalidReason, type ValidateIdOptions } from './id-number.js';

export type DisabilityCategory = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type DisabilityGrade = 1 | 2 | 3 | 4;

export const DISABILITY_CATEGORY_NAMES: Readonly<Record<DisabilityCategory, string>> = {
  1: '视力残疾',
  2: '听力残疾',
  3: '言语残疾',
  4: '肢体残疾',
  5: '智力残疾',
  6: '精神残疾',
  7: '多重残疾',
};

export const DISABILITY_GRADE_NAMES: Readonly<Record<DisabilityGrade, string>> = {
  1: '一级',
  2: '二级',
  3: '三级',
  4: '四级',
};

/** Why a certificate number is invalid: its embedded ID number's reason, or a bad category/grade. */
export type DisabilityCertificateInvalidReason = IdInvalidReason | 'category' | 'grade';

export type DisabilityCertificateParse =
  | {
      valid: true;
      /** Normalised 20-character number. */
      certificateNumber: string;
      idNumber: string;
      category: DisabilityCategory;
      categoryName: string;
      grade: DisabilityGrade;
      gradeName: string;
    }
  | { valid: false; reason: DisabilityCertificateInvalidReason; message: string };

function isCategory(n: number): n is DisabilityCategory {
  return Number.isInteger(n) && n >= 1 && n <= 7;
}

function isGrade(n: number): n is DisabilityGrade {
  return Number.isInteger(n) && n >= 1 && n <= 4;
}

export function parseDisabilityCertificate(num20: string, opts?: ValidateIdOptions): DisabilityCertificateParse {
  const certificateNumber = normaliseIdInput(num20);
  if (!/^\d{17}[\dX]\d{2}$/.test(certificateNumber)) {
    return { valid: false, reason: 'format', message: '残疾人证号格式不正确：应为18位身份证号码加残疾类别、残疾等级各1位数字' };
  }
  const id = validateIdNumber(certificateNumber.slice(0, 18), opts);
  if (!id.valid) return { valid: false, reason: id.reason, message: `残疾人证号中的${id.message}` };

  const category = Number(certificateNumber.charAt(18));
  if (!isCategory(category)) {
    return { valid: false, reason: 'category', message: '残疾人证号第19位（残疾类别）应为1–7' };
  }
  const grade = Number(certificateNumber.charAt(19));
  if (!isGrade(grade)) {
    return { valid: false, reason: 'grade', message: '残疾人证号第20位（残疾等级）应为1–4' };
  }
  return {
    valid: true,
    certificateNumber,
    idNumber: id.idNumber,
    category,
    categoryName: DISABILITY_CATEGORY_NAMES[category],
    grade,
    gradeName: DISABILITY_GRADE_NAMES[grade],
  };
}
