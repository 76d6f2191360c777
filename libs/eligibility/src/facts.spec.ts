import { INCOME_TYPES, UNCOUNTED_INCOME_TYPES, type Disability, type IncomeType, type SelfCareCheck } from '@zczr/domain';
import { FACT_CATALOGUE } from './catalogue.js';
import { deriveFacts, isTekunDisability } from './facts.js';
import { AS_OF, bornYearsBefore, dayAfter, dayBefore, household, member } from './test-fixtures.js';
import { FACT_NAMES, type Facts, type HouseholdSnapshot, type ResolvedParameters } from './types.js';

const DEDUCTION: ResolvedParameters = { employment_cost_deduction_months: 6, employment_cost_deduction_share: 0.3 };

function facts(h: HouseholdSnapshot, params: ResolvedParameters = {}, asOf = AS_OF): Facts {
  return deriveFacts(h, { asOf, params });
}

describe('the catalogue', () => {
  it('labels every fact with Chinese text, a kind and what to verify', () => {
    for (const name of FACT_NAMES) {
      const info = FACT_CATALOGUE[name];
      expect(info.label).toMatch(/[\u4e00-\u9fff]/);
      expect(['number', 'boolean', 'string', 'list']).toContain(info.kind);
      expect(info.collect).toBeDefined();
    }
    expect(Object.keys(FACT_CATALOGUE).sort()).toEqual([...FACT_NAMES].sort());
  });

  it('derives, for a fully collected household, every fact with the kind the catalogue gives', () => {
    const f = facts(
      household({
        members: [
          member({ age: 70 }),
          member({ relation: 'spouse', age: 66, sex: 'female' }),
          member({ relation: 'grandchild', age: 8, employment: 'student', education: 'primary' }),
        ],
        incomes: [{ type: 'pension', monthlyAmount: 1500 }],
        assets: [
          { type: 'deposit', value: 5000 },
          { type: 'home', area: 60 },
        ],
        expenses: [{ type: 'medical_self_paid', amount12m: 3000 }],
        hardships: [{ type: 'fire', occurredOn: '2026-08-01', loss: 10000 }],
        benefits: [{ policyCode: 'dibao', since: '2025-11-01' }],
        supporters: [{ relation: 'child', birthDate: '1980-01-01', coResident: false, monthlyIncome: 5000, conditions: [] }],
      }),
    );
    for (const name of FACT_NAMES) {
      expect({ name, present: name in f }).toEqual({ name, present: true });
      const v = f[name];
      const kind = FACT_CATALOGUE[name].kind;
      if (kind === 'list') expect(Array.isArray(v)).toBe(true);
      else expect(typeof v).toBe(kind);
    }
  });
});

