import {
  ASSET_TYPES,
  EDUCATIONS,
  EMPLOYMENTS,
  EXPENSE_TYPES,
  HARDSHIP_TYPES,
  INCOME_TYPES,
  LABOUR_CAPACITIES,
  RELATIONS,
  SUPPORTER_CONDITIONS,
  SUPPORTER_RELATIONS,
} from '@zczr/domain';
import fc from 'fast-check';
import { FACT_CATALOGUE } from './catalogue.js';
import { deriveFacts } from './facts.js';
import { evaluateHousehold } from './household.js';
import { interpret } from './interpret.js';
import { compilePolicy } from './policy.js';
import { DIBAO_POLICY, PARAMETERS, policy } from './test-fixtures.js';
import {
  FACT_NAMES,
  type CompareOp,
  type FactName,
  type Facts,
  type FactValue,
  type HouseholdSnapshot,
  type Operand,
  type ResolvedParameters,
  type Rule,
} from './types.js';
import { validateRule } from './validate.js';

// ---- arbitrary households: anything the types allow and more (nulls, NaN, junk dates) ----

const anyNumber = fc.oneof(
  fc.integer({ min: -10, max: 5000 }),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity, -Infinity),
);
const validDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const anyDate = fc.oneof(
  { weight: 8, arbitrary: validDate },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '0000-00-00', '9999-99-99', '') },
);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> =>
  fc.oneof({ weight: 4, arbitrary: arb }, fc.constant(null), fc.constant(undefined));

const memberArb = fc.record(
  {
    relation: fc.constantFrom(...RELATIONS),
    sex: fc.constantFrom('male', 'female'),
    birthDate: anyDate,
    education: maybe(fc.constantFrom(...EDUCATIONS)),
    employment: maybe(fc.constantFrom(...EMPLOYMENTS)),
    labourCapacity: maybe(fc.constantFrom(...LABOUR_CAPACITIES)),
    health: maybe(fc.record({ chronicIllness: fc.boolean(), seriousIllness: fc.boolean() })),
    disability: maybe(fc.record({ category: fc.integer({ min: 0, max: 9 }), grade: fc.integer({ min: 0, max: 6 }) })),
    selfCare: maybe(
      fc.record({
        eating: fc.boolean(),
        dressing: fc.boolean(),
        gettingUp: fc.boolean(),
        toileting: fc.boolean(),
        walkingIndoors: fc.boolean(),
        bathing: fc.boolean(),
      }),
    ),
    coResident: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, fc.constant(undefined)),
  },
  { requiredKeys: ['relation', 'sex', 'birthDate', 'coResident'] },
);

const memberIndex = fc.integer({ min: -2, max: 8 });

