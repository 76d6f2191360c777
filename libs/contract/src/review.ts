/** Change requests (submissions) and the review queue. */
import type { FieldChange, SubmissionStatus } from '@zczr/domain';
import type { Page, PageQuery } from './common.js';
import type { CheckOutcome, ReviewItemKind, RiskColour, SubmissionDecision, SubmissionKind } from './labels.js';

export interface AutoCheck {
  code: string;
  outcome: CheckOutcome;
  message: string;
}

export interface SubmissionStatusChange {
  status: SubmissionStatus;
  at: string;
  by: string;
  reason?: string;
}

export interface SubmissionView {
  id: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  householdId: string;
  baseVersion: number;
  streetCode: string;
  gridId: string;
  checks: AutoCheck[];
  history: SubmissionStatusChange[];
  /** Field-level difference from the current file, masked by role. */
  changes: FieldChange[];
  submittedBy: string;
  submittedByRole: string;
  reviewReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubmissionListQuery extends PageQuery {
  status?: SubmissionStatus;
  householdId?: string;
}

export interface ReviewSubmissionBody {
  decision: SubmissionDecision;
  /** Required to return or reject. */
  reason?: string;
}

export interface CheckCounts {
  pass: number;
  warn: number;
  fail: number;
}

export interface ReviewQueueItem {
  kind: ReviewItemKind;
  /** Submission id or task id. */
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
  /** A verification task's due date. */
  dueDate: string | null;
  riskColour: RiskColour | null;
  urgent: boolean;
  urgentReasons: string[];
  /** Automatic check counts (tasks have none). */
  checks: CheckCounts | null;
  /** Every automatic check passed: may be approved in bulk. */
  clean: boolean;
  /** Tasks: `confirm` when the street has reviewed and the district confirms (two-tier approval). */
  stage: 'review' | 'confirm';
}

export interface ReviewQueue {
  items: ReviewQueueItem[];
  total: number;
  /** Only the first 500 are returned. */
  truncated: boolean;
}

export interface ReviewQueueQuery {
  kind?: ReviewItemKind;
}

/** 已办: one decision the signed-in reviewer made (from the audit log), newest first. */
export interface ReviewDoneItem {
  kind: ReviewItemKind;
  /** Submission id or task id. */
  id: string;
  /** The audit action, e.g. `task.propose`, and its words. */
  action: string;
  actionLabel: string;
  at: string;
  householdId: string | null;
  headName: string;
  address: string;
}

export interface BulkApproveBody {
  ids: string[];
}

export interface BulkSkipped {
  id: string;
  code: string;
  message: string;
}

export interface BulkApproveResult {
  approved: string[];
  skipped: BulkSkipped[];
}

export type ReviewDonePage = Page<ReviewDoneItem>;

/** What the header's bell counts for a reviewer, in their scope. */
export const REMINDER_KINDS = ['review_queue', 'district_confirm', 'overdue_tasks', 'parameter_approvals', 'notices_ending'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_KIND_LABELS: Readonly<Record<ReminderKind, string>> = {
  review_queue: '待审核的申请与核实结果',
  district_confirm: '待区县确认的救助决定',
  overdue_tasks: '超期未办结的核实任务',
  parameter_approvals: '待您审批的参数调整',
  notices_ending: '三日内期满的公示',
};

/** Days ahead that a 公示 ending counts as due. */
export const NOTICE_ENDING_DAYS = 3;

export interface ReminderItem {
  kind: ReminderKind;
  label: string;
  count: number;
  /** The earliest date concerned (a due date, a notice's last day), YYYY-MM-DD, if any. */
  earliest: string | null;
}

export interface Reminders {
  /** Today in China, YYYY-MM-DD. */
  asOf: string;
  total: number;
  /** The kinds the user's role deals with, in the order above, zero counts included. */
  items: ReminderItem[];
}
