/**
 * The synthetic-household generator. Household i is a pure function of (seed, district, i): each
 * household draws from its own random stream, and everything shared (skeleton catalogue, community
 * layout) is itself derived from the seed. So shards can be generated in parallel, in any order.
 */
import type {
  AssetItem,
  CurrentBenefit,
  Disability,
  DisabilityCategory,
  DisabilityGrade,
  Education,
  Employment,
  HardshipEvent,
  HardshipType,
  Health,
  HouseholdInput,
  IncomeItem,
  IncomeType,
  LabourCapacity,
  MemberInput,
  RigidExpense,
  SelfCareCheck,
  SupporterCondition,
  SupporterInput,
} from '@zczr/domain';
import { makeIdNumber } from '@zczr/id-card';
import { ageOnReference, dateBetween, dateFromDayOfYear, daysBeforeReference } from './calendar.js';
import { personName, randomSurname, type Sex } from './names.js';
import { buildDistrictLayout, householdAddress, placeHousehold, type CommunityPlace, type DistrictLayout } from './places.js';
import { birthSlot, buildCatalogue, skeletonFor, type Catalogue, type HouseholdKind, type SkeletonMember } from './population.js';
import { Rng, splitSafeInteger, Weighted } from './random.js';

export const DEFAULT_DISTRICT_CODE = '510115';

/** The 低保-like line the income spread is built around (yuan/person/month; Chengdu 2022, demo only). */
export const DEMO_DIBAO_STANDARD = 870;

export type DemoHousehold = HouseholdInput & {
  streetCode: string;
  /** Index of the household's grid within its community, 0-based (grids hold 150–300 households). */
  gridIndex: number;
};

export interface GenerateHouseholdsOptions {
  seed: number;
  count: number;
  /** County-level code; default 510115 (成都市温江区). */
  districtCode?: string;
  /** Global index of the first household; default 0. */
  startIndex?: number;
}

/** Which income circle a household was built to fall in (per-capita counted income vs the line). */
export type IncomeBand = 'below' | 'margin' | 'above';

/** What the generator intended for each member: used by the tests, not part of the public API. */
export interface PersonTrace {
  sex: Sex;
  birthDate: string;
  age: number;
  relatedTo: number;
}
export interface HouseholdTrace {
  kind: HouseholdKind;
  band: IncomeBand;
  people: PersonTrace[];
}

interface Context {
  seedWords: [number, number];
  catalogue: Catalogue;
  layout: DistrictLayout;
}

const contexts = new Map<string, Context>();

