/** A household's policy matches, with the reasons. */
import type { FactName, NearMiss, PolicyGroup } from '@zczr/eligibility';
import type { ConditionResult } from '@zczr/eligibility';
import type { PolicyOutcome } from './labels.js';

export type { ConditionResult, NearMiss };

export interface BenefitEstimate {
  amount: number;
  unit: string;
  label: string;
  topUps: Array<{ label: string; amount: number }>;
  /** Computed from incomplete facts. */
  provisional?: boolean;
}

export interface PolicyMatch {
  policyCode: string;
  policyVersion?: number;
  policyName: string;
  group: PolicyGroup;
  department: string;
  benefitDescription: string;
  requiredDocuments: string[];
  outcome: PolicyOutcome;
  /** Facts whose absence leaves the outcome open. */
  missingFacts: FactName[];
  explanation: ConditionResult;
  /** One sentence. */
  summary: string;
  benefit?: BenefitEstimate;
  nearMiss?: NearMiss;
}

export interface HouseholdEligibility {
  householdId: string;
  asOf: string;
  results: PolicyMatch[];
}
