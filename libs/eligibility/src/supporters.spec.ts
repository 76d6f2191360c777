/**
 * Legal supporters and person-level facts (issue 12): 《特困人员认定办法》(民发〔2021〕43号) tests the
 * applicant (own income, own labour capacity, supporters able or not, 第七至九条); 低保 counts the
 * support a well-off supporter owes as income.
 */
import type { SnapshotSupporter } from './types.js';
import { deriveFacts } from './facts.js';
import { AS_OF, bornYearsBefore, household, member } from './test-fixtures.js';

const PARAMS = { dibao_standard: 900, supporter_ability_income_line: 1800, support_payment_share: 0.3, disposable_income_monthly: 4000 };
const facts = (h: Parameters<typeof deriveFacts>[0]) => deriveFacts(h, { asOf: AS_OF, params: PARAMS });
const son = (over: Partial<SnapshotSupporter> = {}): SnapshotSupporter => ({
  relation: 'child',
  birthDate: bornYearsBefore(45),
  coResident: false,
  monthlyIncome: 9200,
  conditions: [],
  ...over,
});
const old = member({ age: 72, labourCapacity: 'none', employment: 'retired' });

describe('supporter facts', () => {
  it('are unknown when supporters were not recorded, and say "none" for an empty list', () => {
    const unrecorded = facts(household({ members: [old] }));
    expect('supporterCount' in unrecorded).toBe(false);
    expect('supporterMaxIncome' in unrecorded).toBe(false);
    const none = facts(household({ members: [old], supporters: [] }));
    expect(none.supporterCount).toBe(0);
    expect(none.supporterMaxIncome).toBe(0);
    expect(none.supportPaymentCounted).toBe(0);
  });

  it("take the able supporter's income and count (income − line) × share as support owed", () => {
    const f = facts(household({ members: [old], incomes: [{ type: 'pension', monthlyAmount: 600 }], supporters: [son()] }));
    expect(f.supporterCount).toBe(1);
    expect(f.supporterMaxIncome).toBe(9200);
    expect(f.supportPaymentCounted).toBe(2220); // (9200 − 1800) × 0.3
    expect(f.perCapitaIncome).toBe(2820);
  });

  it('do not count support twice when the household already declares receiving more', () => {
    const f = facts(household({ members: [old], incomes: [{ type: 'support_payment', monthlyAmount: 3000 }], supporters: [son()] }));
    expect(f.perCapitaIncome).toBe(3000);
  });

  it('follow 第九条: 特困, 60+ 低保, 70+ or severely disabled below the disposable income, 服刑 are unable', () => {
    const unable: SnapshotSupporter[] = [
      son({ conditions: ['tekun'], monthlyIncome: 0 }),
      son({ conditions: ['dibao'], birthDate: bornYearsBefore(62), monthlyIncome: 800 }),
      son({ birthDate: bornYearsBefore(71), monthlyIncome: 3000 }),
      son({ conditions: ['severe_disability'], monthlyIncome: 3500 }),
      son({ conditions: ['incapacitated'], monthlyIncome: 9000 }),
    ];
    for (const s of unable) {
      const f = facts(household({ members: [old], supporters: [s] }));
      expect({ s, max: f.supporterMaxIncome, due: f.supportPaymentCounted }).toEqual({ s, max: 0, due: 0 });
    }
    // A 45-year-old 低保 recipient is not unable by category: his (low) income decides against the line.
    expect(facts(household({ members: [old], supporters: [son({ conditions: ['dibao'], monthlyIncome: 700 })] })).supporterMaxIncome).toBe(700);
  });

  it("are unknown when an able supporter's income is not known, and then so is the household income", () => {
    const f = facts(household({ members: [old], supporters: [son({ monthlyIncome: null })] }));
    expect(f.supporterCount).toBe(1);
    expect('supporterMaxIncome' in f).toBe(false);
    expect('perCapitaIncome' in f).toBe(false);
    // A co-resident supporter's income is already among the household's: only the supporter fact is unknown.
    const g = facts(household({ members: [old], supporters: [son({ monthlyIncome: null, coResident: true })] }));
    expect('supporterMaxIncome' in g).toBe(false);
    expect(g.perCapitaIncome).toBe(0);
    // A 特困 supporter needs no income to be known unable.
    expect(facts(household({ members: [old], supporters: [son({ monthlyIncome: null, conditions: ['tekun'] })] })).supporterMaxIncome).toBe(0);
  });
});

describe('person-level facts', () => {
  it("give the applicant's own income: items tied to them plus an equal share of the untied ones", () => {
    const grandma = member({ age: 70, sex: 'female', labourCapacity: 'none' });
    const kid = member({ relation: 'grandchild', age: 10, employment: 'student', education: 'primary' });
    const f = facts(
      household({
        members: [grandma, kid],
        incomes: [
          { type: 'pension', monthlyAmount: 1080, memberIndex: 0 },
          { type: 'other_transfer', monthlyAmount: 200 },
        ],
      }),
    );
    expect(f.perCapitaIncome).toBe(640);
    expect(f.eligiblePersonIncome).toBe(1180);
  });

  it('say the applicant is without labour capacity as 第七条 does', () => {
    expect(facts(household({ members: [member({ age: 72, labourCapacity: 'full' })] })).eligiblePersonUnableToWork).toBe(true);
    expect(facts(household({ members: [member({ age: 15, labourCapacity: null })] })).eligiblePersonUnableToWork).toBe(true);
    expect(facts(household({ members: [member({ age: 35, disability: { category: 5, grade: 3 } })] })).eligiblePersonUnableToWork).toBe(true);
    expect(facts(household({ members: [member({ age: 35 })] })).eligiblePersonUnableToWork).toBe(false);
    expect('eligiblePersonUnableToWork' in facts(household({ members: [member({ age: 17, labourCapacity: null })] }))).toBe(false);
  });

  it('count old people who themselves cannot care for themselves, not an old person beside a disabled son', () => {
    const loss = { eating: true, dressing: true, gettingUp: true, toileting: true, walkingIndoors: false, bathing: false };
    const f = facts(household({ members: [member({ age: 66 }), member({ relation: 'child', age: 40, selfCare: loss })] }));
    expect(f.elderlyCount).toBe(1);
    expect(f.totalSelfCareLossCount).toBe(1);
    expect(f.elderlySelfCareLossCount).toBe(0);
  });
});
