import type {
  AssetItem, CurrentBenefit, Disability, Education, Employment, HardshipEvent, Health, IncomeItem, LabourCapacity, Relation,
  RigidExpense, SelfCareCheck,
} from '@zczr/domain';

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
}

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value ?? null);
  }
}

/** Field-level diff of two contents, by JSON path (e.g. `members[1].phone`). */
export function diffContent(before: HouseholdContent | null, after: HouseholdContent): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before) flatten(before, '', a);
  flatten(after, '', b);
  const changes: FieldChange[] = [];
  for (const [path, v] of b) {
    const old = a.has(path) ? a.get(path) : null;
    if (JSON.stringify(old) !== JSON.stringify(v)) changes.push({ path, before: old, after: v });
  }
  for (const [path, v] of a) if (!b.has(path)) changes.push({ path, before: v, after: null });
  return changes;
}

const SENSITIVE_PATH = /\.(idNumber|phone|bankAccount|certificateNumber)$|\.(health|disability|selfCare)(\.|$)/;

export function isSensitivePath(path: string): boolean {
  return SENSITIVE_PATH.test(path);
}
