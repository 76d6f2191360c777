import { deriveFacts, resolveParameters } from '@zczr/eligibility';
import { CHENGDU, DERIVED_PARAMETER_NAMES, NATIONAL, PARAMETERS, resolveOne, SICHUAN, WENJIANG } from './parameters.js';
import {
  adult,
  birthDateForAge,
  child,
  household,
  JINJIANG_COMMUNITY,
  monthsAgo,
  person,
  REFERENCE_DATE,
  single,
  WENJIANG_COMMUNITY,
} from './reference-builders.js';

const at = (region: string, date: string) => resolveParameters(PARAMETERS, region, date);

describe('PARAMETERS', () => {
  it('has unique names, a label, and at least one value each, every value with a source', () => {
    const names = PARAMETERS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PARAMETERS) {
      expect(p.label.length).toBeGreaterThan(0);
      expect(p.values.length).toBeGreaterThan(0);
      for (const v of p.values) {
        expect({ name: p.name, region: [NATIONAL, SICHUAN, CHENGDU, WENJIANG].includes(v.region) }).toEqual({ name: p.name, region: true });
        expect(v.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (v.effectiveTo !== undefined) expect(v.effectiveTo > v.effectiveFrom).toBe(true);
        expect(Number.isFinite(v.value)).toBe(true);
        expect(v.source?.length).toBeGreaterThan(0);
      }
    }
  });

  it('never has two values of one region in force on the same day', () => {
    for (const p of PARAMETERS) {
      const byRegion = new Map<string, typeof p.values>();
      for (const v of p.values) byRegion.set(v.region, [...(byRegion.get(v.region) ?? []), v]);
      for (const [region, values] of byRegion) {
        const sorted = [...values].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
        for (let i = 1; i < sorted.length; i++) {
          const previousEnd = sorted[i - 1]!.effectiveTo;
          expect({ name: p.name, region, overlaps: previousEnd === undefined || previousEnd > sorted[i]!.effectiveFrom }).toEqual({
            name: p.name,
            region,
            overlaps: false,
          });
        }
      }
    }
  });

  it('resolves every parameter for a Wenjiang household from 2024 on', () => {
    for (const date of ['2024-01-01', '2024-08-01', '2026-11-01']) {
      const resolved = at(WENJIANG_COMMUNITY, date);
      const missing = PARAMETERS.map((p) => p.name).filter((name) => resolved[name] === undefined);
      expect({ date, missing }).toEqual({ date, missing: [] });
    }
  });

  it('resolves the 低保 standard differently before and after the July 2024 raise', () => {
    expect(at(WENJIANG_COMMUNITY, '2024-06-30')['dibao_standard']).toBe(870);
    expect(at(WENJIANG_COMMUNITY, '2024-07-01')['dibao_standard']).toBe(920);
    expect(at(JINJIANG_COMMUNITY, '2023-01-01')['dibao_standard']).toBe(870);
    expect(at(WENJIANG_COMMUNITY, '2022-06-30')['dibao_standard']).toBeUndefined();
    // …and the thresholds computed from it follow.
    expect(at(WENJIANG_COMMUNITY, '2024-06-30')['margin_income_line']).toBe(1305);
    expect(at(WENJIANG_COMMUNITY, '2024-07-01')['margin_income_line']).toBe(1380);
    expect(at(WENJIANG_COMMUNITY, '2024-07-01')['dibao_deposit_limit']).toBe(920 * 24);
  });

  it('lets Wenjiang override Chengdu where it sets its own value, and only from its own date', () => {
    expect(at(WENJIANG_COMMUNITY, '2024-01-01')['public_rental_income_limit']).toBe(2400);
    expect(at(JINJIANG_COMMUNITY, '2024-01-01')['public_rental_income_limit']).toBe(2600);
    expect(at(WENJIANG_COMMUNITY, '2022-06-01')['public_rental_income_limit']).toBe(2600);
    expect(at(WENJIANG_COMMUNITY, '2024-01-01')['longevity_allowance_80']).toBe(60);
    expect(at(JINJIANG_COMMUNITY, '2024-01-01')['longevity_allowance_80']).toBe(50);
    expect(at(WENJIANG_COMMUNITY, '2024-02-01')['disposable_income_last_year']).toBe(47000);
    expect(at(WENJIANG_COMMUNITY, '2024-03-01')['disposable_income_last_year']).toBe(48000);
    expect(at(JINJIANG_COMMUNITY, '2024-03-01')['disposable_income_last_year']).toBe(49500);
  });

  it('falls back to the province and the nation where the city sets nothing', () => {
    expect(at('513401001003', '2024-01-01')['minimum_wage']).toBe(1870);
    expect(at('110105001024', '2024-01-01')['medical_premium_individual']).toBe(400);
    expect(at('110105001024', '2023-06-01')['medical_premium_individual']).toBe(380);
    expect(at('110105001024', '2024-01-01')['dibao_standard']).toBeUndefined();
    expect(at(WENJIANG_COMMUNITY, '2024-01-01')['minimum_wage']).toBe(2100);
  });

  it('computes each derived threshold as the product of its two factors, everywhere and always', () => {
    const factors: Record<string, [string, string]> = {
      dibao_deposit_limit: ['dibao_standard', 'deposit_limit_months'],
      margin_income_line: ['dibao_standard', 'margin_multiplier'],
      margin_deposit_limit: ['dibao_standard', 'margin_deposit_limit_months'],
      low_income_line: ['dibao_standard', 'low_income_multiplier'],
      supporter_ability_income_line: ['dibao_standard', 'supporter_ability_multiplier'],
    };
    expect([...Object.keys(factors), 'disposable_income_monthly'].sort()).toEqual([...DERIVED_PARAMETER_NAMES].sort());
    for (const region of [WENJIANG_COMMUNITY, JINJIANG_COMMUNITY, '513401001003', '110105001024']) {
      for (const date of ['2022-01-01', '2022-07-01', '2023-05-01', '2024-06-30', '2024-07-01', '2026-11-01']) {
        const r = at(region, date);
        for (const [name, [a, b]] of Object.entries(factors)) {
          const x = r[a];
          const y = r[b];
          const expected = x === undefined || y === undefined ? undefined : Math.round(x * y * 100) / 100;
          expect({ region, date, name, value: r[name] }).toEqual({ region, date, name, value: expected });
        }
        const yearly = r['disposable_income_last_year'];
        expect(r['disposable_income_monthly']).toBe(yearly === undefined ? undefined : Math.round((yearly / 12) * 100) / 100);
      }
    }
  });

  it('resolves in this module exactly as the engine does', () => {
    for (const region of [WENJIANG_COMMUNITY, JINJIANG_COMMUNITY, '513401001003', '110105001024']) {
      for (const date of ['2022-04-01', '2023-03-01', '2024-03-01', '2024-09-01', '2026-11-01']) {
        const engine = at(region, date);
        for (const p of PARAMETERS) expect({ name: p.name, value: resolveOne(p, region, date) }).toEqual({ name: p.name, value: engine[p.name] });
      }
    }
  });
});