describe('household size and composition', () => {
  it('counts only co-resident members, and divides income by them', () => {
    const f = facts(
      household({
        members: [member(), member({ relation: 'spouse' }), member({ relation: 'child', age: 25, coResident: false })],
        incomes: [{ type: 'wage', monthlyAmount: 1800 }],
      }),
    );
    expect(f.householdSize).toBe(2);
    expect(f.perCapitaIncome).toBe(900);
    expect(f.workingAgeCount).toBe(2);
    expect(f.livingAlone).toBe(false);
  });

  it('takes ages in completed years on asOf, at every boundary', () => {
    const at = (birthDate: string): Facts => facts(household({ members: [member({ birthDate })] }));
    // 60 on the birthday itself, 59 the day before.
    expect(at(bornYearsBefore(60)).elderlyCount).toBe(1);
    expect(at(dayAfter(bornYearsBefore(60))).elderlyCount).toBe(0);
    expect(at(dayAfter(bornYearsBefore(60))).workingAgeCount).toBe(1);
    expect(at(dayAfter(bornYearsBefore(60))).oldestAge).toBe(59);
    // 18: adult and of working age; one day short: a minor.
    expect(at(bornYearsBefore(18))).toMatchObject({ minorCount: 0, workingAgeCount: 1, youngestAge: 18 });
    expect(at(dayAfter(bornYearsBefore(18)))).toMatchObject({ minorCount: 1, workingAgeCount: 0, childUnder14Count: 0 });
    // 14: no longer a child under 14.
    expect(at(bornYearsBefore(14)).childUnder14Count).toBe(0);
    expect(at(dayAfter(bornYearsBefore(14))).childUnder14Count).toBe(1);
    expect(at(dayBefore(bornYearsBefore(14))).childUnder14Count).toBe(0);
  });

  it('handles a 29 February birthday (the age turns on 1 March in other years)', () => {
    const h = household({ members: [member({ birthDate: '1964-02-29' })] });
    expect(facts(h, {}, '2024-02-28').eligiblePersonAge).toBe(59);
    expect(facts(h, {}, '2024-02-29').eligiblePersonAge).toBe(60);
    expect(facts(h, {}, '2025-02-28').eligiblePersonAge).toBe(60);
  });

  it('counts elderly, minors, children and the oldest and youngest together', () => {
    const f = facts(
      household({
        members: [
          member({ age: 72 }),
          member({ relation: 'spouse', age: 60 }),
          member({ relation: 'child', age: 35 }),
          member({ relation: 'grandchild', age: 13 }),
          member({ relation: 'grandchild', age: 16 }),
        ],
      }),
    );
    expect(f).toMatchObject({ householdSize: 5, elderlyCount: 2, minorCount: 2, childUnder14Count: 1, workingAgeCount: 1, oldestAge: 72, youngestAge: 13 });
  });

  it('finds minors with no parent in the household', () => {
    const skipped = facts(
      household({ members: [member({ age: 68 }), member({ relation: 'grandchild', age: 9 }), member({ relation: 'grandchild', age: 12 })] }),
    );
    expect(skipped.minorWithoutParentCount).toBe(2);
    const withParent = facts(household({ members: [member({ age: 68 }), member({ relation: 'child', age: 38 }), member({ relation: 'grandchild', age: 9 })] }));
    expect(withParent.minorWithoutParentCount).toBe(0);
    const parentAway = facts(
      household({ members: [member({ age: 68 }), member({ relation: 'child', age: 38, coResident: false }), member({ relation: 'grandchild', age: 9 })] }),
    );
    expect(parentAway.minorWithoutParentCount).toBe(1);
    const nuclear = facts(household({ members: [member({ age: 40 }), member({ relation: 'child', age: 9 })] }));
    expect(nuclear.minorWithoutParentCount).toBe(0);
    const orphanHead = facts(household({ members: [member({ age: 16 }), member({ relation: 'sibling', age: 12 })] }));
    expect(orphanHead.minorWithoutParentCount).toBe(2);
  });

  it('gives size 0 and leaves member facts unknown with no co-resident member, without throwing', () => {
    for (const members of [[], [member({ coResident: false })]]) {
      const f = facts(household({ members, incomes: [{ type: 'wage', monthlyAmount: 1000 }] }));
      expect(f.householdSize).toBe(0);
      expect(f.elderlyCount).toBeUndefined();
      expect(f.perCapitaIncome).toBeUndefined();
      expect(f.eligiblePersonAge).toBeUndefined();
      expect(f.countedMonthlyIncome).toBe(1000);
    }
  });

  it('leaves ages unknown when a birth date is not a date', () => {
    const f = facts(household({ members: [member(), member({ relation: 'spouse', birthDate: '1970-13-01' })] }));
    expect(f.elderlyCount).toBeUndefined();
    expect(f.oldestAge).toBeUndefined();
    expect(f.householdSize).toBe(2);
    expect(f.eligiblePersonAge).toBe(40);
  });
});

