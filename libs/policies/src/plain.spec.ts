import {
  compilePolicy,
  deriveFacts,
  FACT_NAMES,
  formatPlainNumber,
  formatYuan,
  plainCondition,
  plainNearMiss,
  plainReasons,
  plainSummary,
  resolveParameters,
  residentOrder,
  type ConditionResult,
  type EligibilityResult,
} from '@zczr/eligibility';
import { PARAMETERS, POLICIES } from './index.js';
import { REFERENCE_DATE } from './reference-builders.js';

/** Issue 16: what a resident reads has no field names, no "是否…：否", and amounts with thousands separators. */
const LABELS = Object.fromEntries(PARAMETERS.map((p) => [p.name, p.label]));
const PARAM_NAMES = PARAMETERS.map((p) => p.name);

function allResults(): Array<{ code: string; r: EligibilityResult }> {
  const out: Array<{ code: string; r: EligibilityResult }> = [];
  for (const policy of POLICIES) {
    const compiled = compilePolicy(policy);
    for (const ref of policy.references) {
      const asOf = ref.asOf ?? REFERENCE_DATE;
      const params = resolveParameters(PARAMETERS, ref.household.regionCode, asOf);
      out.push({ code: policy.code, r: compiled.explain(deriveFacts(ref.household, { asOf, params }), params, asOf) });
    }
  }
  return out;
}

function texts(r: EligibilityResult): string[] {
  const lines = plainReasons(r.explanation, { parameterLabels: LABELS }, 10).map((l) => l.text);
  return [plainSummary(r, { parameterLabels: LABELS }), ...lines, ...(r.nearMiss ? [plainNearMiss(r.nearMiss)] : [])];
}

describe('plain-language explanations', () => {
  const results = allResults();

  it('covers every policy with its reference households', () => {
    expect(new Set(results.map((x) => x.code)).size).toBe(POLICIES.length);
    expect(results.length).toBeGreaterThanOrEqual(POLICIES.length * 3);
  });

  it('never shows a field name, a parameter name or a form question', () => {
    const offenders: string[] = [];
    for (const { code, r } of results) {
      for (const t of texts(r)) {
        const hit =
          [...FACT_NAMES, ...PARAM_NAMES].find((n) => t.includes(n)) ??
          (/是否[^，。；]*：[是否]/.test(t) ? '是否…：是/否' : undefined) ??
          (/[a-z]{3,}/i.test(t) ? 'latin word' : undefined);
        if (hit) offenders.push(`${code}: ${t} (${hit})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('writes amounts of a thousand and more with separators', () => {
    const unformatted: string[] = [];
    let amounts = 0;
    for (const { r } of results) {
      for (const t of texts(r)) {
        for (const m of t.matchAll(/([\d,.]+) 元/g)) {
          amounts++;
          if (/^\d{4,}/.test(m[1]!)) unformatted.push(t);
        }
      }
    }
    expect(amounts).toBeGreaterThan(20);
    expect(unformatted).toEqual([]);
  });

  it('formats numbers: 3,055 元; 305,500 元; fen with two digits', () => {
    expect(formatYuan(3055)).toBe('3,055 元');
    expect(formatYuan(305500)).toBe('305,500 元');
    expect(formatPlainNumber(870.5)).toBe('870.50');
    expect(formatPlainNumber(1131.0000000000002)).toBe('1,131');
    expect(formatPlainNumber(-1234.5)).toBe('-1,234.50');
    expect(formatPlainNumber(999)).toBe('999');
  });

  it('says a comparison with a standard with both figures, and what is required when unmet', () => {
    const leaf: ConditionResult = {
      label: '家庭人均月收入低于低保标准',
      outcome: 'false',
      fact: 'perCapitaIncome',
      actual: 3055,
      op: 'lt',
      param: 'dibao_standard',
      required: 920,
    };
    expect(plainCondition(leaf, { parameterLabels: LABELS })).toBe('您家人均月收入 3,055 元，高于城乡低保标准 920 元（要求低于这个标准）');
    const counts: ConditionResult = {
      label: '全家都是60岁以上老人',
      outcome: 'false',
      fact: 'elderlyCount',
      actual: 0,
      op: 'gte',
      operandFact: 'householdSize',
      required: 3,
    };
    expect(plainCondition(counts)).toBe('不符合：全家都是60岁以上老人');
    const yesNo: ConditionResult = { label: '未享受特困人员供养', outcome: 'true', fact: 'benefitCodes', actual: [], op: 'excludes', required: 'tekun' };
    expect(plainCondition(yesNo)).toBe('未享受特困人员供养');
  });

  it('puts eligible, near-miss and unknown results first and folds the rest', () => {
    const rs = [
      { code: 'a', outcome: 'ineligible' as const },
      { code: 'b', outcome: 'unknown' as const },
      { code: 'c', outcome: 'ineligible' as const, nearMiss: {} },
      { code: 'd', outcome: 'eligible' as const },
    ];
    const { first, rest } = residentOrder(rs);
    expect(first.map((r) => r.code)).toEqual(['d', 'c', 'b']);
    expect(rest.map((r) => r.code)).toEqual(['a']);
  });
});
