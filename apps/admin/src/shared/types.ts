/** Response shapes of the API endpoints the console's core pages read (mirrors of the API's DTOs). */
import type { FieldChange } from '@zczr/domain';
import type { ConditionResult, FactValue, Outcome } from '@zczr/eligibility';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type RiskColour = 'orange' | 'yellow' | 'blue' | 'green';

export type { FieldChange };

export interface AutoCheck {
  code: string;
  outcome: 'pass' | 'warn' | 'fail';
  message: string;
}

export interface Submission {
  id: string;
  kind: 'create' | 'update';
  status: string;
  householdId: string;
  baseVersion: number;
  streetCode: string;
  gridId: string;
  checks: AutoCheck[];
  history: Array<{ status: string; at: string; by: string; reason?: string }>;
  changes: FieldChange[];
  submittedBy: string;
  submittedByRole: string;
  reviewReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface QueueItem {
  kind: 'submission' | 'task';
  id: string;
  title: string;
  householdId: string;
  headName: string;
  address: string;
  streetCode: string;
  streetName: string;
  gridId: string;
  submittedAt: string;
  waitingDays: number;
  dueDate: string | null;
  riskColour: RiskColour | null;
  urgent: boolean;
  urgentReasons: string[];
  checks: { pass: number; warn: number; fail: number } | null;
  clean: boolean;
}

export interface Task {
  id: string;
  householdId: string;
  kind: string;
  reason: string;
  status: string;
  statusLabel: string;
  assigneeId: string | null;
  gridId: string;
  streetCode: string;
  dueDate: string;
  overdue: boolean;
  escalationLabel: string;
  decisionKind: string | null;
  /** The API's field-level diff of accepting the findings (a patch), with Chinese labels. */
  findingsDiff?: Array<FieldChange & { label: string; beforeText: string; afterText: string }>;
  findings?: {
    visitedAt?: string;
    gps?: { lat: number; lng: number; accuracy?: number };
    notes?: string;
    photoIds?: string[];
    factUpdates?: Record<string, unknown>;
  };
  history: Array<{ status: string; at: string; by: string; note?: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  id: string;
  relation: string;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  age: number;
  ethnicity: string | null;
  phone: string | null;
  education: string | null;
  employment: string | null;
  labourCapacity: string | null;
  health: { chronicIllness: boolean; seriousIllness: boolean; diagnosis?: string } | null;
  disability: { category: number; grade: number; certificateNumber?: string } | null;
  selfCareLevel: string | null;
  coResident: boolean;
}

export interface Household {
  id: string;
  status: string;
  version: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  gridId: string;
  address: string;
  headName: string;
  members: Member[];
  incomes: Array<{ type: string; monthlyAmount: number; memberIndex?: number; note?: string }>;
  assets: Array<{ type: string; value?: number; area?: number; note?: string }>;
  expenses: Array<{ type: string; amount12m: number; note?: string }>;
  hardships: Array<{ type: string; occurredOn: string; loss?: number; note?: string }>;
  benefits: Array<{ policyCode: string; since: string; monthlyAmount?: number }>;
  masked: boolean;
  pendingSubmissionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdSummary {
  id: string;
  status: string;
  version: number;
  streetCode: string;
  communityCode: string;
  gridId: string;
  address: string;
  headName: string;
  memberCount: number;
  riskColour: RiskColour | null;
  updatedAt: string;
}

export interface Revision {
  id: number;
  version: number;
  actorId: string;
  actorRole: string;
  source: string;
  submissionId: string | null;
  changes: FieldChange[];
  createdAt: string;
}

export interface PolicyResult {
  policyCode: string;
  policyVersion?: number;
  policyName: string;
  group: string;
  department: string;
  benefitDescription: string;
  requiredDocuments: string[];
  outcome: Outcome;
  missingFacts: string[];
  explanation: ConditionResult;
  summary: string;
  benefit?: { amount: number; unit: string; label: string; topUps: Array<{ label: string; amount: number }>; provisional?: boolean };
  nearMiss?: { label: string; fact: string; actual: FactValue; required: FactValue; gap?: number; text: string };
}

export interface HouseholdEligibility {
  householdId: string;
  asOf: string;
  results: PolicyResult[];
}

export interface Attachment {
  id: string;
  householdId: string;
  memberIndex: number | null;
  kind: string;
  mimeType: string;
  size: number;
  width: number;
  height: number;
  uploadedByRole: string;
  createdAt: string;
  contentUrl: string;
}

export interface Warning {
  id: string;
  householdId: string;
  ruleCode: string;
  ruleName: string;
  colour: RiskColour;
  colourLabel: string;
  status: 'open' | 'tasked' | 'closed';
  evidence: Record<string, unknown>;
  taskId: string | null;
  source: string;
  raisedAt: string;
}

export interface Risk {
  householdId: string;
  score: number | null;
  colour: RiskColour | null;
  colourLabel: string | null;
  circle: number | null;
  indicators: Record<string, number>;
  updatedAt: string | null;
}

export interface RegionNode {
  code: string;
  name: string;
  level: string;
  children?: RegionNode[];
}

export interface AuditTrailEntry {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  actionLabel: string;
  read: boolean;
  ip: string | null;
}
