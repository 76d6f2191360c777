/**
 * A plain recursive interpreter over the rule JSON: the reference semantics that the compiled
 * closures must agree with (checked by property tests). Slow on purpose: it is obviously right.
 */
import { assertNever } from '@zczr/domain';
import { FACT_CATALOGUE, sortFacts } from './catalogue.js';
import type { CompareOp, FactInfo, FactName, Facts, FactValue, Operand, Outcome, ResolvedParameters, Rule } from './types.js';

type Truth = 'true' | 'false' | 'unknown';

interface Verdict {
  truth: Truth;
  missing: FactName[];
}

function usable(v: FactValue | undefined, kind: FactInfo['kind']): v is FactValue {
  if (v === undefined) return false;
  if (kind === 'number') return typeof v === 'number' && !Number.isNaN(v);
  if (kind === 'list') return Array.isArray(v);
  return typeof v === kind;
}

function isRef(value: Operand): value is Extract<Operand, { times?: number }> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operand's value, `undefined` when it depends on something missing. */
function operandValue(value: Operand, facts: Facts, params: ResolvedParameters, missing: FactName[]): FactValue | undefined {
  if (!isRef(value)) return value;
  const times = value.times ?? 1;
  if ('param' in value) {
    const p = params[value.param];
    return typeof p === 'number' && !Number.isNaN(p) ? p * times : undefined;
  }
  const info = FACT_CATALOGUE[value.fact];
  const v = facts[value.fact];
  if (!usable(v, info.kind)) {
    missing.push(value.fact);
    return undefined;
  }
  if (typeof v === 'number') {
    const scaled = v * times;
    return Number.isNaN(scaled) ? undefined : scaled;
  }
  return v;
}

function compare(op: CompareOp, a: FactValue, b: FactValue): boolean {
  switch (op) {
    case 'lt':
      return (a as number) < (b as number);
    case 'lte':
      return (a as number) <= (b as number);
    case 'gt':
      return (a as number) > (b as number);
    case 'gte':
      return (a as number) >= (b as number);
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
    case 'in':
    case 'notIn': {
      const list = b as readonly string[];
      const hit = Array.isArray(a) ? (a as readonly string[]).some((x) => list.includes(x)) : list.includes(a as string);
      return op === 'in' ? hit : !hit;
    }
    case 'includes':
      return (a as readonly string[]).includes(b as string);
    case 'excludes':
      return !(a as readonly string[]).includes(b as string);
    default:
      return assertNever(op);
  }
}

function leaf(rule: { fact: FactName; op: CompareOp; value: Operand }, facts: Facts, params: ResolvedParameters): Verdict {
  const missing: FactName[] = [];
  const a = facts[rule.fact];
  const known = usable(a, FACT_CATALOGUE[rule.fact].kind);
  if (!known) missing.push(rule.fact);
  const b = operandValue(rule.value, facts, params, missing);
  if (!known || b === undefined) return { truth: 'unknown', missing };
  return { truth: compare(rule.op, a, b) ? 'true' : 'false', missing: [] };
}

function walk(rule: Rule, facts: Facts, params: ResolvedParameters): Verdict {
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const verdicts = (isAll ? rule.all : rule.any).map((r) => walk(r, facts, params));
    const decisive: Truth = isAll ? 'false' : 'true';
    if (verdicts.some((v) => v.truth === decisive)) return { truth: decisive, missing: [] };
    const unknown = verdicts.filter((v) => v.truth === 'unknown');
    if (unknown.length > 0) return { truth: 'unknown', missing: unknown.flatMap((v) => v.missing) };
    return { truth: isAll ? 'true' : 'false', missing: [] };
  }
  if ('not' in rule) {
    const v = walk(rule.not, facts, params);
    if (v.truth === 'unknown') return v;
    return { truth: v.truth === 'true' ? 'false' : 'true', missing: [] };
  }
  return leaf(rule, facts, params);
}

/**
 * Evaluates a (valid) rule directly from its JSON. `missing` lists, for an unknown outcome, the
 * facts of the unknown conditions that could still decide it, deduplicated in catalogue order.
 */
export function interpret(rule: Rule, facts: Facts, params: ResolvedParameters): { outcome: Outcome; missing: FactName[] } {
  const v = walk(rule, facts, params);
  switch (v.truth) {
    case 'true':
      return { outcome: 'eligible', missing: [] };
    case 'false':
      return { outcome: 'ineligible', missing: [] };
    case 'unknown':
      return { outcome: 'unknown', missing: sortFacts(v.missing) };
    default:
      return assertNever(v.truth);
  }
}
