/** @zczr/id-card — citizen ID numbers, disability certificate numbers and OCR repair. */
export { ageOn } from './calendar.js';
export { idCheckDigit } from './check-digit.js';
export { DISABILITY_CATEGORY_NAMES, DISABILITY_GRADE_NAMES, parseDisabilityCertificate } from './disability-certificate.js';
export type { DisabilityCategory, DisabilityCertificateInvalidReason, DisabilityCertificateParse, DisabilityGrade } from './disability-certificate.js';
export { isValidIdNumber, makeIdNumber, upgradeIdNumber15, validateIdNumber } from './id-number.js';
export type { IdInvalidReason, IdNumberValidation, InvalidIdNumber, Sex, ValidateIdOptions, ValidIdNumber } from './id-number.js';
export { maskIdNumber } from './masking.js';
export { correctIdNumber, OCR_CONFUSIONS } from './ocr-correction.js';
export type { IdNumberCorrection } from './ocr-correction.js';
export * from './card-layout.js';