describe('income', () => {
  it.each(UNCOUNTED_INCOME_TYPES.map((t) => [t]))('does not count %s', (type: IncomeType) => {
    const f = facts(
      household({
        incomes: [
          { type: 'wage', monthlyAmount: 600 },
          { type, monthlyAmount: 400 },
        ],
      }),
    );
    expect(f.countedMonthlyIncome).toBe(600);
  });

  it('counts every other income type', () => {
    const counted = INCOME_TYPES.filter((t) => !UNCOUNTED_INCOME_TYPES.includes(t));
    expect(counted).toEqual(['wage', 'business', 'farming', 'property', 'pension', 'support_payment', 'other_transfer']);
    const f = facts(household({ incomes: counted.map((type) => ({ type, monthlyAmount: 100 })) }));
    expect(f.countedMonthlyIncome).toBe(700);
    expect(f.annualCountedIncome).toBe(8400);
  });

  it("does not count a non-co-resident member's income, but counts income not tied to a member", () => {
    const f = facts(
      household({
        members: [member(), member({ relation: 'child', age: 30, coResident: false })],
        incomes: [
          { type: 'wage', monthlyAmount: 5000, memberIndex: 1 },
          { type: 'support_payment', monthlyAmount: 500 },
          { type: 'pension', monthlyAmount: 300, memberIndex: 0 },
        ],
      }),
    );
    expect(f.countedMonthlyIncome).toBe(800);
    expect(f.perCapitaIncome).toBe(800);
  });

  it('deducts the employment cost from a new job within the window, per the parameters', () => {
    const wage = (jobStartedOn: string): HouseholdSnapshot =>
      household({
        members: [member(), member({ relation: 'spouse' })],
        incomes: [
          { type: 'wage', monthlyAmount: 2000, jobStartedOn },
          { type: 'pension', monthlyAmount: 1000 },
        ],
      });
    // 5 completed months: deducted (2000 × 0.7 + 1000).
    const recent = facts(wage('2026-05-02'), DEDUCTION);
    expect(recent.countedMonthlyIncome).toBe(2400);
    expect(recent.perCapitaIncome).toBe(1200);
    expect(recent.perCapitaIncomeBeforeDeduction).toBe(1500);
    // Exactly 6 completed months: the window is over.
    expect(facts(wage('2026-05-01'), DEDUCTION).countedMonthlyIncome).toBe(3000);
    // Starting on asOf itself: deducted; a future start: not.
    expect(facts(wage(AS_OF), DEDUCTION).countedMonthlyIncome).toBe(2400);
    expect(facts(wage('2026-12-01'), DEDUCTION).countedMonthlyIncome).toBe(3000);
    // No parameter, no deduction.
    expect(facts(wage('2026-09-01')).countedMonthlyIncome).toBe(3000);
    expect(facts(wage('2026-09-01'), { employment_cost_deduction_months: 6 }).countedMonthlyIncome).toBe(3000);
  });

  it('deducts only wages', () => {
    const f = facts(household({ incomes: [{ type: 'business', monthlyAmount: 1000, jobStartedOn: '2026-10-01' }] }), DEDUCTION);
    expect(f.countedMonthlyIncome).toBe(1000);
  });

  it('leaves every income fact unknown when no income was declared', () => {
    const f = facts(household({ incomes: [], expenses: [{ type: 'medical_self_paid', amount12m: 1000 }] }));
    for (const name of [
      'countedMonthlyIncome',
      'perCapitaIncome',
      'annualCountedIncome',
      'perCapitaIncomeBeforeDeduction',
      'rigidExpenseShare',
      'perCapitaIncomeAfterRigid',
    ] as const) {
      expect(f[name]).toBeUndefined();
    }
    expect(f.rigidExpenses12m).toBe(1000);
  });

  it('treats a declared income of 0 as zero, not unknown', () => {
    expect(facts(household()).perCapitaIncome).toBe(0);
  });

  it('leaves income unknown when an amount is not a number', () => {
    expect(facts(household({ incomes: [{ type: 'wage', monthlyAmount: Number.NaN }] })).perCapitaIncome).toBeUndefined();
  });
});

describe('assets', () => {
  it('sums deposits and securities, counts homes, vehicles other than disability vehicles, business registrations', () => {
    const f = facts(
      household({
        members: [member(), member({ relation: 'spouse' })],
        assets: [
          { type: 'deposit', value: 6000 },
          { type: 'securities', value: 4000 },
          { type: 'home', area: 50 },
          { type: 'home', area: 30 },
          { type: 'vehicle', value: 8000, disabilityVehicle: true },
          { type: 'vehicle', value: 90000 },
          { type: 'business_registration', value: 1 },
        ],
      }),
    );
    expect(f).toMatchObject({
      financialAssets: 10000,
      perCapitaFinancialAssets: 5000,
      homeCount: 2,
      homeAreaPerCapita: 40,
      vehicleCount: 1,
      hasBusinessRegistration: true,
    });
  });

  it('does not count a disability vehicle', () => {
    expect(facts(household({ assets: [{ type: 'vehicle', disabilityVehicle: true }] })).vehicleCount).toBe(0);
  });

  it('leaves asset facts unknown when none were declared, and financial assets when a deposit has no value', () => {
    const none = facts(household({ assets: [] }));
    for (const name of ['financialAssets', 'perCapitaFinancialAssets', 'homeCount', 'homeAreaPerCapita', 'vehicleCount', 'hasBusinessRegistration'] as const) {
      expect(none[name]).toBeUndefined();
    }
    const noValue = facts(household({ assets: [{ type: 'deposit' }, { type: 'home', area: 40 }] }));
    expect(noValue.financialAssets).toBeUndefined();
    expect(noValue.homeCount).toBe(1);
    expect(noValue.homeAreaPerCapita).toBe(40);
  });
});