function contextFor(seed: number, districtCode: string): Context {
  const key = `${seed}|${districtCode}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    const seedWords = splitSafeInteger(seed, 'seed');
    ctx = { seedWords, catalogue: buildCatalogue(seed, districtCode), layout: buildDistrictLayout(districtCode, seed) };
    if (contexts.size >= 8) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, ctx);
  }
  return ctx;
}

/**
 * How many households (indices 0…capacity−1) can be generated for a seed with every ID number
 * unique. Several million for any seed; see population.ts for why there is a bound at all.
 */
export function householdCapacity(seed: number, districtCode = DEFAULT_DISTRICT_CODE): number {
  return contextFor(seed, districtCode).catalogue.capacity;
}

/**
 * Lazily yields households startIndex … startIndex+count−1. Household i is identical for the same
 * (seed, districtCode, i) whatever count and startIndex are, so a large population can be cut into
 * shards generated in parallel.
 */
export function* generateHouseholds(opts: GenerateHouseholdsOptions): Generator<DemoHousehold, void, undefined> {
  const districtCode = opts.districtCode ?? DEFAULT_DISTRICT_CODE;
  const start = opts.startIndex ?? 0;
  splitSafeInteger(opts.count, 'count');
  splitSafeInteger(start, 'startIndex');
  const ctx = contextFor(opts.seed, districtCode);
  const end = start + opts.count;
  if (end > ctx.catalogue.capacity) {
    throw new RangeError(
      `generateHouseholds: indices up to ${end - 1} requested, but seed ${opts.seed} supports ${ctx.catalogue.capacity} households with unique ID numbers`,
    );
  }
  for (let i = start; i < end; i++) yield buildHousehold(ctx, i);
}

/**
 * The body for POST /households: the generator's extra placement fields removed (the API refuses
 * unknown fields; it assigns the grid itself, e.g. from gridIndex).
 */
export function toHouseholdInput(household: DemoHousehold): HouseholdInput {
  const { address, communityCode, members, incomes, assets, expenses, hardships, benefits, supporters } = household;
  const input: HouseholdInput = { address, communityCode, members, incomes, assets, expenses, hardships, benefits };
  if (supporters !== undefined) input.supporters = supporters;
  if (household.gridId !== undefined) input.gridId = household.gridId;
  return input;
}

/** Household `index` on its own (random access). */
export function generateHousehold(seed: number, index: number, districtCode = DEFAULT_DISTRICT_CODE): DemoHousehold {
  return generateTracedHousehold(seed, index, districtCode).household;
}

/** @internal Household plus what the generator intended (sexes, dates, band), for tests. */
export function generateTracedHousehold(
  seed: number,
  index: number,
  districtCode = DEFAULT_DISTRICT_CODE,
): { household: DemoHousehold; trace: HouseholdTrace } {
  splitSafeInteger(index, 'index');
  const ctx = contextFor(seed, districtCode);
  if (index >= ctx.catalogue.capacity) throw new RangeError(`index ${index} is beyond the capacity ${ctx.catalogue.capacity} of seed ${seed}`);
  const trace: HouseholdTrace = { kind: 'adult_single', band: 'above', people: [] };
  return { household: buildHousehold(ctx, index, trace), trace };
}

// ---------------------------------------------------------------------------------------------
// Tables

/** How much likelier than average a household of this kind is to be poor (before calibration). */
const POVERTY_FACTOR: Record<HouseholdKind, number> = {
  elderly_single: 2.6,
  adult_single: 1.0,
  elderly_couple: 1.3,
  couple: 0.5,
  nuclear: 0.7,
  single_parent: 2.4,
  three_generation_up: 0.75,
  three_generation_down: 0.8,
  skipped_generation: 2.4,
  relatives: 1.2,
};
const BELOW_BASE = 0.064;
const MARGIN_BASE = 0.079;

const CHRONIC_DIAGNOSES = ['高血压', '2型糖尿病', '慢性阻塞性肺疾病', '冠心病', '类风湿关节炎', '慢性肾病', '脑梗死后遗症', '慢性乙型肝炎', '哮喘', '帕金森病'];
const SERIOUS_DIAGNOSES = [
  '尿毒症（血液透析）',
  '肺癌',
  '肝癌',
  '乳腺癌',
  '胃癌',
  '白血病',
  '脑出血',
  '重症肌无力',
  '再生障碍性贫血',
  '结肠癌',
  '系统性红斑狼疮',
  '精神分裂症',
];

const DISABILITY_CATEGORY = new Weighted<DisabilityCategory>([
  [4, 45],
  [1, 12],
  [2, 14],
  [3, 2],
  [5, 8],
  [6, 9],
  [7, 10],
]);
const DISABILITY_GRADE = new Weighted<DisabilityGrade>([
  [1, 12],
  [2, 20],
  [3, 30],
  [4, 38],
]);
const SELF_CARE_ORDER: ReadonlyArray<keyof SelfCareCheck> = ['bathing', 'walkingIndoors', 'dressing', 'gettingUp', 'toileting', 'eating'];

const ADULT_EDUCATION: ReadonlyArray<readonly [number, Weighted<Education>]> = [
  [
    1950,
    new Weighted<Education>([
      ['none', 25],
      ['primary', 40],
      ['junior', 24],
      ['senior', 8],
      ['vocational', 1],
      ['college', 1.5],
      ['bachelor', 0.5],
    ]),
  ],
  [
    1970,
    new Weighted<Education>([
      ['none', 7],
      ['primary', 27],
      ['junior', 40],
      ['senior', 17],
      ['vocational', 4],
      ['college', 3.5],
      ['bachelor', 1.5],
    ]),
  ],
  [
    1985,
    new Weighted<Education>([
      ['primary', 9],
      ['junior', 38],
      ['senior', 20],
      ['vocational', 11],
      ['college', 12],
      ['bachelor', 9],
      ['postgraduate', 1],
    ]),
  ],
  [
    2000,
    new Weighted<Education>([
      ['primary', 3],
      ['junior', 21],
      ['senior', 16],
      ['vocational', 16],
      ['college', 21],
      ['bachelor', 20],
      ['postgraduate', 3],
    ]),
  ],
  [
    9999,
    new Weighted<Education>([
      ['junior', 9],
      ['senior', 14],
      ['vocational', 21],
      ['college', 26],
      ['bachelor', 26],
      ['postgraduate', 4],
    ]),
  ],
];

type WorkTable = Weighted<Employment>;
const WORK: Record<IncomeBand, { urban: WorkTable; rural: WorkTable }> = {
  above: {
    urban: new Weighted<Employment>([
      ['employed', 62],
      ['self_employed', 10],
      ['flexible', 18],
      ['unemployed', 3],
      ['farming', 1],
    ]),
    rural: new Weighted<Employment>([
      ['employed', 40],
      ['self_employed', 9],
      ['flexible', 22],
      ['farming', 25],
      ['unemployed', 3],
    ]),
  },
  margin: {
    urban: new Weighted<Employment>([
      ['employed', 38],
      ['self_employed', 5],
      ['flexible', 35],
      ['unemployed', 16],
      ['farming', 2],
    ]),
    rural: new Weighted<Employment>([
      ['employed', 22],
      ['self_employed', 4],
      ['flexible', 30],
      ['farming', 32],
      ['unemployed', 12],
    ]),
  },
  below: {
    urban: new Weighted<Employment>([
      ['employed', 16],
      ['flexible', 38],
      ['unemployed', 38],
      ['unable', 6],
      ['self_employed', 2],
    ]),
    rural: new Weighted<Employment>([
      ['employed', 10],
      ['flexible', 28],
      ['farming', 32],
      ['unemployed', 24],
      ['unable', 6],
    ]),
  },
};

const HARDSHIP = new Weighted<HardshipType>([
  ['serious_illness', 30],
  ['accident', 18],
  ['job_loss', 20],
  ['fire', 8],
  ['earner_death', 7],
  ['disaster', 6],
  ['other', 11],
]);
const HARDSHIP_NOTES: Record<HardshipType, string[]> = {
  fire: ['住房失火，家具家电烧毁', '厨房起火，房屋部分损毁'],
  accident: ['交通事故受伤住院', '务工时摔伤', '意外骨折住院治疗'],
  serious_illness: ['突发重病住院治疗', '确诊恶性肿瘤，需长期治疗'],
  earner_death: ['家庭主要劳动力因病去世', '家庭主要劳动力意外身故'],
  disaster: ['暴雨导致房屋受损', '山洪冲毁农作物和圈舍'],
  job_loss: ['所在企业裁员，失去工作', '个体经营关停，收入中断'],
  other: ['家庭成员走失寻找产生大额开支', '遭遇诈骗损失积蓄'],
};

const BANK_PREFIXES = ['621700', '622202', '622848', '621661', '621483', '622588', '623668', '621799', '622908', '621226'];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

// ---------------------------------------------------------------------------------------------

interface Person {
  skeleton: SkeletonMember;
  name: string;
  idNumber: string;
  birthDate: string;
  age: number;
  health: Health;
  disability: Disability | null;
  labourCapacity: LabourCapacity;
  employment: Employment;
  education: Education;
  selfCare: SelfCareCheck;
  coResident: boolean;
  phone?: string;
}

const round10 = (x: number): number => Math.round(x / 10) * 10;
const round100 = (x: number): number => Math.round(x / 100) * 100;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function chooseBand(rng: Rng, kind: HouseholdKind, rural: boolean): IncomeBand {
  const factor = POVERTY_FACTOR[kind];
  const below = BELOW_BASE * factor * (rural ? 1.35 : 0.93);
  const margin = MARGIN_BASE * Math.sqrt(factor) * (rural ? 1.2 : 0.96);
  const u = rng.float();
  if (u < below) return 'below';
  if (u < below + margin) return 'margin';
  return 'above';
}

function buildHousehold(ctx: Context, index: number, trace?: HouseholdTrace): DemoHousehold {
  const rng = Rng.derive(ctx.seedWords[0], ctx.seedWords[1], index >>> 0, Math.floor(index / 4294967296) + 0x600d);
  const { community, gridIndex } = placeHousehold(ctx.layout, index);
  const { skeleton, cycle } = skeletonFor(ctx.catalogue, index);
  const band = chooseBand(rng, skeleton.kind, community.rural);

  const people = skeleton.members.map((m) => makePerson(rng, m, cycle, band, community));
  nameFamily(rng, people);

  const hardships = drawHardships(rng, people, band);
  const incomes = drawIncomes(rng, people, band, community, skeleton.kind);
  const benefits = drawBenefits(rng, people, band, skeleton.kind, incomes);
  const assets = drawAssets(rng, people, band, community);
  const expenses = drawExpenses(rng, people);
  const supporters = deriveSupporters(people, incomes, benefits);

  if (trace) {
    trace.kind = skeleton.kind;
    trace.band = band;
    trace.people = people.map((p) => ({ sex: p.skeleton.sex, birthDate: p.birthDate, age: p.age, relatedTo: p.skeleton.relatedTo }));
  }

  return {
    address: householdAddress(ctx.layout, community, rng),
    communityCode: community.code,
    streetCode: community.streetCode,
    gridIndex,
    members: people.map(toMemberInput),
    incomes,
    assets,
    expenses,
    hardships,
    benefits,
    supporters,
  };
}

/**
 * The head's legal supporters, derived from what was generated (no random draw, so the rest of the
 * household is unchanged): the spouse and adult children. Living in: own income from their items, their
 * circumstances from their member facts. Living elsewhere: their income follows from the support they
 * send (what a 30% share above a 1,740-yuan line would give, demo only), or is unknown if they send none.
 */
function deriveSupporters(people: Person[], incomes: IncomeItem[], benefits: CurrentBenefit[]): SupporterInput[] {
  const codes = benefits.map((b) => b.policyCode);
  const away = people.filter((p) => !p.coResident && p.age >= 18 && (p.skeleton.relation === 'child' || p.skeleton.relation === 'spouse'));
  const sent = incomes.filter((i) => i.type === 'support_payment').reduce((n, i) => n + i.monthlyAmount, 0);
  const out: SupporterInput[] = [];
  people.forEach((p, i) => {
    if (p.skeleton.relation !== 'spouse' && !(p.skeleton.relation === 'child' && p.age >= 18)) return;
    const relation = p.skeleton.relation === 'spouse' ? 'spouse' : 'child';
    if (p.coResident) {
      const own = incomes.filter((x) => x.memberIndex === i && x.type !== 'support_payment').reduce((n, x) => n + x.monthlyAmount, 0);
      const conditions: SupporterCondition[] = [];
      if (codes.some((c) => c.startsWith('tekun'))) conditions.push('tekun');
      else if (codes.includes('dibao')) conditions.push('dibao');
      const d = p.disability;
      if (d && (d.grade <= 2 || ((d.category === 5 || d.category === 6) && d.grade === 3))) conditions.push('severe_disability');
      if (p.labourCapacity === 'none') conditions.push('no_labour_capacity');
      out.push({ name: p.name, relation, birthDate: p.birthDate, coResident: true, monthlyIncome: own, conditions });
    } else {
      const income = sent > 0 && away.length > 0 ? round10(1740 + sent / away.length / 0.3) : null;
      out.push({ name: p.name, relation, birthDate: p.birthDate, coResident: false, monthlyIncome: income, conditions: [] });
    }
  });
  return out;
}

function toMemberInput(p: Person): MemberInput {
  const m: MemberInput = {
    relation: p.skeleton.relation,
    name: p.name,
    idNumber: p.idNumber,
    ethnicity: p.skeleton.ethnicity,
    education: p.education,
    employment: p.employment,
    labourCapacity: p.labourCapacity,
    health: p.health,
    disability: p.disability,
    selfCare: p.selfCare,
    coResident: p.coResident,
  };
  if (p.phone !== undefined) m.phone = p.phone;
  return m;
}

function makePerson(rng: Rng, m: SkeletonMember, cycle: number, band: IncomeBand, community: CommunityPlace): Person {
  const slot = birthSlot(m, cycle);
  const birthDate = dateFromDayOfYear(m.birthYear, slot.dayOfYear);
  const age = ageOnReference(birthDate);
  const idNumber = makeIdNumber(m.areaCode, birthDate, slot.sequence);

  // Health and disability: rise with age, and are what pushes many households under the line.
  const poorer = band === 'below' ? 2.2 : band === 'margin' ? 1.4 : 0.88;
  const chronicP = age < 18 ? 0.02 : age < 45 ? 0.06 : age < 60 ? 0.17 : age < 75 ? 0.32 : 0.45;
  const seriousP = (age < 18 ? 0.006 : age < 45 ? 0.019 : age < 60 ? 0.05 : 0.083) * poorer;
  const disabledP = (age < 18 ? 0.02 : age < 45 ? 0.044 : age < 60 ? 0.07 : age < 75 ? 0.1 : 0.15) * poorer;
  const seriousIllness = rng.chance(seriousP);
  const chronicIllness = rng.chance(chronicP * (poorer > 1 ? 1.2 : 1));
  const health: Health = { chronicIllness, seriousIllness };
  if (seriousIllness) health.diagnosis = rng.pick(SERIOUS_DIAGNOSES);
  else if (chronicIllness) health.diagnosis = rng.pick(CHRONIC_DIAGNOSES);

  let disability: Disability | null = null;
  if (rng.chance(disabledP)) {
    const category = age < 18 && rng.chance(0.45) ? (rng.chance(0.6) ? 5 : 7) : DISABILITY_CATEGORY.sample(rng);
    const grade = DISABILITY_GRADE.sample(rng);
    disability = { category, grade };
    if (rng.chance(0.92)) disability.certificateNumber = `${idNumber}${category}${grade}`;
  }
  const severe = disability !== null && disability.grade <= 2;

  // Self-care check (docs/DOMAIN.md §3): most people fail nothing; frailty, severe disability, illness.
  let failP = age >= 90 ? 0.45 : age >= 80 ? 0.22 : age >= 70 ? 0.07 : 0.005;
  if (disability?.grade === 1) failP = Math.max(failP, 0.7);
  else if (disability?.grade === 2) failP = Math.max(failP, 0.4);
  if (seriousIllness) failP = Math.max(failP, 0.3);
  const selfCare: SelfCareCheck = { eating: false, dressing: false, gettingUp: false, toileting: false, walkingIndoors: false, bathing: false };
  let failed = 0;
  if (age >= 3 && rng.chance(failP)) {
    failed = rng.chance(0.68) ? rng.int(1, 3) : rng.int(4, 6);
    for (let k = 0; k < failed; k++) selfCare[SELF_CARE_ORDER[k]!] = true;
  }

  let labourCapacity: LabourCapacity;
  if (age < 16 || seriousIllness || severe || failed >= 4) labourCapacity = 'none';
  else if (age >= 70) labourCapacity = rng.chance(0.7) ? 'none' : 'partial';
  else if (age >= 60) labourCapacity = rng.chance(0.25) ? 'none' : rng.chance(0.67) ? 'partial' : 'full';
  else if (disability !== null || chronicIllness || failed > 0) labourCapacity = rng.chance(0.6) ? 'partial' : 'full';
  else labourCapacity = 'full';

  const education = educationFor(rng, age, m.birthYear, disability);
  const employment = employmentFor(rng, age, m.sex, labourCapacity, education, band, community.rural);

  const relation = m.relation;
  const coResident = relation === 'head' ? true : relation === 'child' && age >= 18 ? rng.chance(0.86) : rng.chance(0.97);

  const person: Person = {
    skeleton: m,
    name: '',
    idNumber,
    birthDate,
    age,
    health,
    disability,
    labourCapacity,
    employment,
    education,
    selfCare,
    coResident,
  };
  if (age >= 18 && rng.chance(age < 75 ? 0.96 : 0.7)) person.phone = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
  return person;
}

function educationFor(rng: Rng, age: number, birthYear: number, disability: Disability | null): Education {
  if (disability !== null && disability.category === 5 && disability.grade <= 2) return age >= 7 && rng.chance(0.4) ? 'primary' : 'none';
  if (age < 6) return 'none';
  if (age < 12) return 'primary';
  if (age < 15) return 'junior';
  if (age < 18) return rng.chance(0.6) ? 'senior' : rng.chance(0.8) ? 'vocational' : 'junior';
  for (const [until, table] of ADULT_EDUCATION) if (birthYear < until) return table.sample(rng);
  return 'senior';
}

function employmentFor(rng: Rng, age: number, sex: Sex, capacity: LabourCapacity, education: Education, band: IncomeBand, rural: boolean): Employment {
  if (age < 6) return 'preschool';
  if (age < 16) return capacity === 'none' && education === 'none' ? 'unable' : 'student';
  if (age < 18) return rng.chance(0.9) ? 'student' : 'flexible';
  if (age >= 60) {
    if (capacity === 'none' && rng.chance(0.25)) return 'unable';
    if (rural && age < 75 && capacity !== 'none' && rng.chance(0.45)) return 'farming';
    return 'retired';
  }
  if (capacity === 'none') return rng.chance(0.75) ? 'unable' : 'unemployed';
  if (age < 23 && (education === 'college' || education === 'bachelor' || education === 'postgraduate') && rng.chance(0.7)) return 'student';
  if (age >= 50 && sex === 'female' && !rural && rng.chance(0.35)) return 'retired';
  const table = WORK[band][rural ? 'rural' : 'urban'];
  const work = table.sample(rng);
  return capacity === 'partial' && work === 'employed' && rng.chance(0.4) ? 'flexible' : work;
}

function nameFamily(rng: Rng, people: Person[]): void {
  const surnames: string[] = [];
  for (const p of people) {
    const from = p.skeleton.surnameFrom;
    const surname = from >= 0 && from < surnames.length ? surnames[from]! : randomSurname(rng, p.skeleton.ethnicity);
    surnames.push(surname);
    p.name = personName(rng, p.skeleton.sex, p.skeleton.birthYear, p.skeleton.ethnicity, surname);
  }
}

// ---------------------------------------------------------------------------------------------
// Hardship, income, benefits, assets, expenses

function drawHardships(rng: Rng, people: Person[], band: IncomeBand): HardshipEvent[] {
  const p = band === 'below' ? 0.08 : band === 'margin' ? 0.05 : 0.024;
  if (!rng.chance(p)) return [];
  const type = HARDSHIP.sample(rng);
  const event: HardshipEvent = { type, occurredOn: daysBeforeReference(rng.int(3, 360)), note: rng.pick(HARDSHIP_NOTES[type]) };
  const adults = people.filter((x) => x.age >= 18 && x.coResident);
  switch (type) {
    case 'serious_illness': {
      const who = rng.pick(adults.length > 0 ? adults : people);
      who.health = { chronicIllness: who.health.chronicIllness, seriousIllness: true, diagnosis: rng.pick(SERIOUS_DIAGNOSES) };
      who.labourCapacity = 'none';
      if (who.age >= 16 && who.age < 60) who.employment = 'unable';
      event.loss = round100(clamp(rng.logNormal(60_000, 0.6), 20_000, 300_000));
      break;
    }
    case 'job_loss': {
      const workers = people.filter((x) => x.employment === 'employed' || x.employment === 'self_employed' || x.employment === 'flexible');
      if (workers.length > 0) rng.pick(workers).employment = 'unemployed';
      break;
    }
    case 'earner_death':
      event.loss = round100(rng.range(20_000, 60_000));
      break;
    case 'fire':
      event.loss = round100(clamp(rng.logNormal(30_000, 0.8), 5_000, 200_000));
      break;
    case 'accident':
    case 'disaster':
    case 'other':
      event.loss = round100(clamp(rng.logNormal(15_000, 0.8), 2_000, 100_000));
      break;
  }
  return [event];
}

/** Target counted income per co-resident member, per month. */
function targetPerCapita(rng: Rng, band: IncomeBand, rural: boolean, kind: HouseholdKind): number {
  const line = DEMO_DIBAO_STANDARD;
  switch (band) {
    case 'below':
      // Some have no source of living at all (the 特困 profile), most some small income.
      if ((kind === 'elderly_single' || kind === 'adult_single') && rng.chance(0.35)) return rng.int(0, 250);
      return rng.int(150, line - 15);
    case 'margin':
      return rng.int(line + 15, 2 * line - 15);
    case 'above': {
      const x = rng.logNormal(rural ? 2_300 : 3_200, 0.55);
      return x >= 2 * line + 15 ? x : 2 * line + 15 + rng.range(0, 900);
    }
  }
}

interface IncomeSource {
  type: IncomeType;
  memberIndex: number;
  weight: number;
  note?: string;
}

function drawIncomes(rng: Rng, people: Person[], band: IncomeBand, community: CommunityPlace, kind: HouseholdKind): IncomeItem[] {
  const residents = people.filter((p) => p.coResident).length;
  const perCapita = targetPerCapita(rng, band, community.rural, kind);
  const total = round10(perCapita * residents);

  const sources: IncomeSource[] = [];
  people.forEach((p, i) => {
    if (!p.coResident) return;
    const skill =
      p.education === 'bachelor' || p.education === 'postgraduate'
        ? 1.5
        : p.education === 'college'
          ? 1.2
          : p.education === 'none' || p.education === 'primary'
            ? 0.75
            : 1;
    switch (p.employment) {
      case 'employed':
        sources.push({ type: 'wage', memberIndex: i, weight: skill });
        break;
      case 'self_employed':
        sources.push({ type: 'business', memberIndex: i, weight: 1.2 * skill, note: '个体经营' });
        break;
      case 'flexible':
        sources.push({ type: 'wage', memberIndex: i, weight: 0.55, note: '灵活就业' });
        break;
      case 'farming':
        sources.push({ type: 'farming', memberIndex: i, weight: 0.35, note: community.rural ? '种植、养殖收入' : '承包地流转及种植收入' });
        break;
      case 'retired':
        sources.push({ type: 'pension', memberIndex: i, weight: community.rural ? 0.25 : 0.8 });
        break;
      case 'unemployed':
      case 'student':
      case 'preschool':
      case 'unable':
        break;
    }
  });
  const supportedBy = people.some((p) => !p.coResident && p.age >= 18);
  if (sources.length === 0 || (supportedBy && rng.chance(0.5))) {
    sources.push({
      type: 'support_payment',
      memberIndex: 0,
      weight: sources.length === 0 ? 1 : 0.3,
      note: supportedBy ? '在外务工子女给付' : '亲属给付赡养/抚养费',
    });
  }
  if (band === 'above' && rng.chance(0.1)) sources.push({ type: 'property', memberIndex: 0, weight: 0.3, note: '房屋出租收入' });
  if (band !== 'above' && rng.chance(0.1)) sources.push({ type: 'other_transfer', memberIndex: 0, weight: 0.15, note: '亲友资助' });

  const incomes: IncomeItem[] = [];
  if (total > 0) {
    const weights = sources.map((s) => s.weight * Math.exp(0.25 * rng.normal()));
    const sum = weights.reduce((a, b) => a + b, 0);
    let assigned = 0;
    let largest = 0;
    const amounts = weights.map((w, k) => {
      const amount = Math.floor((total * w) / sum / 10) * 10;
      assigned += amount;
      if (w > weights[largest]!) largest = k;
      return amount;
    });
    amounts[largest] = amounts[largest]! + (total - assigned);
    sources.forEach((s, k) => {
      const amount = amounts[k]!;
      if (amount <= 0) return;
      const item: IncomeItem = { type: s.type, monthlyAmount: amount, memberIndex: s.memberIndex };
      if (s.note !== undefined) item.note = s.note;
      // Small pensions are the residents' scheme; employees' pensions in Chengdu start around 1,500.
      else if (s.type === 'pension') item.note = amount < 1_500 ? '城乡居民基本养老金' : '企业职工基本养老金';
      if (s.type === 'wage' && rng.chance(0.3)) {
        const recent = rng.chance(0.3);
        item.jobStartedOn = recent ? daysBeforeReference(rng.int(10, 360)) : daysBeforeReference(rng.int(366, 365 * 15));
      }
      incomes.push(item);
    });
  }

  // Payments that are not counted as income (docs/DOMAIN.md §3).
  people.forEach((p, i) => {
    if (p.employment === 'student' && p.age >= 15 && rng.chance(band === 'above' ? 0.04 : 0.35)) {
      incomes.push({ type: 'scholarship', monthlyAmount: round10(rng.range(100, 500)), memberIndex: i, note: p.age >= 18 ? '国家助学金' : '学校助学金' });
    }
    if (p.age >= 60 && rng.chance(community.rural ? 0.18 : 0.05)) {
      incomes.push({ type: 'family_planning_award', monthlyAmount: round10(rng.range(80, 150)), memberIndex: i, note: '计划生育家庭奖励扶助金' });
    }
    if (p.age >= 65 && p.skeleton.sex === 'male' && rng.chance(0.006)) {
      incomes.push({ type: 'veteran_special_care', monthlyAmount: round10(rng.range(800, 2_500)), memberIndex: i, note: '在乡退役军人定期抚恤补助' });
    }
  });
  if (rng.chance(0.0003))
    incomes.push({ type: 'bravery_award', monthlyAmount: round10(rng.range(300, 1_000)), memberIndex: 0, note: '见义勇为奖励（按月折算）' });
  return incomes;
}

function countedPerCapita(people: Person[], incomes: IncomeItem[]): number {
  const residents = people.filter((p) => p.coResident).length;
  let sum = 0;
  for (const i of incomes) {
    if (
      i.type !== 'scholarship' &&
      i.type !== 'family_planning_award' &&
      i.type !== 'veteran_special_care' &&
      i.type !== 'bravery_award' &&
      i.type !== 'government_assistance'
    )
      sum += i.monthlyAmount;
  }
  return sum / residents;
}

function drawBenefits(rng: Rng, people: Person[], band: IncomeBand, kind: HouseholdKind, incomes: IncomeItem[]): CurrentBenefit[] {
  const benefits: CurrentBenefit[] = [];
  const pc = countedPerCapita(people, incomes);
  const residents = people.filter((p) => p.coResident).length;
  const head = people[0]!;
  const since = (from: string): string => dateBetween(from, '2026-09-30', rng.float());
  const paid = (policyCode: string, amount: number, note: string, from: string): void => {
    benefits.push({ policyCode, since: since(from), monthlyAmount: amount });
    if (rng.chance(0.7)) incomes.push({ type: 'government_assistance', monthlyAmount: amount, memberIndex: 0, note });
  };

  const tekunProfile =
    band === 'below' &&
    pc <= 300 &&
    people.length === 1 &&
    (head.age >= 60 || (head.disability !== null && head.disability.grade <= 2) || head.health.seriousIllness);
  let onAssistance = false;
  if (tekunProfile && rng.chance(0.8)) {
    head.labourCapacity = 'none';
    if (head.age < 60) head.employment = 'unable';
    const failed = Object.values(head.selfCare).filter(Boolean).length;
    const care = failed >= 4 ? 700 : failed > 0 ? 300 : 0;
    paid('tekun', round10(1.3 * DEMO_DIBAO_STANDARD) + care, '特困人员救助供养金', '2012-01-01');
    onAssistance = true;
  } else {
    const p = band === 'below' ? (kind === 'elderly_single' ? 0.6 : 0.55) : band === 'margin' ? 0.04 : 0.002;
    if (rng.chance(p)) {
      const amount = band === 'below' ? Math.max(100, round10((DEMO_DIBAO_STANDARD - pc) * residents)) : round10(rng.range(100, 400));
      paid('dibao', amount, '最低生活保障金', '2013-01-01');
      onAssistance = true;
    }
  }

  const disabled = people.filter((p) => p.disability !== null);
  if (disabled.length > 0 && (onAssistance || (band === 'margin' && rng.chance(0.3))) && rng.chance(0.8)) {
    paid('disability_living_subsidy', 100 * disabled.length, '困难残疾人生活补贴', '2016-01-01');
  }
  const severe = people.filter(
    (p) => p.disability !== null && (p.disability.grade <= 2 || (p.disability.grade === 3 && (p.disability.category === 5 || p.disability.category === 6))),
  );
  if (severe.length > 0 && rng.chance(0.85)) {
    const amount = severe.reduce((sum, p) => sum + (p.disability!.grade === 1 ? 120 : 90), 0);
    paid('severe_disability_care_subsidy', amount, '重度残疾人护理补贴', '2016-01-01');
  }
  return benefits;
}

function bankAccount(rng: Rng): string {
  const body = rng.pick(BANK_PREFIXES) + rng.digits(12);
  // Luhn check digit, as on real bank cards.
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function drawAssets(rng: Rng, people: Person[], band: IncomeBand, community: CommunityPlace): AssetItem[] {
  const assets: AssetItem[] = [];
  const depositP = band === 'above' ? 0.86 : band === 'margin' ? 0.7 : 0.45;
  if (rng.chance(depositP)) {
    const median = band === 'above' ? 80_000 : band === 'margin' ? 15_000 : 3_000;
    const deposit: AssetItem = { type: 'deposit', value: Math.max(100, round100(rng.logNormal(median, band === 'above' ? 1.0 : 0.8))) };
    if (rng.chance(0.5)) deposit.bankAccount = bankAccount(rng);
    assets.push(deposit);
  }
  if (band === 'above' && rng.chance(0.05)) assets.push({ type: 'securities', value: round100(rng.logNormal(60_000, 0.9)), note: '股票、基金' });

  const homes = rng.chance(band === 'below' ? 0.08 : 0.03) ? 0 : rng.chance(band === 'above' ? 0.13 : band === 'margin' ? 0.03 : 0.005) ? 2 : 1;
  for (let h = 0; h < homes; h++) {
    if (community.rural && h === 0) {
      const area = rng.int(80, 220);
      assets.push({ type: 'home', area, value: round100(area * rng.range(1_500, 3_000)), note: '农村自建房' });
    } else {
      const area = rng.int(45, 140);
      const note = band === 'below' && rng.chance(0.4) ? '拆迁安置房' : '商品房';
      assets.push({ type: 'home', area, value: round100(area * rng.range(8_000, 15_000)), note });
    }
  }

  const vehicleP = band === 'above' ? 0.355 : band === 'margin' ? 0.12 : 0.03;
  if (rng.chance(vehicleP)) assets.push({ type: 'vehicle', value: round100(rng.logNormal(90_000, 0.6)), note: '小型汽车' });
  const physicallyDisabled = people.some((p) => p.disability !== null && (p.disability.category === 4 || p.disability.category === 7));
  if (physicallyDisabled && rng.chance(0.2)) {
    assets.push({ type: 'vehicle', value: round100(rng.range(5_000, 20_000)), disabilityVehicle: true, note: '残疾人机动轮椅车' });
  }
  if (people.some((p) => p.employment === 'self_employed') && rng.chance(0.35)) {
    assets.push({
      type: 'business_registration',
      value: round100(rng.logNormal(50_000, 1.0)),
      note: rng.pick(['个体工商户（餐饮）', '个体工商户（零售）', '个体工商户（维修）', '小微企业']),
    });
  }
  return assets;
}

function drawExpenses(rng: Rng, people: Person[]): RigidExpense[] {
  const expenses: RigidExpense[] = [];
  people.forEach((p, i) => {
    let medical = 0;
    if (p.health.seriousIllness) medical = clamp(rng.logNormal(30_000, 0.75), 8_000, 400_000);
    else if (p.health.chronicIllness && rng.chance(0.7)) medical = clamp(rng.logNormal(4_000, 0.6), 500, 30_000);
    else if (rng.chance(0.06)) medical = clamp(rng.logNormal(1_500, 0.8), 200, 20_000);
    if (medical > 0) {
      const e: RigidExpense = { type: 'medical_self_paid', amount12m: round10(medical), memberIndex: i };
      if (p.health.diagnosis !== undefined) e.note = p.health.diagnosis;
      expenses.push(e);
    }

    let education = 0;
    let note = '';
    if (p.employment === 'student') {
      switch (p.education) {
        case 'primary':
        case 'junior':
        case 'none':
          education = rng.range(800, 3_500);
          note = '义务教育杂费、课后服务';
          break;
        case 'senior':
        case 'vocational':
          education = rng.range(3_000, 9_000);
          note = '高中/中职学杂费';
          break;
        case 'college':
        case 'bachelor':
        case 'postgraduate':
          education = rng.range(8_000, 25_000);
          note = '大学学费、住宿费';
          break;
      }
    } else if (p.employment === 'preschool' && p.age >= 3 && rng.chance(0.6)) {
      education = rng.range(3_000, 12_000);
      note = '幼儿园保教费';
    }
    if (education > 0) expenses.push({ type: 'education', amount12m: round10(education), memberIndex: i, note });

    if (p.disability !== null && rng.chance(p.age < 18 ? 0.7 : 0.4)) {
      expenses.push({ type: 'rehabilitation', amount12m: round10(clamp(rng.logNormal(8_000, 0.7), 1_000, 80_000)), memberIndex: i, note: '康复训练及辅具' });
    }
  });
  return expenses;
}
