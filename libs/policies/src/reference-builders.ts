/**
 * Short builders for reference households, so that 180+ of them stay readable:
 *
 *   household({ members: [adult(45), adult(43, { relation: 'spouse' }), child(12)], perCapitaIncome: 700 })
 *
 * Every field a rule may read is filled with a known value by default (no illness, no disability,
 * self-care intact, income and assets declared), so a reference is unknown only where it says so:
 * `unknownIncome`, `unknownAssets`, or a member field set to `null`/`undefined` on purpose.
 * Ages are completed years on REFERENCE_DATE and stay the same until 30 September of that year.
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
  IncomeItem,
  IncomeType,
  LabourCapacity,
  Relation,
  RigidExpense,
  SelfCareCheck,
} from '@zczr/domain';
import type { SupporterCondition, SupporterRelation } from '@zczr/domain';
import type { FactName, HouseholdSnapshot, ReferenceHousehold, SnapshotMember, SnapshotSupporter } from '@zczr/eligibility';

/** The day reference ages and "months ago" are counted from (and most policies' effectiveFrom). */
export const REFERENCE_DATE = '2024-01-01';
const REFERENCE_YEAR = 2024;

/** 和平社区, 柳城街道, 温江区, 成都市. */
export const WENJIANG_COMMUNITY = '510115001001';
/** A villagers' committee (村委会, code 2xx) in 温江区: rural, for rural-only policies. */
export const WENJIANG_VILLAGE = '510115001201';
/** 水井坊社区, 锦官驿街道, 锦江区: elsewhere in Chengdu, for region-resolution checks. */
export const JINJIANG_COMMUNITY = '510104017001';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A birth date that makes the person `age` on REFERENCE_DATE and until 30 September of that year. */
export function birthDateForAge(age: number): string {
  return `${REFERENCE_YEAR - 1 - age}-10-01`;
}

/** The first day of the month `months` months before REFERENCE_DATE (0 = REFERENCE_DATE itself). */
export function monthsAgo(months: number): string {
  const total = REFERENCE_YEAR * 12 - months;
  const year = Math.floor(total / 12);
  return `${year}-${pad(total - year * 12 + 1)}-01`;
}

// ---- members -----------------------------------------------------------------------------------

/** 'serious' or 'chronic' with a diagnosis, or a Health object; null = not collected. */
export type HealthShort = Health | 'serious' | 'chronic' | null | undefined;
/** [category, grade] for a certificate; null = no disability; undefined = not collected. */
export type DisabilityShort = Disability | readonly [DisabilityCategory, DisabilityGrade] | null | undefined;
/** Number of the 6 self-care items failed (0–6), or the check itself; null = not assessed. */
export type SelfCareShort = SelfCareCheck | number | null | undefined;

export interface PersonOptions {
  age: number;
  relation?: Relation;
  sex?: 'male' | 'female';
  education?: Education | null;
  employment?: Employment | null;
  labourCapacity?: LabourCapacity | null;
  health?: HealthShort;
  disability?: DisabilityShort;
  selfCare?: SelfCareShort;
  coResident?: boolean;
  birthDate?: string;
}

const SELF_CARE_ITEMS = ['bathing', 'walkingIndoors', 'dressing', 'gettingUp', 'toileting', 'eating'] as const;

function selfCareCheck(failed: number): SelfCareCheck {
  const check: SelfCareCheck = { eating: false, dressing: false, gettingUp: false, toileting: false, walkingIndoors: false, bathing: false };
  SELF_CARE_ITEMS.slice(0, failed).forEach((item) => {
    check[item] = true;
  });
  return check;
}

function schoolLevel(age: number): Education {
  if (age < 12) return 'primary';
  if (age < 15) return 'junior';
  if (age < 18) return 'senior';
  return 'bachelor';
}

function defaultEmployment(age: number): Employment {
  if (age < 6) return 'preschool';
  if (age < 18) return 'student';
  if (age >= 60) return 'retired';
  return 'employed';
}

function defaultEducation(age: number, employment: Employment | null | undefined): Education {
  if (employment === 'student') return schoolLevel(age);
  if (age < 6) return 'none';
  if (age < 18) return schoolLevel(age);
  return age >= 60 ? 'primary' : 'junior';
}

