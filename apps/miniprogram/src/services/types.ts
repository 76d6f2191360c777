/** Shapes of the API's answers that the mini-program reads (see /api/docs-json). */
import type {
  AssetItem, ConsentPurpose, CurrentBenefit, HardshipEvent, HouseholdInput, HouseholdStatus, IncomeItem, MemberInput, RigidExpense, Role,
  SubmissionStatus,
} from '@zczr/domain';
import type { ConditionResult, FactName, NearMiss, Outcome, PolicyDefinition, PolicyGroup } from '@zczr/eligibility';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Me {
  id: string;
  /** Staff and the demo accounts have one; WeChat residents do not. */
  username?: string | null;
  role: Role;
  displayName: string;
  realName: string | null;
  idNumberMasked: string | null;
  regionCode: string | null;
  gridIds: string[];
  householdId: string | null;
  identityVerified?: boolean;
}

export interface Consent {
  id: string;
  status: 'active' | 'withdrawn';
  subjectName: string;
  subjectIdNumber: string;
  purposes: ConsentPurpose[];
  sensitiveData: boolean;
  textVersion: string;
  method: 'self_online' | 'in_person_signature';
  hasSignature: boolean;
  guardianName: string | null;
  householdId: string | null;
  givenAt: string;
  withdrawnAt: string | null;
}

export interface ConsentInput {
  subjectName: string;
  subjectIdNumber: string;
  purposes: ConsentPurpose[];
  sensitiveData: boolean;
  textVersion: string;
  method: 'self_online' | 'in_person_signature';
  signatureImage?: string;
  guardianName?: string;
  guardianIdNumber?: string;
  guardianRelation?: string;
}

/** The household as the API takes it (the shared model in @zczr/domain). */
export type HouseholdBody = HouseholdInput;

export interface CreateHouseholdBody extends HouseholdBody {
  consentId: string;
}

export interface MemberView extends Omit<MemberInput, 'idNumber'> {
  id: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  age: number;
}

export interface Household {
  id: string;
  status: HouseholdStatus;
  version: number;
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
  pendingSubmissionId: string | null;
  updatedAt: string;
}

export interface HouseholdSummary {
  id: string;
  status: HouseholdStatus;
  version: number;
  communityCode: string;
  gridId: string;
  address: string;
  headName: string;
  memberCount: number;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HouseholdWriteResult {
  household: Household;
  submissionId: string | null;
  applied: boolean;
}

export interface Submission {
  id: string;
  kind: 'create' | 'update';
  status: SubmissionStatus;
  householdId: string;
  checks: Array<{ code: string; outcome: 'pass' | 'warn' | 'fail'; message: string }>;
  history: Array<{ status: SubmissionStatus; at: string; by: string; reason?: string }>;
  reviewReason: string | null;
  createdAt: string;
}

export interface PolicySummary {
  code: string;
  name: string;
  group: PolicyGroup;
  department: string;
  benefit: string;
  publishedVersion: number | null;
}

export interface PolicyDetail extends PolicySummary {
  definition: PolicyDefinition;
  version: number;
  /** Where to apply, whom to call, what to bring, the steps and the standards in force. */
  howToApply?: { office: string; phone: string; documents: string[]; steps: string[]; standards: string[]; amountRule: string | null };
}

export interface PolicyResult {
  policyCode: string;
  policyName: string;
  group: PolicyGroup;
  department: string;
  benefitDescription: string;
  requiredDocuments: string[];
  outcome: Outcome;
  missingFacts: FactName[];
  explanation: ConditionResult;
  summary: string;
  benefit?: { amount: number; unit: string; label: string; topUps: Array<{ label: string; amount: number }>; provisional?: boolean };
  nearMiss?: NearMiss;
}

export interface HouseholdEligibility {
  householdId: string;
  asOf: string;
  results: PolicyResult[];
}

export interface OcrField {
  value: string;
  confidence: number;
  needsConfirmation: boolean;
  note?: string;
}

export type IdCardFieldName = 'name' | 'sex' | 'ethnicity' | 'birthDate' | 'address' | 'idNumber';

export interface IdCardOcrResult {
  document: 'id_card_front' | 'id_card_back';
  documentFound: boolean;
  toConfirm: string[];
  fields: Partial<Record<IdCardFieldName | string, OcrField>>;
}

export interface Grid {
  id: string;
  name: string;
  communityCode: string;
  streetCode: string;
}

export interface Task {
  id: string;
  householdId: string;
  kind: 'warning' | 'home_visit' | 'recheck';
  reason: string;
  status: 'open' | 'assigned' | 'in_progress' | 'submitted' | 'accepted' | 'returned' | 'closed';
  statusLabel: string;
  assigneeId: string | null;
  gridId: string;
  gridName?: string | null;
  headName?: string | null;
  address?: string | null;
  dueDate: string;
  overdue: boolean;
  escalationLabel: string;
  seq: number;
  removed: boolean;
}

export interface TaskPage extends Page<Task> {
  cursor: number;
}

export interface VisitFindings {
  visitedAt: string;
  gps: { lat: number; lng: number; accuracy?: number };
  notes: string;
  photoIds?: string[];
  factUpdates?: {
    incomes?: IncomeItem[];
    members?: Array<{ position: number; employment?: MemberInput['employment']; labourCapacity?: MemberInput['labourCapacity'] }>;
  };
}

/** A 订阅消息 template the resident may allow, and how many messages of it are still allowed. */
export interface MessageTemplate {
  kind: 'policy_found' | 'status_change';
  templateId: string;
  title: string;
  remaining: number;
}

/** A message to the resident ("the policy found you", a review result), sent through WeChat or not. */
export interface AppNotification {
  id: string;
  kind: 'policy_found' | 'status_change';
  title: string;
  fields: Array<{ label: string; value: string }>;
  page: string;
  status: 'sent' | 'recorded' | 'failed' | 'not_subscribed';
  createdAt: string;
}
