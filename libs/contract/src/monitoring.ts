/** Warnings, risk scores and the monthly monitoring run. */
import type { PageQuery } from './common.js';
import type { IncomeCircle, MonitoringStatus, MonitoringTrigger, RiskColour, WarningColour, WarningSource, WarningStatus } from './labels.js';

export interface WarningView {
  id: string;
  householdId: string;
  ruleCode: string;
  ruleName: string;
  colour: WarningColour;
  colourLabel: string;
  status: WarningStatus;
  /** Amounts, dates, relations and ages behind the warning; never names or ID numbers. */
  evidence: Record<string, unknown>;
  streetCode: string;
  gridId: string;
  taskId: string | null;
  source: WarningSource;
  raisedAt: string;
}

export interface WarningListQuery extends PageQuery {
  colour?: WarningColour;
  rule?: string;
  streetCode?: string;
  status?: WarningStatus;
  householdId?: string;
  sort?: 'recent' | 'severity';
}

export interface WarningRule {
  code: string;
  name: string;
  description: string;
  colour: WarningColour;
  /** Days in which one household is not warned twice by one rule. */
  windowDays: number;
  enabled: boolean;
}

export interface MonitoringParameter {
  name: string;
  label: string;
  unit: string | null;
  region: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  value: number;
}

export interface WarningRules {
  rules: WarningRule[];
  parameters: MonitoringParameter[];
}

export interface RiskHistoryItem {
  score: number;
  colour: RiskColour;
  circle: IncomeCircle | null;
  /** import / monitoring / task_accepted. */
  reason: string;
  at: string;
}

export interface HouseholdRisk {
  householdId: string;
  /** 0–100. */
  score: number | null;
  colour: RiskColour | null;
  colourLabel: string | null;
  circle: IncomeCircle | null;
  /** Each indicator 0–1 (see RISK_INDICATOR_LABELS). */
  indicators: Record<string, number>;
  updatedAt: string | null;
  history: RiskHistoryItem[];
}

export interface MonitoringSummary {
  households: number;
  warnings: number;
  tasks: number;
  rechecks: number;
  riskChanged: number;
  escalated: number;
}

export interface MonitoringRun {
  id: string;
  trigger: MonitoringTrigger;
  /** YYYY-MM. */
  period: string;
  status: MonitoringStatus;
  processed: number;
  summary: MonitoringSummary;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}
