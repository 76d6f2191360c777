/**
 * A policy version compiled once into closures: `evaluate` is the screening fast path (outcome and
 * missing facts, nothing else), `explain` the full, readable result for one household.
 */
import { sortFacts } from './catalogue.js';
import { explainPolicy, type CompiledFormula, type ExplainOptions } from './explain.js';
import { collectMissing, compileExpr, compileRule, FALSE, TRUE, type CompiledNode } from './rule-compiler.js';
import type { EligibilityResult, FactName, Facts, Outcome, PolicyDefinition, ResolvedParameters } from './types.js';
import { RuleError, validatePolicy } from './validate.js';

export interface EvaluationResult {
  outcome: Outcome;
  /** For `unknown`: the facts that could still decide it, in catalogue order; empty otherwise. Shared: do not mutate. */
  missing: readonly FactName[];
}

export interface CompiledPolicy {
  readonly code: string;
  readonly version: number;
  readonly definition: PolicyDefinition;
  /** Fast path: no allocation unless the outcome is unknown (then only the missing list). */
  evaluate(facts: Facts, params: ResolvedParameters): EvaluationResult;
  /**
   * The full result: condition tree, summary, benefit estimate, near miss. With `asOf` outside the
   * policy's effective dates the outcome is ineligible (and the summary says why).
   */
  explain(facts: Facts, params: ResolvedParameters, asOf?: string, options?: ExplainOptions): EligibilityResult;
}

export interface CompileOptions {
  /** Recorded in results; default 1. */
  version?: number;
  /** When given, a parameter not in this set is a compile error instead of an unknown at run time. */
  knownParams?: ReadonlySet<string>;
}

const EMPTY: readonly FactName[] = Object.freeze([]);
const ELIGIBLE: EvaluationResult = Object.freeze({ outcome: 'eligible', missing: EMPTY });
const INELIGIBLE: EvaluationResult = Object.freeze({ outcome: 'ineligible', missing: EMPTY });

/** Validates and compiles a policy; throws RuleError listing every issue found. */
export function compilePolicy(policy: PolicyDefinition, opts: CompileOptions = {}): CompiledPolicy {
  const issues = validatePolicy(policy, opts.knownParams);
  if (issues.length > 0) throw new RuleError(issues, policy.code);
  const root: CompiledNode = compileRule(policy.rule);
  const test = root.test;
  const bf = policy.benefitFormula;
  const formula: CompiledFormula | undefined = bf && {
    definition: bf,
    amount: compileExpr(bf.expr),
    topUps: (bf.topUps ?? []).map((t) => ({ label: t.label, when: compileRule(t.when).test, amount: compileExpr(t.expr) })),
  };
  const version = opts.version ?? 1;
  const input = { code: policy.code, version, root, formula, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo };
  return {
    code: policy.code,
    version,
    definition: policy,
    evaluate(facts, params) {
      const r = test(facts, params);
      if (r === TRUE) return ELIGIBLE;
      if (r === FALSE) return INELIGIBLE;
      const missing: FactName[] = [];
      collectMissing(root, facts, params, missing);
      return { outcome: 'unknown', missing: sortFacts(missing) };
    },
    explain(facts, params, asOf, options) {
      return explainPolicy(input, facts, params, asOf, options);
    },
  };
}
