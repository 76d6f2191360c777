/**
 * The demographic skeleton of every household (who lives there, sex, year of birth, birthplace) and
 * the collision-free assignment of ID numbers.
 *
 * Why a catalogue of skeletons: an ID number is area + birth date + a 3-digit sequence whose parity
 * is the sex, so at most 500 people of one sex can share an area code and a birth date. With ages
 * drawn independently per household, a million households (~2.7 million people, most of them with
 * one local area code) would produce tens of thousands of duplicate numbers by the birthday paradox,
 * and no per-household trick avoids it while staying lazy. So the skeletons are drawn once per seed
 * into a catalogue of CATALOGUE_SIZE households; household i uses skeleton σ_c(i mod size) in
 * "cycle" c = ⌊i / size⌋, with σ_c a per-cycle permutation. Then the number of people of each
 * (area, sex, birth year) per cycle is known in advance, and person k of that group in cycle c gets
 * the ordinal c·n + k, which a bijection maps to a (day of year, sequence) pair. Distinct ordinals →
 * distinct numbers: uniqueness is guaranteed by construction, up to `capacity` households.
 */
import { birthDaysInYear, REFERENCE_YEAR } from './calendar.js';
import type { Ethnicity, Sex } from './names.js';
import { localAreaCode, migrantAreaCode } from './places.js';
import { coprimeMultiplier, hashString, hashWords, Rng, Weighted } from './random.js';
import type { Relation } from '@zczr/domain';

export const CATALOGUE_SIZE = 8192; // a power of two, so odd multipliers permute it

/** Sequence numbers used per sex: 1,3,…,997 for men and 2,4,…,998 for women (000 and 999 avoided). */
export const SEQUENCES_PER_SEX = 499;

export type HouseholdKind =
  | 'elderly_single'
  | 'adult_single'
  | 'elderly_couple'
  | 'couple'
  | 'nuclear'
  | 'single_parent'
  | 'three_generation_up'
  | 'three_generation_down'
  | 'skipped_generation'
  | 'relatives';

export interface SkeletonMember {
  relation: Relation;
  sex: Sex;
  birthYear: number;
  areaCode: string;
  ethnicity: Ethnicity;
  /** Index of the member whose family name this one carries (-1: own family name). */
  surnameFrom: number;
  /** For a child/grandchild/in-law: index of the related member in this household. */
  relatedTo: number;
  /** Rank among the catalogue's people with the same (area, sex, birth year): see slotKey. */
  rank: number;
  slotKey: string;
  /** The member's (area, sex, birth year) group, filled in when the catalogue is complete. */
  group: SlotGroup | null;
}

export interface Skeleton {
  kind: HouseholdKind;
  members: SkeletonMember[];
}

export interface SlotGroup {
  /** People per cycle in this (area, sex, birth year) group. */
  count: number;
  days: number;
  space: number;
  multiplier: number;
  offset: number;
}

export interface Catalogue {
  skeletons: Skeleton[];
  groups: Map<string, SlotGroup>;
  /** Households that can be generated before any (date, sequence) pair would repeat. */
  capacity: number;
  cycleWords: [number, number];
}

const KINDS = new Weighted<HouseholdKind>([
  ['elderly_single', 9],
  ['adult_single', 9],
  ['elderly_couple', 13],
  ['couple', 9],
  ['nuclear', 30],
  ['single_parent', 3],
  ['three_generation_up', 9],
  ['three_generation_down', 12],
  ['skipped_generation', 3],
  ['relatives', 3],
]);

const ETHNICITIES = new Weighted<Ethnicity>([
  ['汉族', 97],
  ['藏族', 1.0],
  ['彝族', 0.8],
  ['羌族', 0.7],
  ['回族', 0.5],
]);

const MIN_BIRTH_YEAR = REFERENCE_YEAR - 100;
const clampYear = (y: number): number => Math.min(REFERENCE_YEAR, Math.max(MIN_BIRTH_YEAR, y));

/** Draws skeletons; all relation rules are in whole years with one year of margin (see spec). */
class SkeletonBuilder {
  private readonly members: SkeletonMember[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly districtCode: string,
    private readonly ethnicity: Ethnicity,
    private readonly localFamily: boolean,
  ) {}

  add(relation: Relation, sex: Sex, birthYear: number, opts: { local: number; surnameFrom: number; relatedTo?: number; ethnicity?: Ethnicity }): number {
    const ethnicity = opts.ethnicity ?? this.ethnicity;
    const local = this.rng.chance(opts.local);
    const areaCode = local ? localAreaCode(this.districtCode, birthYear, this.rng) : migrantAreaCode(birthYear, ethnicity, this.rng);
    this.members.push({
      relation,
      sex,
      birthYear,
      areaCode,
      ethnicity,
      surnameFrom: opts.surnameFrom,
      relatedTo: opts.relatedTo ?? -1,
      rank: 0,
      slotKey: '',
      group: null,
    });
    return this.members.length - 1;
  }

