/**
 * @zczr/eligibility — the matcher: facts derived from a household, parameters by region and date,
 * rules compiled once into three-valued predicates, and explanations in plain Chinese.
 * Pure TypeScript (no Node, no DOM): the API, the console and the mini-program share it.
 */
export * from './types.js';
export { FACT_CATALOGUE, isFactName, sortFacts } from './catalogue.js';
export { deriveFacts, isTekunDisability, NO_HARDSHIP_MONTHS, RIGID_SHARE_WITHOUT_INCOME } from './facts.js';
export type { DeriveContext } from './facts.js';
export type { NearMissDistance } from './explain.js';
export { createParameterResolver, parameterLabelsOf, resolveParameters } from './parameters.js';
export type { ParameterResolver } from './parameters.js';
export { COMPARE_OPS, RuleError, validateExpr, validatePolicy, validateRule } from './validate.js';
export type { RuleIssue, RuleIssueCode } from './validate.js';
export { compilePolicy } from './policy.js';
export type { CompiledPolicy, CompileOptions, EvaluationResult } from './policy.js';
export { interpret } from './interpret.js';
export { DEFAULT_NEAR_MISS_DISTANCE, findNearMiss, isInForce, OUTCOME_LABELS, summariseOutcome } from './explain.js';
export type { ExplainOptions } from './explain.js';
export { checkReferences, evaluateHousehold } from './household.js';
export type { EvaluateHouseholdOptions, ReferenceCheck } from './household.js';
export {
  formatPlainNumber,
  formatQuantity,
  formatYuan,
  plainCondition,
  plainMissing,
  plainNearMiss,
  plainReasons,
  plainSummary,
  residentOrder,
} from './plain.js';
export type { PlainLine, PlainMark, PlainOptions } from './plain.js';
