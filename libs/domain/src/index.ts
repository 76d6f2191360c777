export * from './roles.js';
export * from './household.js';
export * from './masking.js';
export * from './diff.js';
export * from './field-labels.js';
