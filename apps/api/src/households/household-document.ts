import type {
  AssetItem,
  CurrentBenefit,
  Disability,
  Education,
  Employment,
  HardshipEvent,
  Health,
  IncomeItem,
  LabourCapacity,
  Relation,
  RigidExpense,
  SelfCareCheck,
  SupporterInput,
} from '@zczr/domain';
import { diffValues, type FieldChange } from '@zczr/domain';

/** A member in plain form, as services and the matcher see it (decrypted, never sent as is). */
export interface MemberRecord {
  relation: Relation;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string | null;
  phone: string | null;
  education: Education | null;
  employment: Employment | null;
  labourCapacity: LabourCapacity | null;
  health: Health | null;
  disability: Disability | null;
  selfCare: SelfCareCheck | null;
  coResident: boolean;
}

/** The editable content of a household: what a revision diffs and a submission proposes. */
export interface HouseholdContent {
  address: string;
  gridId: string;
  members: MemberRecord[];
  incomes: IncomeItem[];
  assets: AssetItem[];
  expenses: RigidExpense[];
  hardships: HardshipEvent[];
  benefits: CurrentBenefit[];
  /** Legal supporters of the applicant; absent or null = not recorded. */
  supporters?: SupporterInput[] | null;
}

export type { FieldChange };

/** Field-level diff of two contents, by JSON path (e.g. `members[1].phone`). */
export function diffContent(before: HouseholdContent | null, after: HouseholdContent): FieldChange[] {
  return diffValues(before ?? {}, after);
}

const SENSITIVE_PATH = /\.(idNumber|phone|bankAccount|certificateNumber)$|\.(health|disability|selfCare)(\.|$)|^supporters\[\d+\]\.(name|monthlyIncome|note)$/;

export function isSensitivePath(path: string): boolean {
  return SENSITIVE_PATH.test(path);
}
