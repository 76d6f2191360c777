import { districtTree } from '@zczr/divisions';
import {
  ASSET_TYPES,
  DISABILITY_CATEGORIES,
  EDUCATIONS,
  EMPLOYMENTS,
  EXPENSE_TYPES,
  HARDSHIP_TYPES,
  INCOME_TYPES,
  isIncomeCounted,
  LABOUR_CAPACITIES,
  RELATIONS,
  selfCareLevel,
  SUPPORTER_CONDITIONS,
  SUPPORTER_RELATIONS,
} from '@zczr/domain';
import { DEMO_REFERENCE_DATE } from './calendar.js';
import { generateTracedHousehold, type HouseholdTrace } from './household-generator.js';
import { DEMO_DIBAO_STANDARD, generateHousehold, generateHouseholds, toHouseholdInput, type DemoHousehold } from './index.js';

const SEED = 4242;

function take(opts: Parameters<typeof generateHouseholds>[0]): DemoHousehold[] {
  return [...generateHouseholds(opts)];
}

function countedPerCapita(h: DemoHousehold): number {
  const residents = h.members.filter((m) => m.coResident).length;
  return h.incomes.filter((i) => isIncomeCounted(i.type)).reduce((sum, i) => sum + i.monthlyAmount, 0) / residents;
}

describe('determinism', () => {
  it('gives identical output for the same seed', () => {
    expect(JSON.stringify(take({ seed: SEED, count: 500 }))).toBe(JSON.stringify(take({ seed: SEED, count: 500 })));
  });

  it('gives household i the same whatever startIndex and count', () => {
    const all = take({ seed: SEED, count: 1_000 });
    const shard = take({ seed: SEED, startIndex: 613, count: 50 });
    expect(shard).toEqual(all.slice(613, 663));
    expect(take({ seed: SEED, startIndex: 999, count: 1 })[0]).toEqual(all[999]);
    expect(generateHousehold(SEED, 5)).toEqual(all[5]);
    // Shards generated out of order, as parallel workers would.
    const shards = [take({ seed: SEED, startIndex: 500, count: 500 }), take({ seed: SEED, startIndex: 0, count: 500 })];
    expect([...shards[1]!, ...shards[0]!]).toEqual(all);
  });

  it('gives different data for different seeds', () => {
    const a = take({ seed: 1, count: 20 }).map((h) => h.members[0]!.idNumber);
    const b = take({ seed: 2, count: 20 }).map((h) => h.members[0]!.idNumber);
    expect(a).not.toEqual(b);
  });

  it('is lazy: asking for a huge count costs nothing until iterated', () => {
    const iterator = generateHouseholds({ seed: SEED, count: 5_000_000 });
    expect(iterator.next().value).toEqual(generateHousehold(SEED, 0));
  });

  it('strips the placement fields for the API with toHouseholdInput', () => {
    const h = generateHousehold(SEED, 3);
    const input = toHouseholdInput(h);
    expect(Object.keys(input).sort()).toEqual(['address', 'assets', 'benefits', 'communityCode', 'expenses', 'hardships', 'incomes', 'members', 'supporters']);
    expect(input.members).toBe(h.members);
  });

  it('rejects bad options', () => {
    expect(() => generateHouseholds({ seed: SEED, count: -1 }).next()).toThrow(RangeError);
    expect(() => generateHouseholds({ seed: 1.5, count: 1 }).next()).toThrow(RangeError);
    expect(() => generateHouseholds({ seed: SEED, count: 1, districtCode: '999999' }).next()).toThrow();
  });
});

