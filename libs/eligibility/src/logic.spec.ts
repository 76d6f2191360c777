import { interpret } from './interpret.js';
import { compilePolicy } from './policy.js';
import { policy } from './test-fixtures.js';
import type { FactName, Facts, Operand, Outcome, ResolvedParameters, Rule, CompareOp } from './types.js';

type V = 'T' | 'F' | 'U';
const FACTS = ['onDibao', 'onTekun', 'onMargin', 'livingAlone'] as const;

function leaf(i: number): Rule {
  return { label: `条件${i}`, fact: FACTS[i]!, op: 'eq', value: true };
}
function factsFor(values: readonly V[]): Facts {
  const f: Facts = {};
  values.forEach((v, i) => {
    if (v !== 'U') f[FACTS[i]!] = v === 'T';
  });
  return f;
}
const ORDER: Record<V, number> = { F: 0, U: 1, T: 2 };
const OUTCOME: Record<V, Outcome> = { T: 'eligible', F: 'ineligible', U: 'unknown' };
/** Kleene's strong logic as min/max over F < U < T: a definition independent of the engine's. */
const kleeneAll = (vs: readonly V[]): V => vs.reduce((a, b) => (ORDER[a] <= ORDER[b] ? a : b));
const kleeneAny = (vs: readonly V[]): V => vs.reduce((a, b) => (ORDER[a] >= ORDER[b] ? a : b));

function combos(n: number): V[][] {
  if (n === 0) return [[]];
  return combos(n - 1).flatMap((c) => (['T', 'F', 'U'] as const).map((v) => [...c, v]));
}

function both(rule: Rule, facts: Facts, params: ResolvedParameters = {}): { outcome: Outcome; missing: FactName[] } {
  const compiled = compilePolicy(policy(rule)).evaluate(facts, params);
  const interpreted = interpret(rule, facts, params);
  expect({ outcome: compiled.outcome, missing: [...compiled.missing] }).toEqual(interpreted);
  const explained = compilePolicy(policy(rule)).explain(facts, params);
  expect({ outcome: explained.outcome, missing: explained.missingFacts }).toEqual(interpreted);
  return interpreted;
}

describe('three-valued logic (Kleene)', () => {
  for (const n of [1, 2, 3]) {
    it.each(combos(n).map((c) => [c.join('')]))(`all of ${n}: %s`, (key: string) => {
      const values = key.split('') as V[];
      const rule: Rule = { label: '全部', all: values.map((_, i) => leaf(i)) };
      const expected = kleeneAll(values);
      const r = both(rule, factsFor(values));
      expect(r.outcome).toBe(OUTCOME[expected]);
      expect(r.missing).toEqual(expected === 'U' ? FACTS.filter((_, i) => values[i] === 'U') : []);
    });

    it.each(combos(n).map((c) => [c.join('')]))(`any of ${n}: %s`, (key: string) => {
      const values = key.split('') as V[];
      const rule: Rule = { label: '任一', any: values.map((_, i) => leaf(i)) };
      const expected = kleeneAny(values);
      const r = both(rule, factsFor(values));
      expect(r.outcome).toBe(OUTCOME[expected]);
      expect(r.missing).toEqual(expected === 'U' ? FACTS.filter((_, i) => values[i] === 'U') : []);
    });
  }

  it.each([
    ['T', 'ineligible'],
    ['F', 'eligible'],
    ['U', 'unknown'],
  ] as const)('not %s → %s', (v, outcome) => {
    const r = both({ label: '非', not: leaf(0) }, factsFor([v]));
    expect(r.outcome).toBe(outcome);
    expect(r.missing).toEqual(v === 'U' ? ['onDibao'] : []);
  });

  it('lists only the facts that can still decide a nested rule, deduplicated, in catalogue order', () => {
    const rule: Rule = {
      label: '根',
      all: [
        { label: '收入', fact: 'perCapitaIncome', op: 'lt', value: 870 },
        {
          label: '任一',
          any: [
            { label: '老人', fact: 'elderlyCount', op: 'gte', value: 1 },
            { label: '残疾', fact: 'disabledCount', op: 'gte', value: 1 },
          ],
        },
        { label: '非', not: { label: '低保', fact: 'onDibao', op: 'eq', value: true } },
        { label: '收入2', fact: 'perCapitaIncome', op: 'lt', value: 1000 },
      ],
    };
    expect(both(rule, { onDibao: false })).toEqual({ outcome: 'unknown', missing: ['elderlyCount', 'perCapitaIncome', 'disabledCount'] });
    // The any is decided by a true child: its other child no longer matters.
    expect(both(rule, { onDibao: false, elderlyCount: 2 })).toEqual({ outcome: 'unknown', missing: ['perCapitaIncome'] });
    // A false child decides the all: nothing is missing.
    expect(both(rule, { onDibao: true })).toEqual({ outcome: 'ineligible', missing: [] });
    expect(both(rule, { onDibao: false, elderlyCount: 0, disabledCount: 0 })).toEqual({ outcome: 'ineligible', missing: [] });
    expect(both(rule, { onDibao: false, elderlyCount: 0, disabledCount: 1, perCapitaIncome: 500 })).toEqual({ outcome: 'eligible', missing: [] });
  });
});

