/** Consents (授权同意): no personal data without an active one. */
import type { ConsentMethod, ConsentPurpose, Relation, SupporterRelation } from '@zczr/domain';
import type { ConsentStatus } from './labels.js';

/**
 * A co-resident adult who signs the family's authorisation beside the person who consented
 * (经济状况核对授权: every adult living in the household signs before the economic check counts).
 * Relation to the person who consented, in the supporters' words.
 */
export interface ConsentSignerInput {
  name: string;
  relation: SupporterRelation;
  idNumber: string;
  /** PNG/JPEG data URL of the signer's handwritten signature. */
  signatureImage: string;
}

export interface ConsentSignerView {
  name: string;
  relation: SupporterRelation;
  relationLabel: string;
  /** Masked. */
  idNumber: string;
  hasSignature: boolean;
  signedAt: string;
}

/** A signer as the reviewer checks it: with the signature image (null after withdrawal). */
export interface ConsentSignerRecord extends ConsentSignerView {
  signatureImage: string | null;
}

/**
 * Whether the economic check is authorised: not asked for; asked, household not yet on file (the
 * adults are known only then); every adult member has signed; or some have not (listed).
 */
export const ECONOMIC_CHECK_STATUSES = ['not_requested', 'awaiting_household', 'complete', 'incomplete'] as const;
export type EconomicCheckStatus = (typeof ECONOMIC_CHECK_STATUSES)[number];
export const ECONOMIC_CHECK_STATUS_LABELS: Readonly<Record<EconomicCheckStatus, string>> = {
  not_requested: '未授权经济状况核对',
  awaiting_household: '建档后核对签名是否齐全',
  complete: '共同生活的成年成员均已签字授权',
  incomplete: '尚有成年成员未签字，经济状况核对授权不完整',
};

/** An adult member of the household who has not signed. */
export interface MissingSigner {
  name: string;
  relation: Relation;
  relationLabel: string;
  age: number;
}

export interface EconomicCheckAuthorisation {
  status: EconomicCheckStatus;
  statusLabel: string;
  /** Adult members of the household (null while no household is on file). */
  adults: number | null;
  /** The person who consented (or their guardian) and every co-signer. */
  signed: number;
  missing: MissingSigner[];
}

export interface ConsentView {
  id: string;
  status: ConsentStatus;
  subjectName: string;
  /** Masked. */
  subjectIdNumber: string;
  purposes: ConsentPurpose[];
  sensitiveData: boolean;
  textVersion: string;
  method: ConsentMethod;
  hasSignature: boolean;
  guardianName: string | null;
  householdId: string | null;
  givenAt: string;
  withdrawnAt: string | null;
  /** Co-resident adults who signed beside the person who consented. */
  signers: ConsentSignerView[];
  economicCheck: EconomicCheckAuthorisation;
}

/** The consent behind a household as a reviewer checks it: who recorded it and the signature. */
export interface ConsentRecord extends ConsentView {
  recordedByName: string | null;
  recordedByRole: string;
  /** PNG/JPEG data URL, null when given online or after withdrawal. */
  signatureImage: string | null;
  signers: ConsentSignerRecord[];
}

export interface GiveConsentBody {
  subjectName: string;
  subjectIdNumber: string;
  purposes: ConsentPurpose[];
  /** Separate consent to sensitive personal information. */
  sensitiveData: boolean;
  textVersion: string;
  method: ConsentMethod;
  /** PNG/JPEG data URL; required in person. */
  signatureImage?: string;
  /** Required under 14. */
  guardianName?: string;
  guardianIdNumber?: string;
  guardianRelation?: string;
  /** Other co-resident adults signing the authorisation (each with a signature). */
  signers?: ConsentSignerInput[];
}

export interface WithdrawConsentBody {
  reason?: string;
}