  get(i: number): SkeletonMember {
    return this.members[i]!;
  }

  get size(): number {
    return this.members.length;
  }

  get localShare(): number {
    return this.localFamily ? 0.85 : 0.15;
  }

  spouseEthnicity(): Ethnicity {
    return this.ethnicity === '汉族' || this.rng.chance(0.4) ? '汉族' : this.ethnicity;
  }

  result(kind: HouseholdKind): Skeleton {
    return { kind, members: this.members };
  }
}

function opposite(sex: Sex): Sex {
  return sex === 'male' ? 'female' : 'male';
}

function randomSex(rng: Rng): Sex {
  return rng.chance(0.515) ? 'male' : 'female';
}

/** Year of birth for someone aged between minAge and maxAge, skewed towards `mode` (triangular). */
function yearForAge(rng: Rng, minAge: number, maxAge: number, mode = (minAge + maxAge) / 2): number {
  const u = rng.float();
  const c = (mode - minAge) / (maxAge - minAge || 1);
  const x = u < c ? Math.sqrt(u * c) : 1 - Math.sqrt((1 - u) * (1 - c));
  return clampYear(REFERENCE_YEAR - Math.round(minAge + x * (maxAge - minAge)));
}

/** Husband's year minus wife's year: usually 1–3 years older, within ±7. */
function spouseGap(rng: Rng): number {
  return Math.max(-7, Math.min(7, Math.round(rng.normal(2, 2.5))));
}

/**
 * Year of birth of a child of parents born in the given years: 19–39 years after each parent
 * (so any birthdays keep it within 18–40), and not after the reference year. null if impossible.
 */
function childYear(rng: Rng, parentYears: number[], minAge = 0, maxAge = 100): number | null {
  let lo = Math.max(...parentYears.map((y) => y + 19), REFERENCE_YEAR - maxAge);
  let hi = Math.min(...parentYears.map((y) => y + 39), REFERENCE_YEAR - minAge);
  if (lo > hi) return null;
  // Most births when the (younger) parent is 22–34.
  const preferLo = Math.max(lo, Math.max(...parentYears) + 22);
  const preferHi = Math.min(hi, Math.max(...parentYears) + 34);
  if (preferLo <= preferHi && rng.chance(0.8)) {
    lo = preferLo;
    hi = preferHi;
  }
  return rng.int(lo, hi);
}

function addChildren(
  b: SkeletonBuilder,
  rng: Rng,
  parents: number[],
  count: number,
  surnameFrom: number,
  opts: { minAge?: number; maxAge?: number } = {},
): number[] {
  const years = parents.map((p) => b.get(p).birthYear);
  const added: number[] = [];
  for (let i = 0; i < count; i++) {
    const y = childYear(rng, years, opts.minAge, opts.maxAge);
    if (y === null) break;
    added.push(b.add('child', randomSex(rng), y, { local: b.localShare + 0.1, surnameFrom, relatedTo: parents[0] }));
  }
  return added;
}

/** Index of the father among head (0) and spouse (1), for the children's family name. */
function fatherIndex(b: SkeletonBuilder, rng: Rng): number {
  if (b.size > 1 && b.get(1).relation === 'spouse' && b.get(0).sex === 'female') return rng.chance(0.85) ? 1 : 0;
  return 0;
}