describe('labour and employment', () => {
  it('counts labour capacity (partial counts as some capacity)', () => {
    const f = facts(household({ members: [member({ labourCapacity: 'partial' }), member({ relation: 'spouse', labourCapacity: 'none' })] }));
    expect(f.membersWithLabourCapacity).toBe(1);
    expect(f.allWithoutLabourCapacity).toBe(false);
    const none = facts(household({ members: [member({ labourCapacity: 'none' })] }));
    expect(none.allWithoutLabourCapacity).toBe(true);
  });

  it.each([[null], [undefined]])('leaves labour facts unknown when a co-resident member has labourCapacity %p', (labourCapacity) => {
    const f = facts(household({ members: [member(), member({ relation: 'spouse', labourCapacity })] }));
    expect(f.membersWithLabourCapacity).toBeUndefined();
    expect(f.allWithoutLabourCapacity).toBeUndefined();
    expect(f.employedCount).toBe(0);
  });

  it('ignores what was not collected about members who do not live in the household', () => {
    const f = facts(
      household({
        members: [
          member(),
          member({
            relation: 'child',
            age: 30,
            coResident: false,
            labourCapacity: null,
            health: null,
            disability: undefined,
            selfCare: null,
            employment: null,
          }),
        ],
      }),
    );
    expect(f.membersWithLabourCapacity).toBe(1);
    expect(f.seriousIllnessCount).toBe(0);
    expect(f.disabledCount).toBe(0);
    expect(f.totalSelfCareLossCount).toBe(0);
    expect(f.employedCount).toBe(0);
  });

  it('counts employment and schooling', () => {
    const f = facts(
      household({
        members: [
          member({ employment: 'flexible' }),
          member({ relation: 'spouse', employment: 'unemployed' }),
          member({ relation: 'parent', age: 65, employment: 'unemployed' }),
          member({ relation: 'child', age: 19, employment: 'student', education: 'bachelor' }),
          member({ relation: 'child', age: 16, employment: 'student', education: 'vocational' }),
          member({ relation: 'child', age: 10, employment: 'student', education: 'primary' }),
          member({ relation: 'child', age: 4, employment: 'preschool', education: 'none' }),
          member({ relation: 'child', age: 1, employment: 'preschool', education: 'none' }),
        ],
      }),
    );
    expect(f).toMatchObject({
      employedCount: 1,
      noEmployedMember: false,
      unemployedWorkingAgeCount: 1,
      studentCount: 3,
      collegeStudentCount: 1,
      seniorHighStudentCount: 1,
      compulsoryEducationStudentCount: 1,
      preschoolCount: 1,
    });
  });

  it('leaves employment facts unknown when employment was not collected, schooling ones when a student has no level', () => {
    const f = facts(household({ members: [member(), member({ relation: 'spouse', employment: null })] }));
    expect(f.employedCount).toBeUndefined();
    expect(f.noEmployedMember).toBeUndefined();
    expect(f.collegeStudentCount).toBeUndefined();
    const g = facts(household({ members: [member(), member({ relation: 'child', age: 12, employment: 'student', education: null })] }));
    expect(g.studentCount).toBe(1);
    expect(g.compulsoryEducationStudentCount).toBeUndefined();
  });
});