function healthOf(h: HealthShort): Health | null | undefined {
  if (h === 'serious') return { chronicIllness: false, seriousIllness: true, diagnosis: '尿毒症（血液透析）' };
  if (h === 'chronic') return { chronicIllness: true, seriousIllness: false, diagnosis: '2型糖尿病' };
  return h;
}

function disabilityOf(d: DisabilityShort): Disability | null | undefined {
  if (d === null || d === undefined) return d;
  if (Array.isArray(d)) {
    const [category, grade] = d as readonly [DisabilityCategory, DisabilityGrade];
    return { category, grade };
  }
  return d as Disability;
}

/**
 * A co-resident member. Defaults by age: under 6 preschool, 6–17 student at the matching level,
 * 18–59 employed with full labour capacity, 60+ retired without labour capacity; healthy, no
 * disability, self-care intact. Pass `null` (or `undefined` for disability) to leave a field uncollected.
 */
export function person(o: PersonOptions): SnapshotMember {
  const employment = 'employment' in o ? o.employment : defaultEmployment(o.age);
  const labourCapacity: LabourCapacity | null | undefined = 'labourCapacity' in o ? o.labourCapacity : o.age >= 18 && o.age < 60 ? 'full' : 'none';
  const member: SnapshotMember = {
    relation: o.relation ?? 'head',
    sex: o.sex ?? 'male',
    birthDate: o.birthDate ?? birthDateForAge(o.age),
    education: 'education' in o ? o.education : defaultEducation(o.age, employment),
    employment,
    labourCapacity,
    health: 'health' in o ? healthOf(o.health) : { chronicIllness: false, seriousIllness: false },
    disability: 'disability' in o ? disabilityOf(o.disability) : null,
    selfCare: 'selfCare' in o ? (typeof o.selfCare === 'number' ? selfCareCheck(o.selfCare) : o.selfCare) : selfCareCheck(0),
    coResident: o.coResident ?? true,
  };
  return member;
}

type Extra = Omit<PersonOptions, 'age'>;

/** The head of the household (or any relation given). */
export const adult = (age: number, extra: Extra = {}): SnapshotMember => person({ age, ...extra });
export const spouse = (age: number, extra: Extra = {}): SnapshotMember => person({ age, relation: 'spouse', sex: 'female', ...extra });
export const child = (age: number, extra: Extra = {}): SnapshotMember => person({ age, relation: 'child', ...extra });
export const grandchild = (age: number, extra: Extra = {}): SnapshotMember => person({ age, relation: 'grandchild', ...extra });
export const parent = (age: number, extra: Extra = {}): SnapshotMember => person({ age, relation: 'parent', ...extra });
/** A child of the head in school (default level by age: college from 18). */
export const student = (age: number, extra: Extra = {}): SnapshotMember => person({ age, relation: 'child', employment: 'student', ...extra });
/** An unemployed working-age adult with labour capacity. */
export const jobless = (age: number, extra: Extra = {}): SnapshotMember => person({ age, employment: 'unemployed', ...extra });
/** A person without labour capacity who cannot work (e.g. because of disability or illness). */
export const unable = (age: number, extra: Extra = {}): SnapshotMember => person({ age, employment: 'unable', labourCapacity: 'none', ...extra });

// ---- households --------------------------------------------------------------------------------

export interface HouseholdOptions {
  members: SnapshotMember[];
  regionCode?: string;
  /** Total counted monthly income, declared as one item (0 declares "no income"). Default 0. */
  income?: number;
  /** Per-capita monthly income × co-resident members, declared as one item (overrides `income`). */
  perCapitaIncome?: number;
  incomeType?: IncomeType;
  /** Full control over income items (overrides the two above). */
  incomes?: IncomeItem[];
  /** Leave income undeclared: every income fact is unknown. */
  unknownIncome?: boolean;
  /** Deposits in yuan (default 0). */
  deposits?: number;
  /** Floor areas of owned homes in m² (default one home of 20 m² per co-resident member). */
  homes?: number[];
  vehicles?: number;
  disabilityVehicle?: boolean;
  business?: boolean;
  /** Full control over asset items (overrides the above). */
  assets?: AssetItem[];
  /** Leave assets undeclared: every asset fact is unknown. */
  unknownAssets?: boolean;
  /** Rigid spending over the last 12 months, yuan. */
  medical?: number;
  education?: number;
  rehabilitation?: number;
  expenses?: RigidExpense[];
  /** Hardships: [type, months ago, loss?]. */
  hardships?: Array<readonly [HardshipType, number, number?]>;
  /** Current benefits: a code (received for the last 12 months) or [code, months received]. */
  benefits?: Array<string | readonly [string, number]>;
  /** Legal supporters of the applicant (default: none recorded as existing, i.e. []). */
  supporters?: SnapshotSupporter[];
  /** Leave supporters unrecorded: every supporter fact is unknown. */
  unknownSupporters?: boolean;
}

