import { compilePolicy, deriveFacts, resolveParameters, type EligibilityResult } from '@zczr/eligibility';
import { PARAMETERS, policyByCode } from './index.js';
import { birthDateForAge, REFERENCE_DATE } from './reference-builders.js';

/** Issue 12: a near miss is one numeric fact within a small distance of its threshold, never any failed condition. */
function withAges(code: string, refIndex: number, age: (current: string) => string): EligibilityResult {
  const policy = policyByCode(code)!;
  const ref = policy.references[refIndex]!;
  const asOf = ref.asOf ?? REFERENCE_DATE;
  const household = structuredClone(ref.household);
  household.members = household.members.map((m) => ({ ...m, birthDate: age(m.birthDate) }));
  const params = resolveParameters(PARAMETERS, household.regionCode, asOf);
  return compilePolicy(policy).explain(deriveFacts(household, { asOf, params }), params, asOf);
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
});
