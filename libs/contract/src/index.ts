/**
 * @zczr/contract: what the API and its two front ends (the staff console and the mini-program) exchange.
 * The API's response DTO classes `implements` these interfaces, so a field changed on one side only is
 * a compile error; the front ends import their types, labels and endpoint paths from here and keep no
 * copies of their own.
 */
export * from './common.js';
export * from './labels.js';
export * from './auth.js';
export * from './households.js';
export * from './eligibility.js';
export * from './policies.js';
export * from './parameters.js';
export * from './notifications.js';
export * from './review.js';
export * from './tasks.js';
export * from './monitoring.js';
export * from './screenings.js';
export * from './imports.js';
export * from './dashboard.js';
export * from './admin.js';
export * from './consents.js';
export * from './documents.js';
export * from './regions.js';
export * from './endpoints.js';

/** The household model's label tables, re-exported so an app needs one import for every label. */
export {
  ASSET_TYPE_LABELS,
  CONSENT_PURPOSE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  INCOME_TYPE_LABELS,
  LABOUR_CAPACITY_LABELS,
  RELATION_LABELS,
  ROLE_LABELS,
  SELF_CARE_LEVEL_LABELS,
  SUBMISSION_STATUS_LABELS,
  SUPPORTER_CONDITION_LABELS,
  SUPPORTER_RELATION_LABELS,
} from '@zczr/domain';