function drawSkeleton(rng: Rng, districtCode: string): Skeleton {
  const kind = KINDS.sample(rng);
  const ethnicity = ETHNICITIES.sample(rng);
  const localFamily = rng.chance(0.62);
  const b = new SkeletonBuilder(rng, districtCode, ethnicity, localFamily);
  const local = b.localShare;
  const own = { local, surnameFrom: -1 };
  const spouseOpts = (): { local: number; surnameFrom: number; ethnicity: Ethnicity } => ({
    local: local * 0.8,
    surnameFrom: -1,
    ethnicity: b.spouseEthnicity(),
  });
  const addSpouse = (head: number): number => {
    const h = b.get(head);
    const gap = spouseGap(rng);
    const year = clampYear(h.sex === 'male' ? h.birthYear + gap : h.birthYear - gap);
    // Keep the spouse an adult.
    return b.add('spouse', opposite(h.sex), Math.min(year, REFERENCE_YEAR - 19), spouseOpts());
  };

  switch (kind) {
    case 'elderly_single':
      b.add('head', rng.chance(0.62) ? 'female' : 'male', yearForAge(rng, 60, 97, 74), own);
      break;
    case 'adult_single':
      b.add('head', rng.chance(0.6) ? 'male' : 'female', yearForAge(rng, 19, 59, 30), own);
      break;
    case 'elderly_couple': {
      const head = b.add('head', rng.chance(0.88) ? 'male' : 'female', yearForAge(rng, 60, 92, 68), own);
      addSpouse(head);
      break;
    }
    case 'couple': {
      const head = b.add('head', rng.chance(0.8) ? 'male' : 'female', yearForAge(rng, 21, 64, 50), own);
      addSpouse(head);
      break;
    }
    case 'nuclear': {
      const head = b.add('head', rng.chance(0.8) ? 'male' : 'female', yearForAge(rng, 25, 64, 43), own);
      addSpouse(head);
      const count = rng.chance(0.55) ? 1 : rng.chance(0.85) ? 2 : 3;
      addChildren(b, rng, [0, 1], count, fatherIndex(b, rng), { maxAge: 35 });
      break;
    }
    case 'single_parent': {
      b.add('head', rng.chance(0.7) ? 'female' : 'male', yearForAge(rng, 26, 58, 40), own);
      addChildren(b, rng, [0], rng.chance(0.7) ? 1 : 2, 0, { maxAge: 30 });
      break;
    }
    case 'three_generation_up': {
      const head = b.add('head', rng.chance(0.8) ? 'male' : 'female', yearForAge(rng, 28, 56, 38), own);
      addSpouse(head);
      const children = rng.chance(0.2) ? 0 : rng.chance(0.7) ? 1 : 2;
      addChildren(b, rng, [0, 1], children, fatherIndex(b, rng), { maxAge: 30 });
      const headYear = b.get(0).birthYear;
      const both = rng.chance(0.45) && b.size <= 4;
      const fatherYear = clampYear(headYear - rng.int(22, 36));
      const motherYear = clampYear(Math.min(headYear - 20, fatherYear + rng.int(0, 4)));
      if (both) {
        b.add('parent', 'male', fatherYear, { local: local + 0.05, surnameFrom: -1, relatedTo: 0 });
        b.add('parent', 'female', motherYear, { local: local + 0.05, surnameFrom: -1, relatedTo: 0 });
      } else if (rng.chance(0.3)) {
        b.add('parent', 'male', fatherYear, { local: local + 0.05, surnameFrom: -1, relatedTo: 0 });
      } else {
        b.add('parent', 'female', motherYear, { local: local + 0.05, surnameFrom: -1, relatedTo: 0 });
      }
      break;
    }
    case 'three_generation_down': {
      const head = b.add('head', rng.chance(0.78) ? 'male' : 'female', yearForAge(rng, 48, 85, 62), own);
      if (rng.chance(0.75)) addSpouse(head);
      const parents = b.size > 1 ? [0, 1] : [0];
      const [child] = addChildren(b, rng, parents, 1, fatherIndex(b, rng), { minAge: 22 });
      if (child === undefined) break;
      const c = b.get(child);
      let father = child;
      let mother = -1;
      if (rng.chance(0.7)) {
        const gap = spouseGap(rng);
        const year = clampYear(c.sex === 'male' ? c.birthYear + gap : c.birthYear - gap);
        const inLaw = b.add('child_in_law', opposite(c.sex), Math.min(year, REFERENCE_YEAR - 19), {
          local: local * 0.6,
          surnameFrom: -1,
          relatedTo: child,
          ethnicity: b.spouseEthnicity(),
        });
        if (c.sex === 'female') father = inLaw;
        mother = c.sex === 'female' ? child : inLaw;
      }
      const parentsOfGrandchildren = mother >= 0 ? [child, mother === child ? father : mother] : [child];
      const years = parentsOfGrandchildren.map((p) => b.get(p).birthYear);
      const count = rng.chance(0.65) ? 1 : 2;
      for (let i = 0; i < count && b.size < 6; i++) {
        const y = childYear(rng, years);
        if (y === null) break;
        const surnameFrom = b.get(father).sex === 'male' ? father : child;
        b.add('grandchild', randomSex(rng), y, { local: local + 0.1, surnameFrom, relatedTo: child });
      }
      break;
    }
    case 'skipped_generation': {
      // Grandparents raising grandchildren whose parents work elsewhere (留守儿童).
      const head = b.add('head', rng.chance(0.6) ? 'male' : 'female', yearForAge(rng, 52, 80, 62), own);
      if (rng.chance(0.6)) addSpouse(head);
      const years = (b.size > 1 ? [0, 1] : [0]).map((i) => b.get(i).birthYear);
      const count = rng.chance(0.6) ? 1 : 2;
      for (let i = 0; i < count; i++) {
        // 40–76 years younger than both grandparents, aged 2–17.
        const lo = Math.max(Math.max(...years) + 40, REFERENCE_YEAR - 17);
        const hi = Math.min(Math.min(...years) + 76, REFERENCE_YEAR - 2);
        if (lo > hi) break;
        b.add('grandchild', randomSex(rng), rng.int(lo, hi), { local: local + 0.1, surnameFrom: rng.chance(0.75) ? 0 : -1, relatedTo: 0 });
      }
      break;
    }
    case 'relatives': {
      const head = b.add('head', randomSex(rng), yearForAge(rng, 22, 75, 45), own);
      const headYear = b.get(head).birthYear;
      const siblings = rng.chance(0.7) ? 1 : 2;
      for (let i = 0; i < siblings; i++) {
        const y = clampYear(Math.min(REFERENCE_YEAR - 16, headYear + rng.int(-12, 12)));
        b.add('sibling', randomSex(rng), y, { local: local + 0.05, surnameFrom: 0, relatedTo: 0 });
      }
      if (rng.chance(0.25)) b.add('other', randomSex(rng), yearForAge(rng, 20, 80), { local: 0.3, surnameFrom: -1, relatedTo: 0 });
      break;
    }
  }
  return b.result(kind);
}

