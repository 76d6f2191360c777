import { compilePolicy, deriveFacts, resolveParameters, type EligibilityResult, type ExplainOptions } from '@zczr/eligibility';
import { PARAMETERS, policyByCode } from './index.js';
import { birthDateForAge, REFERENCE_DATE } from './reference-builders.js';

/** Issue 12: a near miss is one numeric fact within a small distance of its threshold, never any failed condition. */
function withAges(code: string, refIndex: number, age: (current: string) => string, options?: ExplainOptions): EligibilityResult {
  const policy = policyByCode(code)!;
  const ref = policy.references[refIndex]!;
  const asOf = ref.asOf ?? REFERENCE_DATE;
  const household = structuredClone(ref.household);
  household.members = household.members.map((m) => ({ ...m, birthDate: age(m.birthDate) }));
  const params = resolveParameters(PARAMETERS, household.regionCode, asOf);
  return compilePolicy(policy).explain(deriveFacts(household, { asOf, params }), params, asOf, options);
}

describe('near misses on the real policies', () => {
  it('a 76-year-old is not almost a centenarian (百岁老人长寿补贴)', () => {
    const r = withAges('longevity_allowance_100', 0, () => birthDateForAge(76));
    expect(r.outcome).toBe('ineligible');
    expect(r.nearMiss).toBeUndefined();
  });

  it('a 99-year-old is a near miss of 百岁老人长寿补贴 by one year', () => {
    const r = withAges('longevity_allowance_100', 0, () => birthDateForAge(99));
    expect(r.outcome).toBe('ineligible');
    expect(r.nearMiss).toMatchObject({ fact: 'oldestAge' });
    expect(r.nearMiss!.gap).toBeLessThanOrEqual(1);
  });

  it('adults are not almost orphans (孤儿基本生活费)', () => {
    const r = withAges('orphan_allowance', 0, () => birthDateForAge(35));
    expect(r.outcome).not.toBe('eligible');
    expect(r.nearMiss).toBeUndefined();
  });

  it('takes the distance as an option: two years of age make a 98-year-old a near miss, the default does not', () => {
    expect(withAges('longevity_allowance_100', 0, () => birthDateForAge(98)).nearMiss).toBeUndefined();
    const wide = withAges('longevity_allowance_100', 0, () => birthDateForAge(98), { nearMiss: { relative: 0.1, years: 2 } });
    expect(wide.nearMiss).toMatchObject({ fact: 'oldestAge' });
  });
});