describe('a sample of 100,000 households', () => {
  const COUNT = 100_000;
  const households: DemoHousehold[] = [];
  const traces: HouseholdTrace[] = [];
  beforeAll(() => {
    for (let i = 0; i < COUNT; i++) {
      const { household, trace } = generateTracedHousehold(SEED, i);
      households.push(household);
      traces.push(trace);
    }
  }, 60_000);

  const share = (pred: (h: DemoHousehold) => boolean): number => households.filter(pred).length / COUNT;

  it('uses only values the domain and the API accept', () => {
    const name = /^[\u4e00-\u9fa5·]{2,20}$/;
    const isoDate = /^\d{4}-\d{2}-\d{2}$/;
    const householdKeys = new Set([
      'address',
      'communityCode',
      'gridId',
      'members',
      'incomes',
      'assets',
      'expenses',
      'hardships',
      'benefits',
      'supporters',
      'streetCode',
      'gridIndex',
    ]);
    const memberKeys = new Set([
      'relation',
      'name',
      'idNumber',
      'ethnicity',
      'phone',
      'education',
      'employment',
      'labourCapacity',
      'health',
      'disability',
      'selfCare',
      'coResident',
    ]);
    const selfCareKeys = 'bathing,dressing,eating,gettingUp,toileting,walkingIndoors';
    const policies = ['dibao', 'tekun', 'disability_living_subsidy', 'severe_disability_care_subsidy'];
    const oneOf = (list: readonly unknown[], x: unknown): boolean => list.includes(x);
    const money = (x: number | undefined): boolean => x === undefined || (Number.isFinite(x) && x >= 0 && x <= 100_000_000);
    const problems: string[] = [];
    households.forEach((h, n) => {
      const bad = (ok: boolean, what: string): void => {
        if (!ok) problems.push(`household ${n}: ${what}`);
      };
      const inRange = (i: number | undefined): boolean => i === undefined || (Number.isInteger(i) && i >= 0 && i < h.members.length);
      for (const key of Object.keys(h)) bad(householdKeys.has(key), `unexpected key ${key}`);
      bad(h.address.length >= 4 && h.address.length <= 200, `address ${h.address}`);
      bad(h.gridId === undefined, 'gridId set');
      bad(Number.isInteger(h.gridIndex) && h.gridIndex >= 0, `gridIndex ${h.gridIndex}`);
      for (const m of h.members) {
        for (const key of Object.keys(m)) bad(memberKeys.has(key), `unexpected member key ${key}`);
        bad(oneOf(RELATIONS, m.relation), `relation ${m.relation}`);
        bad(name.test(m.name), `name ${m.name}`);
        bad(oneOf(EDUCATIONS, m.education), `education ${m.education}`);
        bad(oneOf(EMPLOYMENTS, m.employment), `employment ${m.employment}`);
        bad(oneOf(LABOUR_CAPACITIES, m.labourCapacity), `labourCapacity ${m.labourCapacity}`);
        bad(oneOf(['汉族', '藏族', '彝族', '羌族', '回族'], m.ethnicity), `ethnicity ${m.ethnicity}`);
        bad(m.phone === undefined || /^1[3-9]\d{9}$/.test(m.phone), `phone ${m.phone}`);
        bad(m.disability === null || (oneOf(DISABILITY_CATEGORIES, m.disability?.category) && oneOf([1, 2, 3, 4], m.disability?.grade)), 'disability');
        bad(typeof m.coResident === 'boolean', 'coResident');
        bad(typeof m.health?.chronicIllness === 'boolean' && typeof m.health.seriousIllness === 'boolean', 'health');
        bad(
          Object.keys(m.selfCare ?? {})
            .sort()
            .join() === selfCareKeys,
          'selfCare keys',
        );
      }
      for (const i of h.incomes) {
        bad(oneOf(INCOME_TYPES, i.type) && money(i.monthlyAmount) && inRange(i.memberIndex), `income ${JSON.stringify(i)}`);
        bad(i.jobStartedOn === undefined || (i.jobStartedOn < DEMO_REFERENCE_DATE && isoDate.test(i.jobStartedOn)), `jobStartedOn ${i.jobStartedOn}`);
      }
      for (const a of h.assets) {
        bad(oneOf(ASSET_TYPES, a.type) && money(a.value), `asset ${JSON.stringify(a)}`);
        bad(a.bankAccount === undefined || /^\d{8,30}$/.test(a.bankAccount), `bankAccount ${a.bankAccount}`);
      }
      for (const e of h.expenses) bad(oneOf(EXPENSE_TYPES, e.type) && money(e.amount12m) && inRange(e.memberIndex), `expense ${JSON.stringify(e)}`);
      for (const e of h.hardships) bad(oneOf(HARDSHIP_TYPES, e.type) && money(e.loss) && isoDate.test(e.occurredOn), `hardship ${JSON.stringify(e)}`);
      for (const x of h.supporters ?? []) {
        bad(oneOf(SUPPORTER_RELATIONS, x.relation) && name.test(x.name) && typeof x.coResident === 'boolean', `supporter ${JSON.stringify(x)}`);
        bad(x.monthlyIncome === null || money(x.monthlyIncome), `supporter income ${x.monthlyIncome}`);
        bad(x.birthDate === null || (isoDate.test(x.birthDate) && x.birthDate < DEMO_REFERENCE_DATE), `supporter birthDate ${x.birthDate}`);
        bad(
          x.conditions.every((c) => oneOf(SUPPORTER_CONDITIONS, c)) && new Set(x.conditions).size === x.conditions.length,
          `supporter conditions ${x.conditions.join()}`,
        );
      }
      for (const b of h.benefits) {
        bad(oneOf(policies, b.policyCode) && b.since < DEMO_REFERENCE_DATE && isoDate.test(b.since) && money(b.monthlyAmount), `benefit ${JSON.stringify(b)}`);
      }
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('places every household in a real Wenjiang community, spread over all of them, in grids of 150–300', () => {
    const tree = districtTree('510115');
    const streetOf = new Map<string, { street: string; name: string; community: string }>();
    for (const s of tree.streets) for (const c of s.communities) streetOf.set(c.code, { street: s.code, name: s.name, community: c.name });
    const perGrid = new Map<string, number>();
    const used = new Set<string>();
    const problems: string[] = [];
    for (const h of households) {
      const place = streetOf.get(h.communityCode);
      if (!place) {
        problems.push(`unknown community ${h.communityCode}`);
        continue;
      }
      if (h.streetCode !== place.street) problems.push(`${h.communityCode} is not in street ${h.streetCode}`);
      if (!h.address.startsWith(`四川省成都市温江区${place.name}`)) problems.push(`address ${h.address} outside ${place.name}`);
      const village = place.community.endsWith('村委会');
      if (!(village ? /村\d+组\d+号$/ : /社区.+\d+号/).test(h.address)) problems.push(`address ${h.address} for ${place.community}`);
      used.add(h.communityCode);
      const key = `${h.communityCode}#${h.gridIndex}`;
      perGrid.set(key, (perGrid.get(key) ?? 0) + 1);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(used.size).toBe(streetOf.size);
    const lastGrid = new Map<string, number>();
    for (const key of perGrid.keys()) {
      const [code, grid] = key.split('#') as [string, string];
      lastGrid.set(code, Math.max(lastGrid.get(code) ?? 0, Number(grid)));
    }
    const badGrids = [...perGrid].filter(([key, n]) => {
      const [code, grid] = key.split('#') as [string, string];
      return n > 300 || (Number(grid) < lastGrid.get(code)! && n < 150);
    });
    expect(badGrids).toEqual([]);
    expect(perGrid.size).toBeGreaterThan(300);
  });

  it('spreads per-capita income around the 870-yuan line as intended', () => {
    const line = DEMO_DIBAO_STANDARD;
    const below = share((h) => countedPerCapita(h) < line);
    const margin = share((h) => countedPerCapita(h) >= line && countedPerCapita(h) < 2 * line);
    expect(below).toBeGreaterThan(0.05);
    expect(below).toBeLessThan(0.08);
    expect(margin).toBeGreaterThan(0.06);
    expect(margin).toBeLessThan(0.1);
    // The band the generator aimed for is the band the household lands in.
    const missed = households.filter((h, i) => {
      const pc = countedPerCapita(h);
      return (pc < line ? 'below' : pc < 2 * line ? 'margin' : 'above') !== traces[i]!.band;
    });
    expect(missed).toEqual([]);
    // A realistic mix of income types.
    for (const type of [
      'wage',
      'pension',
      'farming',
      'business',
      'support_payment',
      'scholarship',
      'family_planning_award',
      'government_assistance',
    ] as const) {
      expect(share((h) => h.incomes.some((x) => x.type === type))).toBeGreaterThan(0.001);
    }
    expect(share((h) => h.incomes.some((x) => x.jobStartedOn !== undefined && x.jobStartedOn >= '2025-11-01'))).toBeGreaterThan(0.02);
  });

  it('has benefits mostly where the income is low', () => {
    const dibao = households.filter((h) => h.benefits.some((b) => b.policyCode === 'dibao'));
    expect(dibao.length / COUNT).toBeGreaterThan(0.03);
    expect(dibao.length / COUNT).toBeLessThan(0.05);
    expect(dibao.filter((h) => countedPerCapita(h) < DEMO_DIBAO_STANDARD).length / dibao.length).toBeGreaterThan(0.75);
    const tekun = households.filter((h) => h.benefits.some((b) => b.policyCode === 'tekun'));
    expect(tekun.length).toBeGreaterThan(100);
    expect(tekun.filter((h) => h.members.length !== 1 || h.members[0]!.labourCapacity !== 'none' || countedPerCapita(h) >= DEMO_DIBAO_STANDARD)).toEqual([]);
    for (const code of ['disability_living_subsidy', 'severe_disability_care_subsidy']) {
      const on = households.filter((h) => h.benefits.some((b) => b.policyCode === code));
      expect(on.length).toBeGreaterThan(100);
      expect(on.filter((h) => !h.members.some((m) => m.disability))).toEqual([]);
    }
  });

  it('has plausible shares of illness, disability, assets, expenses and hardship', () => {
    const members = households.flatMap((h) => h.members);
    const personShare = (pred: (m: DemoHousehold['members'][number]) => boolean): number => members.filter(pred).length / members.length;
    expect(personShare((m) => m.health!.chronicIllness)).toBeGreaterThan(0.12);
    expect(personShare((m) => m.health!.chronicIllness)).toBeLessThan(0.18);
    expect(personShare((m) => m.health!.seriousIllness)).toBeGreaterThan(0.03);
    expect(personShare((m) => m.health!.seriousIllness)).toBeLessThan(0.05);
    expect(personShare((m) => m.disability != null)).toBeGreaterThan(0.05);
    expect(personShare((m) => m.disability != null)).toBeLessThan(0.07);
    expect(personShare((m) => m.ethnicity === '汉族')).toBeGreaterThan(0.95);
    expect(personShare((m) => m.coResident)).toBeGreaterThan(0.9);
    const levels = members.map((m) => selfCareLevel(m.selfCare!));
    expect(levels.filter((l) => l === 'self_care').length / members.length).toBeGreaterThan(0.9);
    expect(levels.filter((l) => l === 'partial').length).toBeGreaterThan(100);
    expect(levels.filter((l) => l === 'total_loss').length).toBeGreaterThan(100);

    const vehicles = share((h) => h.assets.some((a) => a.type === 'vehicle'));
    expect(vehicles).toBeGreaterThan(0.27);
    expect(vehicles).toBeLessThan(0.35);
    expect(share((h) => h.assets.some((a) => a.disabilityVehicle === true))).toBeGreaterThan(0.002);
    expect(share((h) => h.assets.filter((a) => a.type === 'home').length >= 1)).toBeGreaterThan(0.9);
    expect(share((h) => h.assets.filter((a) => a.type === 'home').length === 2)).toBeGreaterThan(0.03);
    expect(share((h) => h.assets.some((a) => a.type === 'business_registration'))).toBeLessThan(0.08);
    expect(share((h) => h.assets.some((a) => a.bankAccount !== undefined))).toBeGreaterThan(0.2);

    expect(share((h) => h.expenses.some((e) => e.type === 'medical_self_paid' && e.amount12m >= 50_000))).toBeGreaterThan(0.005);
    const misplaced = households.flatMap((h) =>
      h.expenses.filter((e) => {
        const m = h.members[e.memberIndex!]!;
        return (e.type === 'education' && m.employment !== 'student' && m.employment !== 'preschool') || (e.type === 'rehabilitation' && !m.disability);
      }),
    );
    expect(misplaced).toEqual([]);

    const hardship = share((h) => h.hardships.length > 0);
    expect(hardship).toBeGreaterThan(0.02);
    expect(hardship).toBeLessThan(0.04);
    const events = households.flatMap((h) => h.hardships);
    expect(events.filter((e) => e.occurredOn < '2025-11-01' || e.occurredOn >= DEMO_REFERENCE_DATE)).toEqual([]);
  });

  it('gives adults phones, students and pensioners the right ages', () => {
    const problems: string[] = [];
    households.forEach((h, i) => {
      h.members.forEach((m, k) => {
        const age = traces[i]!.people[k]!.age;
        const wrong =
          (m.phone !== undefined && age < 18) ||
          (m.employment === 'preschool' && age >= 6) ||
          (m.employment === 'retired' && age < 50) ||
          (age < 16 && m.employment !== 'preschool' && m.employment !== 'student' && m.employment !== 'unable');
        if (wrong) problems.push(`household ${i} member ${k}: age ${age}, ${m.employment}, phone ${m.phone ?? '-'}`);
      });
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('gives family members the head’s family name mostly, spouses their own', () => {
    let children = 0;
    let sameAsFather = 0;
    let spouses = 0;
    let spouseSame = 0;
    for (const h of households) {
      if (h.members[0]!.ethnicity !== '汉族') continue;
      const surname = h.members[0]!.name.charAt(0);
      for (const m of h.members) {
        if (m.relation === 'child' && m.ethnicity === '汉族') {
          children++;
          const spouse = h.members.find((x) => x.relation === 'spouse');
          if (m.name.charAt(0) === surname || (spouse && m.name.charAt(0) === spouse.name.charAt(0))) sameAsFather++;
        }
        if (m.relation === 'spouse') {
          spouses++;
          if (m.name.charAt(0) === surname) spouseSame++;
        }
      }
    }
    expect(sameAsFather / children).toBeGreaterThan(0.98);
    expect(spouseSame / spouses).toBeLessThan(0.15);
  });
});
