/** Population screening: a run over every household and policy, its results and drill-downs. */
import type { PageQuery } from './common.js';
import type { FlaggedBucket, ScreeningBucket, ScreeningStatus } from './labels.js';

export interface PolicyCounts {
  policyCode: string;
  /** Policy version used. */
  version: number;
  eligible: number;
  newlyEligible: number;
  /** Receiving but no longer eligible (grace period included). */
  exitCandidates: number;
  unknown: number;
}

export interface ScreeningRun {
  id: string;
  status: ScreeningStatus;
  asOf: string;
  total: number;
  processed: number;
  /** 0–100. */
  progress: number;
  policies: PolicyCounts[];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface ScreeningPolicyResult extends PolicyCounts {
  policyName: string;
}

export interface ScreeningResults {
  run: ScreeningRun;
  /** Most newly eligible and exit candidates first. */
  policies: ScreeningPolicyResult[];
}

export interface ScreeningHit {
  householdId: string;
  missingFacts: string[];
  graceUntil: string | null;
}

export interface FlaggedHousehold {
  householdId: string;
  headNameMasked: string;
  memberCount: number;
  streetCode: string;
  streetName: string;
  communityName: string;
  gridName: string;
  missingFacts: string[];
  missingFactLabels: string[];
  graceUntil: string | null;
}

/** The wire calls the bucket `category`. */
export interface HitsQuery extends PageQuery {
  policyCode: string;
  category: FlaggedBucket;
}

export interface FlaggedHouseholdsQuery extends PageQuery {
  policyCode: string;
  category: ScreeningBucket;
}

export interface ScreeningExportQuery {
  policyCode?: string;
  category?: FlaggedBucket;
}