describe('health, disability and care', () => {
  const disabled = (disability: Disability | null | undefined, extra: Partial<Parameters<typeof member>[0]> = {}): Facts =>
    facts(household({ members: [member({ disability, ...extra })] }));

  it.each<[Disability, Partial<Facts>]>([
    [
      { category: 4, grade: 1 },
      { severeDisabilityCount: 1, physicalGrade1to2Count: 1, mildDisabilityCount: 0, eligiblePersonDisabled: true },
    ],
    [
      { category: 4, grade: 3 },
      { severeDisabilityCount: 0, physicalGrade1to2Count: 0, mildDisabilityCount: 1, eligiblePersonDisabled: false },
    ],
    [
      { category: 5, grade: 3 },
      { severeDisabilityCount: 0, intellectualMentalGrade1to3Count: 1, mildDisabilityCount: 1, eligiblePersonDisabled: true },
    ],
    [
      { category: 6, grade: 2 },
      { severeDisabilityCount: 1, intellectualMentalGrade1to3Count: 1, eligiblePersonDisabled: true },
    ],
    [
      { category: 6, grade: 4 },
      { intellectualMentalGrade1to3Count: 0, mildDisabilityCount: 1, eligiblePersonDisabled: false },
    ],
    [
      { category: 1, grade: 1 },
      { visualGrade1Count: 1, severeDisabilityCount: 1, eligiblePersonDisabled: true },
    ],
    [
      { category: 1, grade: 2 },
      { visualGrade1Count: 0, severeDisabilityCount: 1, eligiblePersonDisabled: false },
    ],
    [
      { category: 7, grade: 2 },
      { disabilityGrade1to2Count: 1, eligiblePersonDisabled: true },
    ],
    [
      { category: 7, grade: 3 },
      { disabilityGrade1to2Count: 0, eligiblePersonDisabled: false },
    ],
    [
      { category: 2, grade: 1 },
      { severeDisabilityCount: 1, eligiblePersonDisabled: false },
    ],
    [
      { category: 3, grade: 1 },
      { severeDisabilityCount: 1, eligiblePersonDisabled: false },
    ],
  ])('counts disability %p', (d, expected) => {
    expect(disabled(d)).toMatchObject({ disabledCount: 1, ...expected });
    expect(isTekunDisability(d)).toBe(expected.eligiblePersonDisabled);
  });

  it('distinguishes "no disability" (null) from "not collected" (undefined)', () => {
    expect(disabled(null)).toMatchObject({ disabledCount: 0, eligiblePersonDisabled: false });
    const f = disabled(undefined);
    expect(f.disabledCount).toBeUndefined();
    expect(f.severeDisabilityCount).toBeUndefined();
    expect(f.eligiblePersonDisabled).toBeUndefined();
  });

  it('uses the head for the eligible person in a larger household, the only member in a one-person one', () => {
    const f = facts(
      household({ members: [member({ age: 45, disability: null }), member({ relation: 'parent', age: 80, disability: { category: 4, grade: 1 } })] }),
    );
    expect(f.eligiblePersonAge).toBe(45);
    expect(f.eligiblePersonDisabled).toBe(false);
    const alone = facts(
      household({ members: [member({ relation: 'parent', age: 80, disability: { category: 4, grade: 1 } }), member({ age: 45, coResident: false })] }),
    );
    expect(alone.eligiblePersonAge).toBe(80);
    expect(alone.eligiblePersonDisabled).toBe(true);
    expect(alone.livingAlone).toBe(true);
  });

  it('counts illness, and leaves it unknown when health was not collected', () => {
    expect(facts(household({ members: [member({ health: { seriousIllness: true, chronicIllness: true } })] }))).toMatchObject({
      seriousIllnessCount: 1,
      chronicIllnessCount: 1,
    });
    for (const health of [null, undefined]) {
      const f = facts(household({ members: [member(), member({ relation: 'spouse', health })] }));
      expect(f.seriousIllnessCount).toBeUndefined();
      expect(f.chronicIllnessCount).toBeUndefined();
    }
  });

  const check = (failed: number): SelfCareCheck => {
    const items = ['eating', 'dressing', 'gettingUp', 'toileting', 'walkingIndoors', 'bathing'] as const;
    return Object.fromEntries(items.map((k, i) => [k, i < failed])) as unknown as SelfCareCheck;
  };

  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [3, 0, 1],
    [4, 1, 0],
    [6, 1, 0],
  ])('rates a 6-item check with %i items failed as total loss %i, partial %i', (failed, total, partial) => {
    const f = facts(household({ members: [member({ selfCare: check(failed) })] }));
    expect(f.totalSelfCareLossCount).toBe(total);
    expect(f.partialSelfCareLossCount).toBe(partial);
  });

  it('leaves self-care counts unknown when the check was not done', () => {
    for (const selfCare of [null, undefined]) {
      const f = facts(household({ members: [member({ selfCare })] }));
      expect(f.totalSelfCareLossCount).toBeUndefined();
      expect(f.partialSelfCareLossCount).toBeUndefined();
    }
  });
});