function slotKeyOf(m: SkeletonMember): string {
  return `${m.areaCode}${m.sex === 'male' ? 'm' : 'f'}${m.birthYear}`;
}

export function buildCatalogue(seed: number, districtCode: string): Catalogue {
  const seedLo = seed >>> 0;
  const seedHi = Math.floor(seed / 4294967296) >>> 0;
  const rng = Rng.derive(seedLo, seedHi, hashString(districtCode), 0xca7a);
  const skeletons: Skeleton[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < CATALOGUE_SIZE; i++) {
    const s = drawSkeleton(rng, districtCode);
    for (const m of s.members) {
      m.slotKey = slotKeyOf(m);
      const n = counts.get(m.slotKey) ?? 0;
      m.rank = n;
      counts.set(m.slotKey, n + 1);
    }
    skeletons.push(s);
  }
  const groups = new Map<string, SlotGroup>();
  let cycles = Number.MAX_SAFE_INTEGER;
  for (const [key, count] of counts) {
    const year = Number(key.slice(-4));
    const days = birthDaysInYear(year);
    const space = days * SEQUENCES_PER_SEX;
    const h = hashWords(seedLo, seedHi, hashString(key));
    // Multiplier well away from 0 and 1 so consecutive ordinals land far apart in (day, sequence).
    const multiplier = coprimeMultiplier(space, h, Math.floor(space / 7), Math.floor((space * 6) / 7));
    groups.set(key, { count, days, space, multiplier, offset: hashWords(h, 1) % space });
    cycles = Math.min(cycles, Math.floor(space / count));
  }
  for (const s of skeletons) for (const m of s.members) m.group = groups.get(m.slotKey)!;
  return { skeletons, groups, capacity: cycles * CATALOGUE_SIZE, cycleWords: [seedLo, seedHi] };
}

export interface CycleSlot {
  skeleton: Skeleton;
  cycle: number;
}

/** Which skeleton household `index` uses, and in which cycle. */
export function skeletonFor(catalogue: Catalogue, index: number): CycleSlot {
  const cycle = Math.floor(index / CATALOGUE_SIZE);
  const position = index % CATALOGUE_SIZE;
  const h = hashWords(catalogue.cycleWords[0], catalogue.cycleWords[1], cycle, 0x5e1ec7);
  const multiplier = (h | 1) >>> 0;
  const offset = hashWords(h, 2) % CATALOGUE_SIZE;
  // (odd × position + offset) mod 2^k permutes 0..2^k−1. Math.imul keeps it exact in 32 bits.
  const t = (Math.imul(multiplier, position) + offset) & (CATALOGUE_SIZE - 1);
  return { skeleton: catalogue.skeletons[t]!, cycle };
}

/** Birth day-of-year and sequence number of a member of a household in the given cycle. */
export function birthSlot(m: SkeletonMember, cycle: number): { dayOfYear: number; sequence: number } {
  const g = m.group!;
  const ordinal = cycle * g.count + m.rank; // < space while index < capacity
  const slot = (ordinal * g.multiplier + g.offset) % g.space; // exact: < 2^53
  const seqIndex = Math.floor(slot / g.days);
  return { dayOfYear: slot % g.days, sequence: m.sex === 'male' ? 2 * seqIndex + 1 : 2 * seqIndex + 2 };
}
