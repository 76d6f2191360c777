/** Consents (授权同意): no personal data without an active one. */
import type { ConsentMethod, ConsentPurpose } from '@zczr/domain';
import type { ConsentStatus } from './labels.js';

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
}

/** The consent behind a household as a reviewer checks it: who recorded it and the signature. */
export interface ConsentRecord extends ConsentView {
  recordedByName: string | null;
  recordedByRole: string;
  /** PNG/JPEG data URL, null when given online or after withdrawal. */
  signatureImage: string | null;
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
}

export interface WithdrawConsentBody {
  reason?: string;
}
