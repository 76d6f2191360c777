/**
 * Explanations a reviewer can check and a resident can read: the evaluated condition tree with the
 * household's value against the required one, a one-sentence Chinese summary, the benefit
 * estimate, and the near miss (the one condition that alone stands between the household and the
 * benefit, and by how much). Summary and near miss read only the public ConditionResult tree, so
 * a stored result can be summarised again later.
 */
import { assertNever } from '@zczr/domain';
import { FACT_CATALOGUE, sortFacts } from './catalogue.js';
import { formatNumber, formatValue, ownString, round2 } from './format.js';
import { parameterLabelsOf } from './parameters.js';
import { collectMissing, hasKind, TRUE, type CompiledNode, type LeafNode, type NumberFn, type Test } from './rule-compiler.js';
import type {
  BenefitFormula,
  CompareOp,
  ConditionResult,
  EligibilityResult,
  FactName,
  Facts,
  FactValue,
  NearMiss,
  Outcome,
  ResolvedParameters,
} from './types.js';

export interface ExplainOptions {
  /**
   * Chinese labels of parameters ("当地低保标准") for summaries. Default: those of the table the
   * parameters were resolved from (createParameterResolver / resolveParameters remember it).
   */
  parameterLabels?: Readonly<Record<string, string>>;
  /** How close a failed numeric condition must be to count as a near miss (default 10% of the threshold, 1 year of age). */
  nearMiss?: NearMissDistance;
}

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = { eligible: '符合', ineligible: '不符合', unknown: '待核实' };

type Truth = ConditionResult['outcome'];
const TRUTHS = ['false', 'true', 'unknown'] as const;

