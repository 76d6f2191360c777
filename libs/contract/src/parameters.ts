/**
 * Policy parameters (the 低保 standard and every other threshold) as the bureau manages them: the value
 * in force for the caller's district, what is already approved for a later date, and changes that wait
 * for a second district user's approval (four eyes). Approved changes become rows of the parameter
 * table; on their effective date the district is screened again.
 */
import type { ParameterValue } from './policies.js';

export const PARAMETER_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ParameterChangeStatus = (typeof PARAMETER_CHANGE_STATUSES)[number];

/** A value approved for a later date than today. */
export interface UpcomingParameterValue {
  region: string;
  effectiveFrom: string;
  value: number;
}

/** One parameter as it applies to the caller's district today. */
export interface ParameterOverviewItem {
  name: string;
  label: string;
  unit?: string;
  /** Value in force today for the district; null when none is set for it. */
  currentValue: number | null;
  /** Region prefix the value in force comes from ('' national, 4 digits city, 6 district). */
  region: string | null;
  effectiveFrom: string | null;
  source: string | null;
  /** The first value approved for a later date, if any. */
  next: UpcomingParameterValue | null;
  /** Every value that applies in the district (its own regions and those above), oldest first. */
  history: ParameterValue[];
}

export interface ParameterOverview {
  districtCode: string;
  /** The date the current values were resolved on (YYYY-MM-DD, China time). */
  asOf: string;
  /** The regions a district user may set values for: the city prefix and the district itself. */
  regions: string[];
  /** Whether the caller may propose changes (district staff). */
  canPropose: boolean;
  items: ParameterOverviewItem[];
}

export interface ParameterChangeView {
  id: string;
  name: string;
  label: string;
  unit?: string;
  region: string;
  effectiveFrom: string;
  value: number;
  /** The value in force for the region on the effective date when proposed (null: none). */
  previousValue: number | null;
  /** 依据文件/文号. */
  basis: string;
  status: ParameterChangeStatus;
  statusLabel: string;
  proposedByName: string;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** When the district was screened again with it (its effective date reached). */
  appliedAt: string | null;
  /** The caller may approve or reject it: pending, and the caller is a district user other than the proposer. */
  canDecide: boolean;
}

export interface ParameterChangeListQuery {
  status?: ParameterChangeStatus;
  name?: string;
}

export interface ProposeParameterChangeBody {
  name: string;
  /** Region prefix: the caller's city (4 digits) or district (6 digits). */
  region: string;
  /** YYYY-MM-DD, today or later. */
  effectiveFrom: string;
  value: number;
  /** 依据文件/文号. */
  basis: string;
}

export interface DecideParameterChangeBody {
  /** Required when rejecting. */
  note?: string;
}
