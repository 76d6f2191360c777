/**
 * What the API answers and accepts, as the mini-program names it: the shapes come from
 * @zczr/contract (one definition for the API and both front ends); only the phone's own names are here.
 */
import type {
  ConsentView,
  CreateHouseholdBody as ContractCreateHouseholdBody,
  GiveConsentBody,
  HouseholdView,
  IdCardFrontField,
  IdCardOcrResult as ContractIdCardOcrResult,
  NotificationView,
  SubmissionView,
  TaskView,
} from '@zczr/contract';

export type {
  Grid,
  HouseholdEligibility,
  HouseholdSummary,
  HouseholdWriteResult,
  Me,
  MemberView,
  MessageTemplate,
  OcrField,
  Page,
  PolicyDetail,
  PolicySummary,
  TaskPage,
  TokenPair,
  VisitFindings,
  WarningView,
} from '@zczr/contract';
export type { PolicyMatch as PolicyResult } from '@zczr/contract';

export type Consent = ConsentView;
export type ConsentInput = GiveConsentBody;
export type CreateHouseholdBody = ContractCreateHouseholdBody;
/** A household as the phone sends it; the consent is added on submission. */
export type HouseholdBody = Omit<ContractCreateHouseholdBody, 'consentId'>;
export type Household = HouseholdView;
export type Submission = SubmissionView;
export type Task = TaskView;
export type IdCardFieldName = IdCardFrontField;
export type AppNotification = NotificationView;
/** The mini-program reads the front of the ID card only (side=front). */
export type IdCardOcrResult = Extract<ContractIdCardOcrResult, { document: 'id_card_front' }>;
