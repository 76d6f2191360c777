/**
 * The policy library: every assistance policy the matcher screens households against, with its
 * parameters (Chengdu / Wenjiang demo values) and reference households that run as tests.
 */
import type { PolicyDefinition } from '@zczr/eligibility';
import { CHILDREN_POLICIES } from './policies/children.js';
import { DIBAO_POLICIES } from './policies/dibao.js';
import { DISABILITY_POLICIES } from './policies/disability.js';
import { EDUCATION_POLICIES } from './policies/education.js';
import { ELDERLY_POLICIES } from './policies/elderly.js';
import { EMPLOYMENT_POLICIES } from './policies/employment.js';
import { HOUSING_POLICIES } from './policies/housing.js';
import { MARGIN_POLICIES } from './policies/margin.js';
import { MEDICAL_POLICIES } from './policies/medical.js';
import { OTHER_POLICIES } from './policies/other.js';
import { RIGID_POLICIES } from './policies/rigid.js';
import { SERVICE_POLICIES } from './policies/service.js';
import { TEKUN_POLICIES } from './policies/tekun.js';
import { TEMPORARY_POLICIES } from './policies/temporary.js';

export { PARAMETERS, DERIVED_PARAMETER_NAMES } from './parameters.js';
export {
  REFERENCE_DATE,
  WENJIANG_COMMUNITY,
  JINJIANG_COMMUNITY,
  birthDateForAge,
  monthsAgo,
  person,
  adult,
  spouse,
  child,
  grandchild,
  parent,
  student,
  jobless,
  unable,
  household,
  single,
  qualifies,
  fails,
  undecided,
  supporter,
  WENJIANG_VILLAGE,
} from './reference-builders.js';
export type { PersonOptions, HouseholdOptions } from './reference-builders.js';

/** Every policy, in group order (低保 first). */
export const POLICIES: readonly PolicyDefinition[] = Object.freeze([
  ...DIBAO_POLICIES,
  ...TEKUN_POLICIES,
  ...MARGIN_POLICIES,
  ...RIGID_POLICIES,
  ...TEMPORARY_POLICIES,
  ...MEDICAL_POLICIES,
  ...EDUCATION_POLICIES,
  ...HOUSING_POLICIES,
  ...EMPLOYMENT_POLICIES,
  ...DISABILITY_POLICIES,
  ...CHILDREN_POLICIES,
  ...ELDERLY_POLICIES,
  ...SERVICE_POLICIES,
  ...OTHER_POLICIES,
]);

const BY_CODE: ReadonlyMap<string, PolicyDefinition> = new Map(POLICIES.map((p) => [p.code, p]));

/** The policy with this code, or undefined. */
export function policyByCode(code: string): PolicyDefinition | undefined {
  return BY_CODE.get(code);
}
export { applyGuide, GROUP_NAMES, matchesSearch, SEARCH_SYNONYMS, searchTerms } from './guide.js';
export type { ApplyGuide } from './guide.js';