describe('comparisons', () => {
  const f: Facts = {
    perCapitaIncome: 870,
    householdSize: 3,
    annualCountedIncome: 10440,
    benefitCodes: ['dibao', 'medical_aid'],
    hardshipTypes: [],
    onDibao: true,
  };
  const cases: Array<[FactName, CompareOp, Operand, Outcome]> = [
    ['perCapitaIncome', 'lt', 870, 'ineligible'],
    ['perCapitaIncome', 'lte', 870, 'eligible'],
    ['perCapitaIncome', 'gt', 869.99, 'eligible'],
    ['perCapitaIncome', 'gte', 871, 'ineligible'],
    ['perCapitaIncome', 'eq', 870, 'eligible'],
    ['perCapitaIncome', 'neq', 870, 'ineligible'],
    ['perCapitaIncome', 'lt', { param: 'dibao_standard' }, 'eligible'],
    ['perCapitaIncome', 'lte', { param: 'dibao_standard', times: 0.5 }, 'ineligible'],
    ['perCapitaIncome', 'lt', { param: 'dibao_standard', times: 1.5 }, 'eligible'],
    ['perCapitaIncome', 'lt', { param: 'not_configured' }, 'unknown'],
    ['perCapitaIncome', 'eq', { fact: 'annualCountedIncome', times: 1 / 12 }, 'eligible'],
    ['householdSize', 'lt', { fact: 'perCapitaIncome' }, 'eligible'],
    ['benefitCodes', 'includes', 'dibao', 'eligible'],
    ['benefitCodes', 'excludes', 'dibao', 'ineligible'],
    ['benefitCodes', 'in', ['tekun', 'medical_aid'], 'eligible'],
    ['benefitCodes', 'notIn', ['tekun', 'margin'], 'eligible'],
    ['hardshipTypes', 'in', ['fire'], 'ineligible'],
    ['hardshipTypes', 'notIn', ['fire'], 'eligible'],
    ['onDibao', 'eq', true, 'eligible'],
    ['onDibao', 'neq', true, 'ineligible'],
    ['onDibao', 'eq', { fact: 'onTekun' }, 'unknown'],
    ['elderlyCount', 'gte', 1, 'unknown'],
  ];
  it.each(cases)('%s %s %p → %s', (fact, op, value, outcome) => {
    expect(both({ label: '条件', fact, op, value }, f, { dibao_standard: 900 }).outcome).toBe(outcome);
  });

  it('names a missing operand fact as well as a missing fact', () => {
    expect(both({ label: '条件', fact: 'perCapitaIncome', op: 'lt', value: { fact: 'perCapitaIncomeAfterRigid' } }, {}).missing).toEqual([
      'perCapitaIncome',
      'perCapitaIncomeAfterRigid',
    ]);
  });

  it('is unknown with no missing fact when only a parameter is missing', () => {
    expect(both({ label: '条件', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standard' } }, { perCapitaIncome: 1 })).toEqual({
      outcome: 'unknown',
      missing: [],
    });
  });

  it('treats a NaN or wrongly typed fact as missing', () => {
    const rule: Rule = { label: '条件', fact: 'perCapitaIncome', op: 'lt', value: 870 };
    expect(both(rule, { perCapitaIncome: Number.NaN })).toEqual({ outcome: 'unknown', missing: ['perCapitaIncome'] });
    expect(both(rule, { perCapitaIncome: '500' })).toEqual({ outcome: 'unknown', missing: ['perCapitaIncome'] });
    expect(both({ label: '条件', fact: 'benefitCodes', op: 'includes', value: 'dibao' }, { benefitCodes: 'dibao' })).toEqual({
      outcome: 'unknown',
      missing: ['benefitCodes'],
    });
  });

  it('does not allocate for decided outcomes: eligible and ineligible results are shared', () => {
    const p = compilePolicy(policy({ label: '条件', fact: 'onDibao', op: 'eq', value: true }));
    expect(p.evaluate({ onDibao: true }, {})).toBe(p.evaluate({ onDibao: true }, {}));
    expect(p.evaluate({ onDibao: false }, {})).toBe(p.evaluate({ onDibao: false }, {}));
    expect(Object.isFrozen(p.evaluate({ onDibao: false }, {}).missing)).toBe(true);
  });
});
