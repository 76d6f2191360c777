/** Verification tasks (核实任务): from a warning, a recheck or a submission to a visit, a review and a decision. */
import type { Disability, Employment, Health, LabourCapacity, LabelledChange, SelfCareCheck } from '@zczr/domain';
import type { Page, PageQuery } from './common.js';
import type { HouseholdSections } from './households.js';
import type { PolicyGroup } from '@zczr/eligibility';
import type { DecisionKind, EscalationLevel, TaskHistoryStatus, TaskKind, TaskStatus } from './labels.js';

/** One step of a task's history (see TASK_HISTORY_LABELS). */
export interface TaskHistoryEntry {
  status: TaskHistoryStatus;
  at: string;
  by: string;
  note?: string;
}

export interface Gps {
  lat: number;
  lng: number;
  /** Metres. */
  accuracy?: number;
}

export interface MemberFactUpdate {
  /** Member index, from 0. */
  position: number;
  employment?: Employment;
  labourCapacity?: LabourCapacity;
  health?: Health;
  disability?: Disability | null;
  selfCare?: SelfCareCheck;
}

export const FACT_SECTIONS = ['incomes', 'assets', 'expenses', 'hardships', 'benefits'] as const;
export type FactSection = (typeof FACT_SECTIONS)[number];

/** One item to remove: by section, type (policy code for benefits) and member. */
export interface FactRemoval {
  section: FactSection;
  type: string;
  memberIndex?: number;
}

/** Facts found at the door, as a patch: items add or replace one item per member and type; nothing not named changes. */
export interface FactUpdates extends HouseholdSections {
  remove?: FactRemoval[];
  members?: MemberFactUpdate[];
}

/** How a home visit went: the family met, or why not. */
export const VISIT_OUTCOMES = ['met', 'not_home', 'refused', 'moved'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VISIT_OUTCOME_LABELS: Readonly<Record<VisitOutcome, string>> = {
  met: '见到家人',
  not_home: '未遇到',
  refused: '拒访',
  moved: '已搬离',
};

/** Photos a visit may carry (each within the API's upload size limit). */
export const MAX_VISIT_PHOTOS = 9;

/** What a grid worker found at the door. */
export interface VisitFindings {
  visitedAt: string;
  /** Absent in visits recorded before the field existed: read as `met`. Only a visit that met the family may carry fact updates. */
  outcome?: VisitOutcome;
  gps: Gps;
  notes: string;
  /** Photos (attachment ids) uploaded for this task (POST /tasks/:id/photos), at most MAX_VISIT_PHOTOS. */
  photoIds?: string[];
  factUpdates?: FactUpdates;
}

export interface TaskDecisionBody {
  kind: DecisionKind;
  /** benefit_granted: the policy granted. */
  policyCode?: string;
  /** referral: the service provider. */
  provider?: string;
  /** Required for no_action. */
  reason?: string;
}

/** 公示: the dates the decision is posted in the community before it takes effect. */
export interface PublicNotice {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD; the benefit takes effect the day after if no objection was raised. */
  to: string;
  /** Set when an objection reopened the investigation. */
  objection?: string;
}

/** The decision as recorded on acceptance, with the policy matches before and after. */
export interface TaskDecisionRecord extends TaskDecisionBody {
  revisedVersion: number | null;
  eligibleBefore: string[];
  eligibleAfter: string[];
  decidedBy: string;
  decidedAt: string;
  /** Two-tier approval: the street reviewer who proposed the decision the district confirmed. */
  proposedBy?: string;
  proposedAt?: string;
  /** Decisions of policy groups with 公示. */
  notice?: PublicNotice;
}

/** A decision a street reviewer proposed, waiting for the district's confirmation (two-tier approval). */
export interface ProposedDecision extends TaskDecisionBody {
  proposedBy: string;
  proposedAt: string;
}

/** How decisions granting a policy of one group are approved: one tier (street or district) or two (street, then district), and days of 公示 (0: none). */
export interface ApprovalSetting {
  policyGroup: PolicyGroup;
  groupLabel: string;
  tiers: 1 | 2;
  noticeDays: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface UpdateApprovalSettingBody {
  tiers: 1 | 2;
  noticeDays: number;
}

/** An objection raised during 公示: the investigation reopens (the task goes back to the grid worker). */
export interface NoticeObjectionBody {
  reason: string;
}

export interface TaskView {
  id: string;
  householdId: string;
  kind: TaskKind;
  /** Warning rule code, recheck period or `submission`. */
  reason: string;
  warningId: string | null;
  status: TaskStatus;
  statusLabel: string;
  assigneeId: string | null;
  gridId: string;
  gridName?: string | null;
  headName?: string | null;
  address?: string | null;
  assigneeName?: string | null;
  streetCode: string;
  /** Counted in working days. */
  dueDate: string;
  overdue: boolean;
  escalationLevel: EscalationLevel;
  escalationLabel: string;
  decisionKind: DecisionKind | null;
  /** Reviewers only. */
  decision?: TaskDecisionRecord;
  /** Reviewers only, while the district's confirmation is awaited. */
  proposal?: ProposedDecision;
  /** Reviewers and the assigned worker only. */
  findings?: VisitFindings;
  /** Field-level changes accepting the findings would make (Chinese labels; reviewers, submitted tasks only). */
  findingsDiff?: LabelledChange[];
  history: TaskHistoryEntry[];
  /** Change sequence (sync cursor). */
  seq: number;
  /** In a sync: the task is no longer mine (reassigned). */
  removed: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TaskPage extends Page<TaskView> {
  /** Sync cursor: ask next with since=cursor. */
  cursor: number;
}

export interface TaskListQuery extends PageQuery {
  mine?: boolean;
  gridId?: string;
  overdue?: boolean;
  status?: TaskStatus;
  householdId?: string;
  streetCode?: string;
  escalationLevel?: EscalationLevel;
  active?: boolean;
  sort?: 'due' | 'urgency';
  /** Incremental sync from this cursor (mobile). */
  since?: number;
}

export interface CreateTaskBody {
  householdId: string;
  submissionId?: string;
}

export interface ReviewTaskBody {
  outcome: 'accept' | 'return';
  /** Required to accept. */
  decision?: TaskDecisionBody;
  /** Required to return. */
  reason?: string;
}

export interface ReassignTaskBody {
  /** null puts the task back to 待领取. */
  assigneeId: string | null;
  reason?: string;
}

export interface EscalateTaskBody {
  reason: string;
}

export interface Assignee {
  id: string;
  displayName: string;
  openTasks: number;
}