describe('reference builders', () => {
  it('computes birth dates that give the requested age from REFERENCE_DATE until the end of September', () => {
    const age = (birthDate: string, asOf: string): number => {
      const facts = deriveFacts(single(person({ age: 0, birthDate })), { asOf, params: {} });
      return facts.oldestAge as number;
    };
    expect(REFERENCE_DATE).toBe('2024-01-01');
    expect(birthDateForAge(60)).toBe('1963-10-01');
    expect(age(birthDateForAge(60), '2024-01-01')).toBe(60);
    expect(age(birthDateForAge(60), '2024-09-30')).toBe(60);
    expect(age(birthDateForAge(60), '2024-10-01')).toBe(61);
  });

  it('counts months back from REFERENCE_DATE', () => {
    expect(monthsAgo(0)).toBe('2024-01-01');
    expect(monthsAgo(1)).toBe('2023-12-01');
    expect(monthsAgo(13)).toBe('2022-12-01');
  });

  it('declares everything by default, so facts are known unless a reference says otherwise', () => {
    const h = household({ members: [adult(45), child(10)], perCapitaIncome: 500 });
    const facts = deriveFacts(h, { asOf: REFERENCE_DATE, params: {} });
    expect(facts.perCapitaIncome).toBe(500);
    expect(facts.homeCount).toBe(1);
    expect(facts.compulsoryEducationStudentCount).toBe(1);
    expect(facts.allWithoutLabourCapacity).toBe(false);
    expect(facts.disabledCount).toBe(0);
    expect(facts.seriousIllnessCount).toBe(0);
    expect(facts.totalSelfCareLossCount).toBe(0);
    expect(h.regionCode).toBe(WENJIANG_COMMUNITY);
  });

  it('leaves undeclared what a reference marks as unknown', () => {
    const h = household({ members: [adult(45, { health: null, disability: undefined, selfCare: null })], unknownIncome: true, unknownAssets: true });
    expect(h.incomes).toEqual([]);
    expect(h.assets).toEqual([]);
    const facts = deriveFacts(h, { asOf: REFERENCE_DATE, params: {} });
    for (const name of ['perCapitaIncome', 'homeCount', 'seriousIllnessCount', 'disabledCount', 'totalSelfCareLossCount'] as const) {
      expect(facts[name]).toBeUndefined();
    }
  });

  it('declares no income as an item of 0, and a self-care score as that many failed items', () => {
    const h = single(adult(80, { selfCare: 4 }));
    expect(h.incomes).toEqual([{ type: 'other_transfer', monthlyAmount: 0, note: '无收入' }]);
    const facts = deriveFacts(h, { asOf: REFERENCE_DATE, params: {} });
    expect(facts.totalSelfCareLossCount).toBe(1);
    expect(facts.countedMonthlyIncome).toBe(0);
  });
});