describe('rigid expenses', () => {
  it('sums the last 12 months by type and relates them to income', () => {
    const f = facts(
      household({
        members: [member(), member({ relation: 'spouse' })],
        incomes: [{ type: 'wage', monthlyAmount: 2000 }],
        expenses: [
          { type: 'medical_self_paid', amount12m: 12000 },
          { type: 'education', amount12m: 3000 },
          { type: 'rehabilitation', amount12m: 3000 },
        ],
      }),
    );
    expect(f).toMatchObject({ medicalSelfPaid12m: 12000, educationExpense12m: 3000, rehabilitationExpense12m: 3000, rigidExpenses12m: 18000 });
    expect(f.rigidExpenseShare).toBe(0.75);
    expect(f.perCapitaIncomeAfterRigid).toBe(250);
  });

  it('gives 999 for spending without income, 0 for neither', () => {
    expect(facts(household({ expenses: [{ type: 'medical_self_paid', amount12m: 500 }] })).rigidExpenseShare).toBe(999);
    expect(facts(household()).rigidExpenseShare).toBe(0);
  });

  it("does not count a non-co-resident member's expenses", () => {
    const f = facts(
      household({
        members: [member(), member({ relation: 'child', coResident: false })],
        expenses: [{ type: 'medical_self_paid', amount12m: 500, memberIndex: 1 }],
      }),
    );
    expect(f.medicalSelfPaid12m).toBe(0);
  });
});

describe('hardships and benefits', () => {
  it('takes hardships of the last 12 months (not 12 months ago, not later than asOf)', () => {
    const f = facts(
      household({
        hardships: [
          { type: 'fire', occurredOn: '2026-09-15', loss: 20000 },
          { type: 'accident', occurredOn: '2025-11-02', loss: 1000 },
          { type: 'earner_death', occurredOn: '2025-11-01', loss: 50000 },
          { type: 'disaster', occurredOn: '2026-12-01', loss: 7 },
        ],
      }),
    );
    expect(f).toMatchObject({ recentHardship: true, hardshipTypes: ['fire', 'accident'], hardshipLoss: 21000, monthsSinceHardship: 1 });
  });

  it('has no recent hardship, and 999 months since one, when none was reported', () => {
    expect(facts(household())).toMatchObject({ recentHardship: false, hardshipTypes: [], hardshipLoss: 0, monthsSinceHardship: 999 });
    expect(facts(household({ hardships: [{ type: 'fire', occurredOn: '2020-01-01' }] }))).toMatchObject({ recentHardship: false, monthsSinceHardship: 82 });
  });

  it('lists current benefits and months on 低保', () => {
    const f = facts(
      household({
        benefits: [
          { policyCode: 'tekun_care', since: '2020-01-01' },
          { policyCode: 'dibao', since: '2025-08-15' },
          { policyCode: 'medical_aid', since: '2027-01-01' },
        ],
      }),
    );
    expect(f).toMatchObject({ benefitCodes: ['dibao', 'tekun_care'], onDibao: true, onTekun: true, onMargin: false, monthsOnDibao: 14 });
    expect(facts(household({ benefits: [{ policyCode: 'dibao_margin', since: '2025-01-01' }] }))).toMatchObject({
      onDibao: false,
      onMargin: true,
      monthsOnDibao: 0,
    });
    expect(facts(household())).toMatchObject({ benefitCodes: [], onDibao: false, monthsOnDibao: 0 });
  });
});

describe('urban or rural (issue 12)', () => {
  it('reads the community code: 001–199 居委会 urban, 200–399 村委会 rural, anything else unknown', () => {
    expect(facts(household({ regionCode: '510115001001' })).ruralCommunity).toBe(false);
    expect(facts(household({ regionCode: '510115001199' })).ruralCommunity).toBe(false);
    expect(facts(household({ regionCode: '510115001201' })).ruralCommunity).toBe(true);
    expect(facts(household({ regionCode: '510115001399' })).ruralCommunity).toBe(true);
    expect('ruralCommunity' in facts(household({ regionCode: '510115' }))).toBe(false);
    expect('ruralCommunity' in facts(household({ regionCode: '510115001400' }))).toBe(false);
  });
});