function kleene(combinator: 'all' | 'any', values: readonly Truth[]): Truth {
  const decisive: Truth = combinator === 'all' ? 'false' : 'true';
  let unknown = false;
  for (const v of values) {
    if (v === decisive) return decisive;
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : combinator === 'all' ? 'true' : 'false';
}

function negate(v: Truth): Truth {
  return v === 'unknown' ? v : v === 'true' ? 'false' : 'true';
}

// ---- the tree ----------------------------------------------------------------------------------

function explainLeaf(node: LeafNode, f: Facts, p: ResolvedParameters): ConditionResult {
  const raw = f[node.fact];
  const result: ConditionResult = {
    label: node.label,
    outcome: TRUTHS[node.test(f, p)],
    fact: node.fact,
    actual: raw !== undefined && hasKind(raw, node.factKind) ? raw : null,
    op: node.op,
  };
  if (node.id !== undefined) result.id = node.id;
  const o = node.operand;
  switch (o.kind) {
    case 'literal':
      result.required = o.value;
      break;
    case 'param': {
      result.param = o.name;
      if (o.times !== 1) result.times = o.times;
      const v = p[o.name];
      if (typeof v === 'number' && v === v) result.required = round2(v * o.times);
      else result.missingParam = true;
      break;
    }
    case 'fact': {
      result.operandFact = o.name;
      if (o.times !== 1 && o.factKind === 'number') result.times = o.times;
      const v = f[o.name];
      if (v !== undefined && hasKind(v, o.factKind)) result.required = typeof v === 'number' ? round2(v * o.times) : v;
      break;
    }
    default:
      assertNever(o);
  }
  return result;
}

/** Evaluates every node (no short cut), so the reviewer sees the whole tree. */
function explainNode(node: CompiledNode, f: Facts, p: ResolvedParameters): ConditionResult {
  let result: ConditionResult;
  switch (node.type) {
    case 'leaf':
      return explainLeaf(node, f, p);
    case 'all':
    case 'any': {
      const children = node.children.map((c) => explainNode(c, f, p));
      result = {
        label: node.label,
        outcome: kleene(
          node.type,
          children.map((c) => c.outcome),
        ),
        combinator: node.type,
        children,
      };
      break;
    }
    case 'not': {
      const child = explainNode(node.child, f, p);
      result = { label: node.label, outcome: negate(child.outcome), combinator: 'not', children: [child] };
      break;
    }
    default:
      return assertNever(node);
  }
  if (node.id !== undefined) result.id = node.id;
  return result;
}

// ---- summary -----------------------------------------------------------------------------------

function isLeaf(c: ConditionResult): boolean {
  return c.combinator === undefined;
}

/** Adds to `out` the leaves that make a node come out as it does (none for an unknown node). */
function reasons(c: ConditionResult, out: ConditionResult[]): void {
  const children = c.children ?? [];
  switch (c.combinator) {
    case undefined:
      out.push(c);
      return;
    case 'not':
      if (children.length > 0) reasons(children[0]!, out);
      return;
    case 'all':
    case 'any': {
      if (c.outcome === 'unknown') return;
      const decisive: Truth = c.combinator === 'all' ? 'false' : 'true';
      if (c.outcome !== decisive) {
        for (const x of children) reasons(x, out);
        return;
      }
      for (const x of children) {
        if (x.outcome !== decisive) continue;
        reasons(x, out);
        if (c.combinator === 'any') return;
      }
      return;
    }
    default:
      assertNever(c.combinator);
  }
}

function target(c: ConditionResult, labels: Readonly<Record<string, string>> | undefined): string {
  const times = c.times !== undefined && c.times !== 1 ? `的 ${formatNumber(c.times)} 倍` : '';
  if (c.param !== undefined) return `${ownString(labels, c.param) ?? '标准'}${times}`;
  if (c.operandFact !== undefined) return `${FACT_CATALOGUE[c.operandFact].label}${times}`;
  return '';
}

/** One clause saying how a leaf stands, truthfully whatever its outcome. */
function leafPhrase(c: ConditionResult, labels: Readonly<Record<string, string>> | undefined): string {
  const info = c.fact === undefined ? undefined : FACT_CATALOGUE[c.fact];
  const a = c.actual;
  const r = c.required;
  if (info && typeof a === 'number' && typeof r === 'number' && (c.param !== undefined || c.operandFact !== undefined)) {
    const rel = a < r ? '低于' : a > r ? '高于' : '等于';
    return `${info.label} ${formatValue(a, info.unit)}，${rel}${target(c, labels)} ${formatValue(r, info.unit)}`;
  }
  if (info && typeof a === 'boolean') return `${info.label}：${formatValue(a)}`;
  const base = c.outcome === 'true' ? c.label : `未满足“${c.label}”`;
  if (info && typeof a === 'number') return `${base}（${info.label} ${formatValue(a, info.unit)}）`;
  return base;
}

/** Leaves compared with a parameter or another fact say the most: they come first. */
function informative(c: ConditionResult): number {
  return c.param !== undefined ? 0 : c.operandFact !== undefined ? 1 : 2;
}

/** Up to `n` leaves, the most informative first, in tree order within a rank (no sort: lists are short). */
function pick(leaves: readonly ConditionResult[], n: number): ConditionResult[] {
  const picked: ConditionResult[] = [];
  for (let rank = 0; rank <= 2 && picked.length < n; rank++) {
    for (const c of leaves) {
      if (informative(c) !== rank) continue;
      picked.push(c);
      if (picked.length === n) break;
    }
  }
  return picked;
}

function missingParams(c: ConditionResult, out: Set<string>): Set<string> {
  if (c.missingParam === true && c.param !== undefined) out.add(c.param);
  for (const child of c.children ?? []) missingParams(child, out);
  return out;
}

/**
 * The one-sentence summary of a result: "符合条件：家庭人均月收入 520 元，低于当地低保标准 870 元",
 * "不符合：……" or "尚缺信息：需要核实 家庭成员劳动能力、家庭收入".
 */
export function summariseOutcome(result: Pick<EligibilityResult, 'outcome' | 'explanation' | 'missingFacts'>, options?: ExplainOptions): string {
  const labels = options?.parameterLabels;
  const root = result.explanation;
  switch (result.outcome) {
    case 'unknown': {
      const items = [...new Set(result.missingFacts.map((m) => FACT_CATALOGUE[m].collect ?? FACT_CATALOGUE[m].label))];
      if (items.length > 0) {
        return `尚缺信息：需要核实 ${items.slice(0, 2).join('、')}${items.length > 2 ? ` 等 ${items.length} 项` : ''}`;
      }
      const params = [...missingParams(root, new Set())].map((name) => ownString(labels, name) ?? name);
      if (params.length > 0) return `尚缺信息：当地未配置参数「${params.join('」「')}」`;
      return '尚缺信息：部分条件无法判断';
    }
    case 'eligible':
    case 'ineligible': {
      const leaves: ConditionResult[] = [];
      reasons(root, leaves);
      const phrases = pick(leaves, 2).map((c) => leafPhrase(c, labels));
      const body = phrases.length === 0 ? root.label : phrases.length === 2 && phrases[0] !== phrases[1] ? `${phrases[0]}；${phrases[1]}` : phrases[0]!;
      return `${result.outcome === 'eligible' ? '符合条件' : '不符合'}：${body}`;
    }
    default:
      return assertNever(result.outcome);
  }
}

// ---- near miss ---------------------------------------------------------------------------------

function evalFlipped(c: ConditionResult, flipped: ConditionResult): Truth {
  const children = c.children ?? [];
  switch (c.combinator) {
    case undefined:
      return c === flipped ? negate(c.outcome) : c.outcome;
    case 'not':
      return children.length > 0 ? negate(evalFlipped(children[0]!, flipped)) : c.outcome;
    case 'all':
    case 'any': {
      const decisive: Truth = c.combinator === 'all' ? 'false' : 'true';
      let unknown = false;
      for (const x of children) {
        const v = evalFlipped(x, flipped);
        if (v === decisive) return decisive;
        if (v === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : c.combinator === 'all' ? 'true' : 'false';
    }
    default:
      return assertNever(c.combinator);
  }
}

/** Leaves with whether an odd number of `not` sit above them. */
function leavesOf(c: ConditionResult, negated: boolean, out: Array<{ leaf: ConditionResult; negated: boolean }>): typeof out {
  if (isLeaf(c)) out.push({ leaf: c, negated });
  else for (const child of c.children ?? []) leavesOf(child, c.combinator === 'not' ? !negated : negated, out);
  return out;
}

const NEGATED_OP: Readonly<Record<CompareOp, CompareOp>> = {
  lt: 'gte',
  gte: 'lt',
  lte: 'gt',
  gt: 'lte',
  eq: 'neq',
  neq: 'eq',
  in: 'notIn',
  notIn: 'in',
  includes: 'excludes',
  excludes: 'includes',
};

function nearMissText(c: ConditionResult, op: CompareOp, negated: boolean, a: FactValue, r: FactValue): { gap?: number; text: string } {
  const info = c.fact === undefined ? undefined : FACT_CATALOGUE[c.fact];
  if (info && typeof a === 'number' && typeof r === 'number') {
    const unit = info.unit ? ` ${info.unit}` : '';
    const u = (n: number): string => `${formatNumber(round2(n))}${unit}`;
    const what = c.operandFact !== undefined ? FACT_CATALOGUE[c.operandFact].label : '标准';
    switch (op) {
      case 'lt':
      case 'lte': {
        const gap = round2(a - r);
        if (gap <= 0) return { gap: 0, text: `${info.label}恰好等于${what} ${u(r)}，需低于${what}` };
        return { gap, text: `${info.label}比${what}高 ${u(gap)}` };
      }
      case 'gt':
      case 'gte': {
        const gap = round2(r - a);
        if (gap <= 0) return { gap: 0, text: `${info.label}恰好等于${what} ${u(r)}，需高于${what}` };
        return { gap, text: `${info.label}比${what}低 ${u(gap)}` };
      }
      case 'eq': {
        const gap = round2(Math.abs(a - r));
        return { gap, text: `${info.label}为 ${u(a)}，与要求的 ${u(r)} 相差 ${u(gap)}` };
      }
      case 'neq':
        return { text: `${info.label}为 ${u(a)}，要求不等于 ${u(r)}` };
      case 'in':
      case 'notIn':
      case 'includes':
      case 'excludes':
        break;
      default:
        assertNever(op);
    }
  }
  return { text: negated ? `因“${c.label}”而不符合` : `未满足“${c.label}”` };
}

/** How far a numeric fact may be from its threshold to count as a near miss. */
export interface NearMissDistance {
  /** Share of the threshold for amounts, areas, months (default 0.1 = 10%). */
  relative: number;
  /** Years of age (default 1). */
  years: number;
}

export const DEFAULT_NEAR_MISS_DISTANCE: NearMissDistance = { relative: 0.1, years: 1 };

/** Counts (人, 套, 辆) and categorical facts are never near misses: having no old person is not "almost". */
function withinDistance(fact: FactName, gap: number, required: number, distance: NearMissDistance): boolean {
  const unit = FACT_CATALOGUE[fact].unit;
  if (!unit || unit === '人' || unit === '套' || unit === '辆') return false;
  if (unit === '岁') return gap <= distance.years;
  return gap <= Math.abs(required) * distance.relative;
}

/**
 * The near miss of an ineligible result: the single condition whose reversal alone would make the
 * whole rule true (others as they are), and only when it is numeric and within the distance of its
 * threshold. None when no condition, or more than one, would do it, or the one is categorical.
 */
export function findNearMiss(explanation: ConditionResult, distance: NearMissDistance = DEFAULT_NEAR_MISS_DISTANCE): NearMiss | undefined {
  if (explanation.outcome !== 'false') return undefined;
  let found: { leaf: ConditionResult; negated: boolean } | undefined;
  for (const candidate of leavesOf(explanation, false, [])) {
    // Only a leaf standing against the rule (false, or true under a not) can turn it by flipping:
    // the logic is monotone, so the others need not be tried.
    const against = candidate.negated ? 'true' : 'false';
    if (candidate.leaf.outcome !== against || evalFlipped(explanation, candidate.leaf) !== 'true') continue;
    if (found) return undefined;
    found = candidate;
  }
  if (!found) return undefined;
  const { leaf, negated } = found;
  const a = leaf.actual;
  const r = leaf.required;
  if (leaf.fact === undefined || leaf.op === undefined || a === null || a === undefined || r === undefined) return undefined;
  const op = negated ? NEGATED_OP[leaf.op] : leaf.op;
  const { gap, text } = nearMissText(leaf, op, negated, a, r);
  if (gap === undefined || typeof r !== 'number' || !withinDistance(leaf.fact, gap, r, distance)) return undefined;
  const miss: NearMiss = { label: leaf.label, fact: leaf.fact, actual: a, required: r, text };
  if (leaf.id !== undefined) miss.id = leaf.id;
  if (gap !== undefined) miss.gap = gap;
  return miss;
}

// ---- benefit -----------------------------------------------------------------------------------

export interface CompiledFormula {
  definition: BenefitFormula;
  amount: NumberFn;
  topUps: Array<{ label: string; when: Test; amount: NumberFn }>;
}

/** Base amount plus the top-ups whose condition is true; none if the base cannot be computed. */
function estimate(formula: CompiledFormula, f: Facts, p: ResolvedParameters, provisional: boolean): EligibilityResult['benefit'] {
  const base = formula.amount(f, p);
  if (!Number.isFinite(base)) return undefined;
  const topUps: Array<{ label: string; amount: number }> = [];
  let total = base;
  for (const t of formula.topUps) {
    if (t.when(f, p) !== TRUE) continue;
    const amount = t.amount(f, p);
    if (!Number.isFinite(amount)) continue;
    const clamped = Math.max(0, round2(amount));
    topUps.push({ label: t.label, amount: clamped });
    total += clamped;
  }
  const benefit: NonNullable<EligibilityResult['benefit']> = {
    amount: Math.max(0, round2(total)),
    unit: formula.definition.unit,
    label: provisional ? `预计：${formula.definition.label}` : formula.definition.label,
    topUps,
  };
  if (provisional) benefit.provisional = true;
  return benefit;
}

// ---- the result --------------------------------------------------------------------------------

export interface ExplainInput {
  code: string;
  version: number;
  root: CompiledNode;
  formula: CompiledFormula | undefined;
  effectiveFrom: string;
  effectiveTo: string | undefined;
}

export function isInForce(policy: { effectiveFrom: string; effectiveTo?: string | undefined }, asOf: string): boolean {
  return policy.effectiveFrom <= asOf && (policy.effectiveTo === undefined || asOf < policy.effectiveTo);
}

const INCOME_FACTS: ReadonlySet<string> = new Set([
  'countedMonthlyIncome',
  'perCapitaIncome',
  'annualCountedIncome',
  'perCapitaIncomeBeforeDeduction',
  'perCapitaIncomeAfterRigid',
  'rigidExpenseShare',
]);

function usesIncome(c: ConditionResult): boolean {
  if (c.fact !== undefined && INCOME_FACTS.has(c.fact)) return true;
  return (c.children ?? []).some(usesIncome);
}

/** "（含赡养人应付赡养费 2,208 元/月：月收入 9,200 元，超过 1,840 元的部分按 30% 计）" when income counts support owed. */
function supportNote(explanation: ConditionResult, f: Facts, p: ResolvedParameters): string | undefined {
  const due = f.supportPaymentCounted;
  const top = f.supporterMaxIncome;
  if (typeof due !== 'number' || !(due > 0) || !usesIncome(explanation)) return undefined;
  const line = p['supporter_ability_income_line'];
  const share = p['support_payment_share'];
  const how =
    typeof top === 'number' && typeof line === 'number' && typeof share === 'number'
      ? `：赡养（抚养、扶养）人月收入最高 ${formatNumber(round2(top))} 元，超过 ${formatNumber(round2(line))} 元的部分按 ${formatNumber(round2(share * 100))}% 计算`
      : '';
  return `（家庭收入含按法定义务人收入计入的赡养费 ${formatNumber(due)} 元/月${how}）`;
}

export function explainPolicy(
  policy: ExplainInput,
  f: Facts,
  p: ResolvedParameters,
  asOf: string | undefined,
  options: ExplainOptions | undefined,
): EligibilityResult {
  const explanation = explainNode(policy.root, f, p);
  const inForce = asOf === undefined || isInForce(policy, asOf);
  let outcome: Outcome = explanation.outcome === 'true' ? 'eligible' : explanation.outcome === 'false' ? 'ineligible' : 'unknown';
  let missingFacts: FactName[] = [];
  if (outcome === 'unknown') {
    const out: FactName[] = [];
    collectMissing(policy.root, f, p, out);
    missingFacts = sortFacts(out);
  }
  if (!inForce) {
    outcome = 'ineligible';
    missingFacts = [];
  }
  const result: EligibilityResult = { policyCode: policy.code, policyVersion: policy.version, outcome, missingFacts, explanation, summary: '' };
  result.summary = inForce
    ? summariseOutcome(result, options?.parameterLabels ? options : { parameterLabels: parameterLabelsOf(p) })
    : `不符合：该政策在 ${asOf} 不在有效期内（${policy.effectiveFrom} 起施行${policy.effectiveTo ? `，${policy.effectiveTo} 起停止执行` : ''}）`;
  if (inForce) {
    const note = supportNote(explanation, f, p);
    if (note) result.summary += note;
  }
  if (policy.formula && outcome !== 'ineligible') {
    const benefit = estimate(policy.formula, f, p, outcome === 'unknown');
    if (benefit) result.benefit = benefit;
  }
  if (inForce) {
    const miss = findNearMiss(explanation, options?.nearMiss);
    if (miss) result.nearMiss = miss;
  }
  return result;
}
