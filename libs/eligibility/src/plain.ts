/**
 * Explanations for residents, in plain language: one template per kind of condition, numbers
 * with thousands separators ("3,055 元"), never a field name, a "是否…：否" or a comparison of two
 * counts. The console shows the same sentences beside the full tree, and the mini-program shows
 * only these. Reads only the public ConditionResult tree, so a stored result can be told again.
 */
import { FACT_CATALOGUE } from './catalogue.js';
import { ownString } from './format.js';
import type { CompareOp, ConditionResult, FactName, FactValue, Outcome } from './types.js';

/** 3055 → "3,055"; 870.5 → "870.50"; negative and non-finite numbers as they are. */
export function formatPlainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n * 100) / 100;
  const negative = rounded < 0;
  const abs = Math.abs(rounded);
  const whole = Math.trunc(abs);
  const fen = Math.round((abs - whole) * 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fen ? `.${String(fen).padStart(2, '0')}` : ''}`;
}

/** "3,055 元", "2 人", "45.50 平方米". */
export function formatQuantity(n: number, unit?: string): string {
  return unit ? `${formatPlainNumber(n)} ${unit}` : formatPlainNumber(n);
}

/** A sum of money in yuan: "3,055 元". */
export function formatYuan(n: number): string {
  return formatQuantity(n, '元');
}

/**
 * How a fact reads in a sentence about "your family": the catalogue label without the question
 * form ("是否独自居住" → "独自居住"), so nothing reads like a form field.
 */
function factPhrase(fact: FactName): string {
  return FACT_CATALOGUE[fact].label.replace(/^是否/, '');
}

/** After "您家": "家庭人均月收入" → "人均月收入", "家庭成员最大年龄" → "成员最大年龄". */
function ofYourFamily(fact: FactName): string {
  return `您家${factPhrase(fact).replace(/^家庭/, '')}`;
}

const RELATION: Readonly<Partial<Record<CompareOp, string>>> = {
  lt: '低于',
  lte: '不高于',
  gt: '高于',
  gte: '不低于',
  eq: '等于',
  neq: '不等于',
};

export type PlainMark = 'met' | 'unmet' | 'unknown';

export interface PlainLine {
  mark: PlainMark;
  text: string;
}

export interface PlainOptions {
  /** Chinese labels of parameters ("城乡低保标准"), by parameter name. */
  parameterLabels?: Readonly<Record<string, string>>;
}

const MARK_OF: Readonly<Record<ConditionResult['outcome'], PlainMark>> = { true: 'met', false: 'unmet', unknown: 'unknown' };

function valueText(v: FactValue, unit: string | undefined): string {
  if (typeof v === 'number') return formatQuantity(v, unit);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  return v.length ? v.join('、') : '无';
}

/** Strips a parameter label's bracketed note ("低保家庭人均金融资产上限（月数）" → "低保家庭人均金融资产上限"). */
function standardName(c: ConditionResult, options: PlainOptions | undefined): string {
  const label = c.param === undefined ? undefined : ownString(options?.parameterLabels, c.param);
  return label ? label.replace(/（[^）]*）$/, '') : '规定的标准';
}

/**
 * One condition as a sentence. Templates, by kind:
 * - an amount, area or age against a standard: "您家人均月收入 520 元，低于城乡低保标准 920 元" (+ what is needed when unmet);
 * - against a fixed number: the condition as written, with the family's figure in brackets when it says something;
 * - against another fact (counts compared with counts) or a yes/no fact: the condition as written;
 * - unknown: the condition, and what to supply.
 */
export function plainCondition(c: ConditionResult, options?: PlainOptions): string {
  const info = c.fact === undefined ? undefined : FACT_CATALOGUE[c.fact];
  const label = c.label.trim();
  if (c.outcome === 'unknown') {
    if (c.missingParam) return `${label}：当地标准暂未公布，需要工作人员核实`;
    return info ? `${label}：还需要补充“${info.collect ?? factPhrase(c.fact!)}”` : `${label}：还需要补充信息`;
  }
  const a = c.actual;
  const r = c.required;
  if (info && c.param !== undefined && typeof a === 'number' && typeof r === 'number' && c.op && RELATION[c.op]) {
    const rel = a < r ? '低于' : a > r ? '高于' : '等于';
    const sentence = `${ofYourFamily(c.fact!)} ${formatQuantity(a, info.unit)}，${rel}${standardName(c, options)} ${formatQuantity(r, info.unit)}`;
    return c.outcome === 'true' ? sentence : `${sentence}（要求${RELATION[c.op]}这个标准）`;
  }
  const met = c.outcome === 'true';
  if (info && c.operandFact === undefined && typeof a === 'number' && info.unit && info.unit !== '人' && info.unit !== '套' && info.unit !== '辆') {
    // An amount, area or age against a fixed figure: the figure says something.
    return `${met ? '' : '不符合：'}${label}（${ofYourFamily(c.fact!)} ${valueText(a, info.unit)}）`;
  }
  return met ? label : `不符合：${label}`;
}

function isLeaf(c: ConditionResult): boolean {
  return c.combinator === undefined;
}

/** The leaves that decide a node's outcome (for a true "any", the first one that holds). */
function deciding(c: ConditionResult, out: ConditionResult[]): ConditionResult[] {
  if (isLeaf(c)) {
    out.push(c);
    return out;
  }
  const children = c.children ?? [];
  if (c.combinator === 'not') {
    // "not X": say it as the author labelled the not-node itself.
    out.push({ ...c, combinator: undefined, children: undefined });
    return out;
  }
  if (c.outcome === 'unknown') {
    for (const x of children) if (x.outcome === 'unknown') deciding(x, out);
    return out;
  }
  const decisive = c.combinator === 'all' ? 'false' : 'true';
  if (c.outcome === decisive) {
    for (const x of children) {
      if (x.outcome !== decisive) continue;
      deciding(x, out);
      if (c.combinator === 'any') break;
    }
  } else {
    for (const x of children) deciding(x, out);
  }
  return out;
}

/**
 * The conditions that decide a result, each as a plain sentence with a mark: for an eligible
 * result what was met, for an ineligible one what was not, for an unknown one what is missing.
 * At most `limit` lines (default 4), de-duplicated.
 */
export function plainReasons(explanation: ConditionResult, options?: PlainOptions, limit = 4): PlainLine[] {
  const lines: PlainLine[] = [];
  const seen = new Set<string>();
  for (const leaf of deciding(explanation, [])) {
    const text = plainCondition(leaf, options);
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push({ mark: MARK_OF[leaf.outcome], text });
    if (lines.length >= limit) break;
  }
  return lines;
}

/** What to bring or tell, for each missing fact, de-duplicated ("家庭收入", "家庭成员劳动能力"). */
export function plainMissing(missing: readonly FactName[]): string[] {
  return [...new Set(missing.map((f) => FACT_CATALOGUE[f]?.collect ?? factPhrase(f)))];
}

/** The headline of a result for a resident. */
export function plainSummary(result: { outcome: Outcome; explanation: ConditionResult; missingFacts: readonly FactName[] }, options?: PlainOptions): string {
  switch (result.outcome) {
    case 'eligible': {
      const first = plainReasons(result.explanation, options, 1)[0];
      return first ? `您家可能符合条件：${first.text}` : '您家可能符合条件';
    }
    case 'unknown': {
      const items = plainMissing(result.missingFacts);
      return items.length ? `还不能判断，需要补充：${items.slice(0, 3).join('、')}` : '还不能判断，需要工作人员核实';
    }
    case 'ineligible': {
      const first = plainReasons(result.explanation, options, 1)[0];
      return first ? `暂不符合：${first.text.replace(/^不符合：/, '')}` : '暂不符合';
    }
  }
}

/** A near miss, told in plain words with formatted numbers: "您家人均月收入比标准高 35 元". */
export function plainNearMiss(nearMiss: { fact: FactName; actual: FactValue; required: FactValue; gap?: number; label: string }): string {
  const info = FACT_CATALOGUE[nearMiss.fact];
  if (typeof nearMiss.actual === 'number' && typeof nearMiss.required === 'number' && nearMiss.gap !== undefined && nearMiss.gap > 0) {
    const higher = nearMiss.actual > nearMiss.required;
    return `差一点：${ofYourFamily(nearMiss.fact)}比标准${higher ? '高' : '低'} ${formatQuantity(nearMiss.gap, info.unit)}（标准 ${formatQuantity(nearMiss.required, info.unit)}）`;
  }
  return `差一点：${nearMiss.label}`;
}

/**
 * The order a resident reads results in: eligible first, then near misses, then the ones that
 * need information; everything else is folded away (`rest`).
 */
export function residentOrder<T extends { outcome: Outcome; nearMiss?: unknown }>(results: readonly T[]): { first: T[]; rest: T[] } {
  const eligible = results.filter((r) => r.outcome === 'eligible');
  const near = results.filter((r) => r.outcome === 'ineligible' && r.nearMiss);
  const unknown = results.filter((r) => r.outcome === 'unknown');
  const rest = results.filter((r) => r.outcome === 'ineligible' && !r.nearMiss);
  return { first: [...eligible, ...near, ...unknown], rest };
}