const householdArb = fc
  .record(
    {
      regionCode: fc.oneof(fc.constantFrom('510115001001', '510104001001', '110105001001', '', '5'), fc.string({ maxLength: 14 })),
      members: fc.array(memberArb, { maxLength: 7 }),
      incomes: fc.array(
        fc.record(
          { type: fc.constantFrom(...INCOME_TYPES), monthlyAmount: anyNumber, memberIndex, jobStartedOn: anyDate },
          { requiredKeys: ['type', 'monthlyAmount'] },
        ),
        { maxLength: 5 },
      ),
      assets: fc.array(
        fc.record({ type: fc.constantFrom(...ASSET_TYPES), value: anyNumber, area: anyNumber, disabilityVehicle: fc.boolean() }, { requiredKeys: ['type'] }),
        { maxLength: 5 },
      ),
      expenses: fc.array(fc.record({ type: fc.constantFrom(...EXPENSE_TYPES), amount12m: anyNumber, memberIndex }, { requiredKeys: ['type', 'amount12m'] }), {
        maxLength: 4,
      }),
      hardships: fc.array(
        fc.record({ type: fc.constantFrom(...HARDSHIP_TYPES), occurredOn: anyDate, loss: anyNumber }, { requiredKeys: ['type', 'occurredOn'] }),
        { maxLength: 3 },
      ),
      benefits: fc.array(fc.record({ policyCode: fc.constantFrom('dibao', 'tekun', 'dibao_margin', 'medical_aid', 'x'), since: anyDate }), { maxLength: 3 }),
      supporters: fc.array(
        fc.record({
          relation: fc.constantFrom(...SUPPORTER_RELATIONS),
          birthDate: maybe(anyDate),
          coResident: fc.boolean(),
          monthlyIncome: maybe(anyNumber),
          conditions: fc.subarray([...SUPPORTER_CONDITIONS]),
        }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['regionCode', 'members', 'incomes', 'assets', 'expenses', 'hardships', 'benefits'] },
  )
  .map((h) => h as unknown as HouseholdSnapshot);

const asOfArb = fc.oneof({ weight: 9, arbitrary: validDate }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

const paramsArb: fc.Arbitrary<ResolvedParameters> = fc.record(
  {
    employment_cost_deduction_months: anyNumber,
    employment_cost_deduction_share: anyNumber,
    dibao_standard: anyNumber,
    supporter_ability_income_line: anyNumber,
    support_payment_share: anyNumber,
    disposable_income_monthly: anyNumber,
  },
  { requiredKeys: [] },
);

// ---- arbitrary rules over the catalogue, with operands of matching types ----

const ofKind = (kind: string): FactName[] => FACT_NAMES.filter((f) => FACT_CATALOGUE[f].kind === kind);
const NUMBER_FACTS = ofKind('number');
const BOOLEAN_FACTS = ofKind('boolean');
const LIST_FACTS = ofKind('list');
const WORDS = ['dibao', 'tekun', 'fire', 'accident', 'medical_aid'] as const;
const PARAMS = ['p1', 'p2', 'p_missing'] as const;

const smallNumber = fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constantFrom(0.5, 1.5, 870, 999));
const times = fc.option(fc.constantFrom(0.5, 1, 1.5, 2, 24), { nil: undefined });
const withTimes = <T extends object>(o: T, t: number | undefined): T => (t === undefined ? o : { ...o, times: t });

const numericOperand: fc.Arbitrary<Operand> = fc.oneof(
  smallNumber,
  fc.tuple(fc.constantFrom(...PARAMS), times).map(([param, t]) => withTimes({ param }, t)),
  fc.tuple(fc.constantFrom(...NUMBER_FACTS), times).map(([fact, t]) => withTimes({ fact }, t)),
);
const label = fc.constantFrom('条件', '收入', '资产', '人员');
const numericLeaf: fc.Arbitrary<Rule> = fc.record({
  label,
  fact: fc.constantFrom(...NUMBER_FACTS),
  op: fc.constantFrom<CompareOp>('lt', 'lte', 'gt', 'gte', 'eq', 'neq'),
  value: numericOperand,
});
const booleanLeaf: fc.Arbitrary<Rule> = fc.record({
  label,
  fact: fc.constantFrom(...BOOLEAN_FACTS),
  op: fc.constantFrom<CompareOp>('eq', 'neq'),
  value: fc.oneof(
    fc.boolean(),
    fc.constantFrom(...BOOLEAN_FACTS).map((fact): Operand => ({ fact })),
  ),
});
const listLeaf: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ label, fact: fc.constantFrom(...LIST_FACTS), op: fc.constantFrom<CompareOp>('in', 'notIn'), value: fc.subarray([...WORDS]) }),
  fc.record({ label, fact: fc.constantFrom(...LIST_FACTS), op: fc.constantFrom<CompareOp>('includes', 'excludes'), value: fc.constantFrom(...WORDS) }),
);

const { rule: ruleArb } = fc.letrec<{ rule: Rule; group: Rule }>((tie) => ({
  rule: fc.oneof({ depthSize: 'small', withCrossShrink: true }, numericLeaf, booleanLeaf, listLeaf, tie('group')),
  group: fc.oneof(
    fc.record({ label, all: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ label, any: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ label, not: tie('rule') }),
  ),
}));

