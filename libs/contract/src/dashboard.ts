/** The district / street dashboard (population statistics, small counts suppressed) and the workload board. */
import type { PolicyGroup } from '@zczr/eligibility';
import type { Count } from './common.js';
import type { IncomeCircle, RiskColour } from './labels.js';

/** Counts of 1–4 are shown as "<5". */
export const SUPPRESS_BELOW = 5;

export function suppress(n: number): Count {
  return n > 0 && n < SUPPRESS_BELOW ? '<5' : n;
}

export interface DashboardScope {
  level: 'district' | 'street';
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  /** For the map. */
  cityName: string;
}

export interface DashboardTotals {
  households: Count;
  people: Count;
  /** Eligible but receiving nothing (the last screening). */
  silentHouseholds: Count;
  openWarnings: number;
  overdueTasks: number;
}

export interface ColourCount {
  colour: RiskColour | 'none';
  label: string;
  households: Count;
  people: Count;
}

export interface CircleCount {
  /** null: outside every circle. */
  circle: IncomeCircle | null;
  label: string;
  households: Count;
  people: Count;
}

export interface PolicyGroupCount {
  group: PolicyGroup;
  label: string;
  receivingHouseholds: Count;
  receivingPeople: Count;
  eligibleHouseholds: Count;
  silentHouseholds: Count;
}

export interface StreetCount {
  code: string;
  name: string;
  households: Count;
  people: Count;
  orange: Count;
  yellow: Count;
  blue: Count;
  green: Count;
  unscored: Count;
}

/** A community (社区/村) of a street, counted as a street is. */
export interface CommunityCount extends StreetCount {
  streetCode: string;
}

export interface PolicyCoverage {
  policyCode: string;
  policyName: string;
  group: PolicyGroup;
  eligibleHouseholds: Count;
  receivingHouseholds: Count;
  silentHouseholds: Count;
  silentPeople: Count;
  exitHouseholds: Count;
  /** Share of the eligible who receive it (0–1); null under 5 eligible. */
  coverageRate: number | null;
}

export interface StreetCoverage {
  code: string;
  name: string;
  eligible: Count;
  receiving: Count;
  silent: Count;
  coverageRate: number | null;
}

export interface CoverageRun {
  id: string;
  asOf: string;
  finishedAt: string | null;
}

export interface Coverage {
  /** The screening it rests on; null before the first. */
  run: CoverageRun | null;
  byPolicy: PolicyCoverage[];
  byStreet: StreetCoverage[];
}

export interface TrendSeries {
  key: string;
  label: string;
  values: Count[];
}

export interface Trends {
  /** The last 12 months, YYYY-MM. */
  months: string[];
  series: TrendSeries[];
}

export interface Dashboard {
  scope: DashboardScope;
  generatedAt: string;
  /** True when these are the last figures computed while newer ones are being computed (see generatedAt). */
  refreshing?: boolean;
  suppressBelow: number;
  totals: DashboardTotals;
  byColour: ColourCount[];
  byCircle: CircleCount[];
  /** By policy group (救助类别; the wire keeps the name `byCategory`). */
  byCategory: PolicyGroupCount[];
  byStreet: StreetCount[];
  /** The communities below the street, for a street user (one street is no distribution); empty for the district. */
  byCommunity: CommunityCount[];
  coverage: Coverage;
  trends: Trends;
}

export interface BoardStreet {
  code: string;
  name: string;
  orange: number;
  yellow: number;
  blue: number;
  activeTasks: number;
  overdueTasks: number;
}

/** Workload counts, not population statistics: not suppressed. */
export interface Board {
  scope: DashboardScope;
  /** colour → status → count. */
  warnings: Record<string, Record<string, number>>;
  /** status → count. */
  tasks: Record<string, number>;
  overdueTasks: number;
  /** Unfinished tasks: escalation level → count. */
  escalation: Record<string, number>;
  byStreet: BoardStreet[];
  note?: string;
}