/** A legal supporter: relation, age (null = unknown), monthly income (null = unknown), living elsewhere unless said. */
export function supporter(
  relation: SupporterRelation,
  age: number | null,
  monthlyIncome: number | null,
  extra: { conditions?: SupporterCondition[]; coResident?: boolean } = {},
): SnapshotSupporter {
  return {
    relation,
    birthDate: age === null ? null : birthDateForAge(age),
    coResident: extra.coResident ?? false,
    monthlyIncome,
    conditions: extra.conditions ?? [],
  };
}

export function household(o: HouseholdOptions): HouseholdSnapshot {
  const residents = o.members.filter((m) => m.coResident).length;

  let incomes: IncomeItem[];
  if (o.unknownIncome) incomes = [];
  else if (o.incomes) incomes = o.incomes;
  else {
    const total = o.perCapitaIncome !== undefined ? o.perCapitaIncome * residents : (o.income ?? 0);
    incomes = total === 0 ? [{ type: 'other_transfer', monthlyAmount: 0, note: '无收入' }] : [{ type: o.incomeType ?? 'wage', monthlyAmount: total }];
  }

  let assets: AssetItem[];
  if (o.unknownAssets) assets = [];
  else if (o.assets) assets = o.assets;
  else {
    assets = [{ type: 'deposit', value: o.deposits ?? 0 }];
    for (const area of o.homes ?? [20 * Math.max(1, residents)]) assets.push({ type: 'home', area });
    for (let i = 0; i < (o.vehicles ?? 0); i++) assets.push({ type: 'vehicle', value: 50000, disabilityVehicle: o.disabilityVehicle === true });
    if (o.business) assets.push({ type: 'business_registration' });
  }

  const expenses: RigidExpense[] = [...(o.expenses ?? [])];
  if (o.medical) expenses.push({ type: 'medical_self_paid', amount12m: o.medical });
  if (o.education) expenses.push({ type: 'education', amount12m: o.education });
  if (o.rehabilitation) expenses.push({ type: 'rehabilitation', amount12m: o.rehabilitation });

  const hardships: HardshipEvent[] = (o.hardships ?? []).map(([type, ago, loss]) =>
    loss === undefined ? { type, occurredOn: monthsAgo(ago) } : { type, occurredOn: monthsAgo(ago), loss },
  );

  const benefits: CurrentBenefit[] = (o.benefits ?? []).map((b) =>
    typeof b === 'string' ? { policyCode: b, since: monthsAgo(12) } : { policyCode: b[0], since: monthsAgo(b[1]) },
  );

  const h: HouseholdSnapshot = { regionCode: o.regionCode ?? WENJIANG_COMMUNITY, members: o.members, incomes, assets, expenses, hardships, benefits };
  if (!o.unknownSupporters) h.supporters = o.supporters ?? [];
  return h;
}

/** One person living alone. */
export function single(member: SnapshotMember, o: Omit<HouseholdOptions, 'members'> = {}): HouseholdSnapshot {
  return household({ ...o, members: [member] });
}

// ---- reference households ------------------------------------------------------------------------

export function qualifies(label: string, h: HouseholdSnapshot, asOf?: string): ReferenceHousehold {
  return asOf === undefined ? { label, household: h, expected: 'eligible' } : { label, household: h, expected: 'eligible', asOf };
}

export function fails(label: string, h: HouseholdSnapshot, asOf?: string): ReferenceHousehold {
  return asOf === undefined ? { label, household: h, expected: 'ineligible' } : { label, household: h, expected: 'ineligible', asOf };
}

/** An undecided household: `missing` is exactly the facts a grid worker must verify to decide it. */
export function undecided(label: string, h: HouseholdSnapshot, missing: FactName[], asOf?: string): ReferenceHousehold {
  const r: ReferenceHousehold = { label, household: h, expected: 'unknown', expectedMissing: missing };
  if (asOf !== undefined) r.asOf = asOf;
  return r;
}
