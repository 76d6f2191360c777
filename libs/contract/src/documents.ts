/** Attachments (photos of papers) and the reading of documents (OCR). */
import type { AttachmentKind } from './labels.js';

export interface AttachmentView {
  id: string;
  householdId: string;
  memberIndex: number | null;
  kind: AttachmentKind;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** Bytes, metadata (location…) stripped. */
  size: number;
  width: number;
  height: number;
  uploadedByRole: string;
  createdAt: string;
  contentUrl: string;
  /** A visit photo: the verification task it was taken for. */
  taskId: string | null;
}

/** Multipart fields sent with the file. */
export interface UploadAttachmentFields {
  householdId: string;
  memberIndex?: number;
  kind: AttachmentKind;
}

export interface OcrField {
  value: string | null;
  /** 0–1. */
  confidence: number;
  /** Must be checked by a person before use (always for an unconfirmed ID number). */
  needsConfirmation: boolean;
  note?: string;
  /** All readings of an ambiguous number, for a person to choose. */
  candidates?: string[];
}

export const ID_CARD_FRONT_FIELDS = ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'] as const;
export type IdCardFrontField = (typeof ID_CARD_FRONT_FIELDS)[number];
export const ID_CARD_BACK_FIELDS = ['issuingAuthority', 'validFrom', 'validUntil'] as const;
export type IdCardBackField = (typeof ID_CARD_BACK_FIELDS)[number];
export const DISABILITY_CERTIFICATE_FIELDS = ['name', 'sex', 'idNumber', 'certificateNumber', 'category', 'grade'] as const;
export type DisabilityCertificateField = (typeof DISABILITY_CERTIFICATE_FIELDS)[number];
export const HOUSEHOLD_REGISTER_FIELDS = [
  'name',
  'relationToHead',
  'sex',
  'ethnicity',
  'birthDate',
  'idNumber',
  'education',
  'maritalStatus',
  'employer',
  'occupation',
] as const;
export type HouseholdRegisterField = (typeof HOUSEHOLD_REGISTER_FIELDS)[number];

/** Labels of the fields read from documents. */
/** The ID card front's own printed labels (the words a resident checks against the card in hand). */
export const ID_CARD_PRINTED_LABELS: Readonly<Record<IdCardFrontField, string>> = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生',
  address: '住址',
  idNumber: '公民身份号码',
};

export const OCR_FIELD_LABELS: Readonly<Record<IdCardFrontField | IdCardBackField | DisabilityCertificateField | HouseholdRegisterField, string>> = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  address: '住址',
  idNumber: '身份证号',
  issuingAuthority: '签发机关',
  validFrom: '有效期起',
  validUntil: '有效期至',
  certificateNumber: '残疾人证号',
  category: '残疾类别',
  grade: '残疾等级',
  relationToHead: '与户主关系',
  education: '文化程度',
  maritalStatus: '婚姻状况',
  employer: '服务处所',
  occupation: '职业',
};

interface OcrResultBase {
  /** The document's outline was found (else the whole photo was read). */
  documentFound: boolean;
  /** Fields to check. */
  toConfirm: string[];
}

export type IdCardOcrResult = OcrResultBase &
  ({ document: 'id_card_front'; fields: Record<IdCardFrontField, OcrField> } | { document: 'id_card_back'; fields: Record<IdCardBackField, OcrField> });

export interface DisabilityCertificateOcrResult extends OcrResultBase {
  document: 'disability_certificate';
  fields: Record<DisabilityCertificateField, OcrField>;
}

export interface HouseholdRegisterOcrResult extends OcrResultBase {
  document: 'household_register';
  fields: Record<HouseholdRegisterField, OcrField>;
}

/** Multipart fields of the ID card OCR. */
export interface IdCardOcrFields {
  side: 'front' | 'back';
  /** Staff reading someone else's document: that person's consent. */
  consentId?: string;
  /** A resident reading their own card to verify their identity. */
  forIdentityBinding?: boolean;
}