function valueOf(kind: string): fc.Arbitrary<FactValue> {
  switch (kind) {
    case 'number':
      return fc.oneof({ weight: 6, arbitrary: smallNumber }, fc.double({ noNaN: true }), fc.constant(Number.NaN));
    case 'boolean':
      return fc.boolean();
    case 'list':
      return fc.subarray([...WORDS]);
    default:
      return fc.string();
  }
}
const factsArb: fc.Arbitrary<Facts> = fc.record(
  Object.fromEntries(FACT_NAMES.map((f) => [f, valueOf(FACT_CATALOGUE[f].kind)])) as Record<FactName, fc.Arbitrary<FactValue>>,
  { requiredKeys: [] },
);
const ruleParamsArb: fc.Arbitrary<ResolvedParameters> = fc.record({ p1: smallNumber, p2: fc.double({ noNaN: true }) }, { requiredKeys: [] });

// ---- properties ----

describe('properties', () => {
  const library = [compilePolicy(DIBAO_POLICY)];

  it('derives facts from any snapshot without throwing, each of its catalogue kind and never NaN', () => {
    fc.assert(
      fc.property(householdArb, asOfArb, paramsArb, (h, asOf, params) => {
        const f = deriveFacts(h, { asOf, params });
        // Plain checks (not one expect per fact): this runs thousands of times.
        const wrong = Object.entries(f).filter(([name, v]) => {
          const kind = FACT_CATALOGUE[name as FactName].kind;
          const ofKind = kind === 'list' ? Array.isArray(v) : typeof v === kind;
          return !ofKind || (typeof v === 'number' && Number.isNaN(v));
        });
        expect(wrong).toEqual([]);
        expect(f.householdSize).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches and explains any snapshot without throwing', () => {
    fc.assert(
      fc.property(householdArb, asOfArb, (h, asOf) => {
        const results = evaluateHousehold(library, h, { asOf, parameters: PARAMETERS });
        for (const r of results) {
          expect(['eligible', 'ineligible', 'unknown']).toContain(r.outcome);
          expect(typeof r.summary).toBe('string');
          if (r.benefit) expect(r.benefit.amount).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('generates only valid rules (sanity check of the generator)', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => expect(validateRule(rule)).toEqual([])),
      { numRuns: 500 },
    );
  });

  it('agrees with the interpreter: compiled evaluate and explain give the same outcome and missing facts', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, ruleParamsArb, (rule, facts, params) => {
        const expected = interpret(rule, facts, params);
        const compiled = compilePolicy(policy(rule));
        const fast = compiled.evaluate(facts, params);
        expect({ outcome: fast.outcome, missing: [...fast.missing] }).toEqual(expected);
        const full = compiled.explain(facts, params);
        expect({ outcome: full.outcome, missing: full.missingFacts }).toEqual(expected);
        if (full.nearMiss) expect(full.outcome).toBe('ineligible');
      }),
      { numRuns: 5000 },
    );
  });

  it('is monotone: learning a missing fact never changes a decided outcome', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, factsArb, ruleParamsArb, (rule, known, more, params) => {
        const before = interpret(rule, known, params);
        if (before.outcome === 'unknown') return;
        const after = compilePolicy(policy(rule)).evaluate({ ...more, ...known }, params);
        expect(after.outcome).toBe(before.outcome);
      }),
      { numRuns: 2000 },
    );
  });

  it('decides an unknown outcome once every missing fact it lists is known (when no parameter is missing)', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, factsArb, (rule, known, more) => {
        const params = { p1: 1, p2: 2, p_missing: 3 };
        const before = interpret(rule, known, params);
        if (before.outcome !== 'unknown') return;
        const filled: Facts = { ...known };
        for (const name of before.missing) {
          const v = more[name];
          if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) return;
          filled[name] = v;
        }
        expect(interpret(rule, filled, params).outcome).not.toBe('unknown');
      }),
      { numRuns: 2000 },
    );
  });
});
