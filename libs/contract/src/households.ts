/** Household files: what is read, what is written, their revisions and access record. */
import type {
  AssetItem,
  CurrentBenefit,
  Disability,
  Education,
  Employment,
  FieldChange,
  HardshipEvent,
  Health,
  HouseholdInput,
  HouseholdStatus,
  IncomeItem,
  LabourCapacity,
  MemberInput,
  Relation,
  RigidExpense,
  SelfCareCheck,
  SelfCareLevel,
  SupporterInput,
} from '@zczr/domain';
import type { PageQuery } from './common.js';
import type { RevisionSource, RiskColour, Sex } from './labels.js';

/** A member as the API shows it: ID number and phone masked by role, sex, birth date and age derived from the ID number. */
export interface MemberView {
  id: string;
  relation: Relation;
  name: string;
  idNumber: string;
  sex: Sex;
  birthDate: string;
  age: number;
  ethnicity: string | null;
  phone: string | null;
  education: Education | null;
  employment: Employment | null;
  labourCapacity: LabourCapacity | null;
  health: Health | null;
  disability: Disability | null;
  selfCare: SelfCareCheck | null;
  selfCareLevel: SelfCareLevel | null;
  coResident: boolean;
}

export interface HouseholdView {
  id: string;
  status: HouseholdStatus;
  version: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  gridId: string;
  address: string;
  headName: string;
  consentId: string;
  members: MemberView[];
  incomes: IncomeItem[];
  assets: AssetItem[];
  expenses: RigidExpense[];
  hardships: HardshipEvent[];
  benefits: CurrentBenefit[];
  /** Legal supporters of the applicant; null when never recorded. Masked roles get a masked name, no income, no note. */
  supporters: SupporterInput[] | null;
  /** Sensitive fields masked for this role. */
  masked: boolean;
  /** The change request waiting for review, if any. */
  pendingSubmissionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdSummary {
  id: string;
  status: HouseholdStatus;
  version: number;
  streetCode: string;
  communityCode: string;
  gridId: string;
  address: string;
  headName: string;
  memberCount: number;
  /** Current risk colour; null when not yet scored. */
  riskColour: RiskColour | null;
  updatedAt: string;
}

/** After a create or an update: the file as it now reads, and the change request when one was needed. */
export interface HouseholdWriteResult {
  household: HouseholdView;
  submissionId: string | null;
  /** The change was applied straight away (staff), not sent for review. */
  applied: boolean;
}

export interface Revision {
  id: number;
  version: number;
  actorId: string;
  actorRole: string;
  source: RevisionSource;
  submissionId: string | null;
  changes: FieldChange[];
  createdAt: string;
}

/** One line of a household's access record (who read or changed it). */
export interface HouseholdAuditEntry {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  actionLabel: string;
  read: boolean;
  ip: string | null;
}

type Sections = 'incomes' | 'assets' | 'expenses' | 'hardships' | 'benefits' | 'supporters';
/** The editable sections; a section sent replaces the stored one whole. */
export type HouseholdSections = Partial<Pick<HouseholdInput, Sections>>;

export interface CreateHouseholdBody extends Omit<HouseholdInput, Sections>, HouseholdSections {
  /** An active consent of the household. */
  consentId: string;
}

export interface UpdateHouseholdBody extends HouseholdSections {
  /** The version read (optimistic lock). */
  version: number;
  address?: string;
  gridId?: string;
  members?: MemberInput[];
}

/** One household: `view=masked` asks for the masked view whatever the role (the console's default). */
export interface HouseholdViewQuery {
  view?: 'masked';
}

/** 查看完整: why the reviewer needs the personal data in full (written to the audit log). */
export interface RevealBody {
  reason: string;
}

export interface HouseholdListQuery extends PageQuery {
  /** Head's name, prefix. */
  name?: string;
  /** A member's ID number, exact. */
  idNumber?: string;
  address?: string;
  streetCode?: string;
  communityCode?: string;
  gridId?: string;
  status?: HouseholdStatus;
  colour?: RiskColour;
  /** Currently eligible for this policy: a policy code (the wire keeps the name `category`, as the 救助类别 filter). */
  category?: string;
}

export interface HouseholdAuditQuery extends PageQuery {
  only?: 'reads' | 'all';
}
