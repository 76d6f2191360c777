/** Matching one household against a library of policies, and running a policy's reference households. */
import { deriveFacts } from './facts.js';
import { parameterResolverFor, type ParameterResolver } from './parameters.js';
import { compilePolicy, type CompiledPolicy } from './policy.js';
import type { EligibilityResult, FactName, HouseholdSnapshot, Outcome, ParameterDefinition, PolicyDefinition } from './types.js';

export interface EvaluateHouseholdOptions {
  /** YYYY-MM-DD: the day the household is assessed on. */
  asOf: string;
  /** The parameter table, or a resolver made from it (reuse one across households: it memoises). */
  parameters: readonly ParameterDefinition[] | ParameterResolver;
}

/**
 * Every policy's explained result for one household, in the order given: facts are derived once,
 * parameters resolved once for the household's region and `asOf`.
 */
export function evaluateHousehold(policies: readonly CompiledPolicy[], h: HouseholdSnapshot, opts: EvaluateHouseholdOptions): EligibilityResult[] {
  const resolver = parameterResolverFor(opts.parameters);
  const params = resolver(h.regionCode, opts.asOf);
  const facts = deriveFacts(h, { asOf: opts.asOf, params });
  const options = { parameterLabels: resolver.labels };
  return policies.map((p) => p.explain(facts, params, opts.asOf, options));
}

export interface ReferenceCheck {
  label: string;
  expected: Outcome;
  actual: Outcome;
  expectedMissing?: FactName[];
  missing: FactName[];
  ok: boolean;
  /** The result's summary, to see at a glance why a reference failed. */
  summary: string;
  asOf: string;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/**
 * Runs each reference household of a policy (at `ref.asOf`, default the policy's effectiveFrom,
 * with parameters resolved for its region): ok when the outcome is the expected one and, for an
 * expected `unknown` with `expectedMissing`, the missing facts are exactly those. Throws RuleError
 * if the policy does not compile (unknown parameters included).
 */
export function checkReferences(policy: PolicyDefinition, parameters: readonly ParameterDefinition[]): ReferenceCheck[] {
  const compiled = compilePolicy(policy, { knownParams: new Set(parameters.map((p) => p.name)) });
  const resolver = parameterResolverFor(parameters);
  return policy.references.map((ref) => {
    const asOf = ref.asOf ?? policy.effectiveFrom;
    const params = resolver(ref.household.regionCode, asOf);
    const facts = deriveFacts(ref.household, { asOf, params });
    const result = compiled.explain(facts, params, asOf, { parameterLabels: resolver.labels });
    let ok = result.outcome === ref.expected;
    if (ok && ref.expected === 'unknown' && ref.expectedMissing !== undefined) ok = sameSet(ref.expectedMissing, result.missingFacts);
    const check: ReferenceCheck = {
      label: ref.label,
      expected: ref.expected,
      actual: result.outcome,
      missing: result.missingFacts,
      ok,
      summary: result.summary,
      asOf,
    };
    if (ref.expectedMissing !== undefined) check.expectedMissing = ref.expectedMissing;
    return check;
  });
}
