import { parseDisabilityCertificate, validateIdNumber } from '@zczr/id-card';
import { DEMO_REFERENCE_DATE } from './calendar.js';
import { generateTracedHousehold, householdCapacity, type DemoHousehold, type HouseholdTrace } from './household-generator.js';
import { generateHouseholds } from './index.js';

const SEED = 20261101;
const COUNT = 200_000;
const today = new Date(`${DEMO_REFERENCE_DATE}T12:00:00+08:00`);

/** 'YYYY-MM-DD' shifted by whole years; string order is date order even for a 29 Feb result. */
function plusYears(date: string, years: number): string {
  return String(Number(date.slice(0, 4)) + years).padStart(4, '0') + date.slice(4);
}
/** b is at least `min` and less than `max` years after a. */
function yearsAfter(a: string, b: string, min: number, max: number): boolean {
  return b >= plusYears(a, min) && b < plusYears(a, max);
}
function withinYears(a: string, b: string, years: number): boolean {
  return b > plusYears(a, -years) && b < plusYears(a, years);
}

describe(`ID numbers over ${COUNT.toLocaleString('en')} households`, () => {
  const households: DemoHousehold[] = [];
  const traces: HouseholdTrace[] = [];

  beforeAll(() => {
    for (let i = 0; i < COUNT; i++) {
      const { household, trace } = generateTracedHousehold(SEED, i);
      households.push(household);
      traces.push(trace);
    }
  }, 120_000);

  it('are all unique', () => {
    const seen = new Set<string>();
    let members = 0;
    for (const h of households) {
      for (const m of h.members) {
        members++;
        seen.add(m.idNumber);
      }
    }
    expect(members).toBeGreaterThan(COUNT * 2);
    expect(seen.size).toBe(members);
  });

  it('are all valid, with the birth date and sex the generator intended', () => {
    const problems: string[] = [];
    households.forEach((h, i) => {
      h.members.forEach((m, k) => {
        const person = traces[i]!.people[k]!;
        const v = validateIdNumber(m.idNumber, { today });
        if (!v.valid) problems.push(`${i}/${k} ${m.idNumber}: ${v.reason}`);
        else if (v.birthDate !== person.birthDate || v.sex !== person.sex)
          problems.push(`${i}/${k} ${m.idNumber}: ${v.birthDate} ${v.sex} ≠ ${person.birthDate} ${person.sex}`);
      });
    });
    expect(problems.slice(0, 10)).toEqual([]);
  }, 120_000);

  it('give every disability a matching 20-digit certificate when it has one', () => {
    let certificates = 0;
    const problems: string[] = [];
    for (const h of households) {
      for (const m of h.members) {
        const number = m.disability?.certificateNumber;
        if (number === undefined) continue;
        certificates++;
        const parsed = parseDisabilityCertificate(number, { today });
        const ok = parsed.valid && parsed.idNumber === m.idNumber && parsed.category === m.disability!.category && parsed.grade === m.disability!.grade;
        if (!ok) problems.push(`${m.idNumber}: ${number}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(certificates).toBeGreaterThan(1000);
  });

  it('use Wenjiang area codes (current and pre-2002) for most people, and real Sichuan codes for most others', () => {
    const areas = new Map<string, number>();
    let members = 0;
    for (const h of households) {
      for (const m of h.members) {
        members++;
        const area = m.idNumber.slice(0, 6);
        areas.set(area, (areas.get(area) ?? 0) + 1);
      }
    }
    const local = (areas.get('510115') ?? 0) + (areas.get('510123') ?? 0);
    expect(local / members).toBeGreaterThan(0.45);
    let sichuan = 0;
    for (const [area, n] of areas) if (area.startsWith('51')) sichuan += n;
    expect(sichuan / members).toBeGreaterThan(0.9);
    // 510123 (温江县) only for people born before the 2002 change.
    const late = households.flatMap((h) => h.members.filter((m) => m.idNumber.startsWith('510123') && m.idNumber.slice(6, 10) >= '2002'));
    expect(late).toEqual([]);
  });

  it('have ages consistent with the family relations', () => {
    const problems: string[] = [];
    households.forEach((h, i) => {
      const people = traces[i]!.people;
      const date = (k: number): string => people[k]!.birthDate;
      const headDate = date(0);
      const spouse = h.members.findIndex((m) => m.relation === 'spouse');
      const complain = (k: number, what: string): void => {
        problems.push(`household ${i} member ${k} (${h.members[k]!.relation}): ${what}`);
      };
      if (h.members[0]!.relation !== 'head' || h.members.filter((m) => m.relation === 'head').length !== 1) complain(0, 'not exactly one head, first');
      if (people[0]!.age < 18) complain(0, 'head under 18');
      if (h.members.length < 1 || h.members.length > 6) complain(0, `size ${h.members.length}`);
      h.members.forEach((m, k) => {
        const d = date(k);
        const age = people[k]!.age;
        if (age < 0 || age > 100 || d >= DEMO_REFERENCE_DATE) complain(k, `age ${age}`);
        switch (m.relation) {
          case 'head':
            break;
          case 'spouse':
            if (!withinYears(headDate, d, 8)) complain(k, 'spouse more than 8 years apart');
            if (people[k]!.sex === people[0]!.sex) complain(k, 'spouse of the same sex');
            if (age < 18) complain(k, 'spouse under 18');
            break;
          case 'child':
            if (!yearsAfter(headDate, d, 18, 40)) complain(k, 'not 18–40 years younger than the head');
            if (spouse >= 0 && !yearsAfter(date(spouse), d, 18, 40)) complain(k, 'not 18–40 years younger than the spouse');
            break;
          case 'parent':
            if (!yearsAfter(d, headDate, 18, 40)) complain(k, 'not 18–40 years older than the head');
            break;
          case 'child_in_law': {
            const partner = people[k]!.relatedTo;
            if (h.members[partner]?.relation !== 'child' || !withinYears(date(partner), d, 8)) complain(k, 'not within 8 years of a child');
            if (people[partner]!.sex === people[k]!.sex) complain(k, 'same sex as the child');
            break;
          }
          case 'grandchild': {
            const parents = h.members.flatMap((x, j) => (x.relation === 'child' || x.relation === 'child_in_law' ? [j] : []));
            if (parents.length > 0) {
              if (!parents.every((j) => yearsAfter(date(j), d, 18, 40))) complain(k, 'not 18–40 years younger than its parents');
            } else if (!yearsAfter(headDate, d, 36, 81) || (spouse >= 0 && !yearsAfter(date(spouse), d, 36, 81))) {
              complain(k, 'not 36–80 years younger than the grandparents');
            }
            break;
          }
          case 'sibling':
            if (!withinYears(headDate, d, 16)) complain(k, 'sibling more than 15 years apart');
            break;
          case 'other':
          case 'grandparent':
            break;
        }
      });
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('capacity', () => {
  it('is several million households for any seed', () => {
    for (const seed of [0, 1, 42, 20261101, 2 ** 40 + 7]) expect(householdCapacity(seed)).toBeGreaterThan(5_000_000);
  });

  it('keeps numbers unique between the first and the last households a seed can make', () => {
    const capacity = householdCapacity(7);
    const seen = new Set<string>();
    let members = 0;
    for (const range of [
      { startIndex: 0, count: 30_000 },
      { startIndex: Math.floor(capacity / 2), count: 30_000 },
      { startIndex: capacity - 30_000, count: 30_000 },
    ]) {
      for (const h of generateHouseholds({ seed: 7, ...range })) {
        for (const m of h.members) {
          members++;
          seen.add(m.idNumber);
        }
      }
    }
    expect(seen.size).toBe(members);
  }, 60_000);

  it('refuses to go past it rather than repeat a number', () => {
    const capacity = householdCapacity(7);
    expect(() => generateHouseholds({ seed: 7, startIndex: capacity - 1, count: 2 }).next()).toThrow(RangeError);
    expect(generateHouseholds({ seed: 7, startIndex: capacity - 1, count: 1 }).next().done).toBe(false);
  });
});
