export * from './roles.js';
export * from './household.js';
export * from './masking.js';
export * from './diff.js';
