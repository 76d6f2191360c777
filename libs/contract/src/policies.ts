/** The policy library: browsing, editing in versions, publishing, previewing a change. */
import type { PolicyDefinition, PolicyGroup } from '@zczr/eligibility';
import type { PolicyOutcome, PolicyVersionStatus } from './labels.js';

export type { PolicyDefinition };

export interface PolicySummary {
  code: string;
  name: string;
  group: PolicyGroup;
  department: string;
  /** What the household receives. */
  benefit: string;
  publishedVersion: number | null;
  latestVersion: number;
}

export interface PolicyVersion {
  version: number;
  status: PolicyVersionStatus;
  changeNote: string | null;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
}

/** A reference household's expected and actual outcome under a version. */
export interface ReferenceCheck {
  label: string;
  expected: PolicyOutcome;
  actual: PolicyOutcome;
  missing: string[];
  ok: boolean;
}

export interface PolicyDetail extends PolicySummary {
  /** The version in force (or the latest draft), whole. */
  definition: PolicyDefinition;
  /** The version `definition` belongs to. */
  version: number;
  versions: PolicyVersion[];
  references: ReferenceCheck[];
}

export interface PolicyVersionDetail extends PolicyVersion {
  policyCode: string;
  definition: PolicyDefinition;
  references: ReferenceCheck[];
}

export interface PreviewStreet {
  streetCode: string;
  streetName: string;
  newlyEligible: number;
  noLongerEligible: number;
  eligibleAfter: number;
  unknownAfter: number;
}

export interface PreviewSample {
  householdId: string;
  streetCode: string;
  change: 'newly_eligible' | 'no_longer_eligible';
}

/** What a draft rule would change over the last screened population. */
export interface PolicyPreview {
  policyCode: string;
  asOf: string;
  households: number;
  eligibleBefore: number;
  eligibleAfter: number;
  newlyEligible: number;
  noLongerEligible: number;
  unknownAfter: number;
  byStreet: PreviewStreet[];
  sample: PreviewSample[];
  tookMs: number;
}

export interface ParameterValue {
  /** Region code prefix; empty for the whole country. */
  region: string;
  effectiveFrom: string;
  effectiveTo?: string;
  value: number;
  source?: string;
}

/** A policy parameter (standard amounts, thresholds) with its values by region and date. */
export interface ParameterDefinition {
  name: string;
  label: string;
  unit?: string;
  values: ParameterValue[];
}

export interface PolicyListQuery {
  group?: PolicyGroup;
  department?: string;
  /** Searches name and benefit. */
  q?: string;
}

export interface SaveDraftBody {
  definition: PolicyDefinition;
  changeNote?: string;
}

export type CreatePolicyBody = SaveDraftBody;

export interface PublishBody {
  version: number;
}

export interface PreviewBody {
  /** Draft rule (Rule JSON); the latest draft when left out. */
  rule?: PolicyDefinition['rule'];
  sampleSize?: number;
}
