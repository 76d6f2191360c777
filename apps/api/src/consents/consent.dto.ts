import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  RELATIONS,
  SUPPORTER_RELATIONS,
  type ConsentMethod,
  type ConsentPurpose,
  type Relation,
  type SupporterRelation,
} from '@zczr/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsChineseIdNumber } from '../common/validation.js';
import {
  ECONOMIC_CHECK_STATUSES,
  type ConsentRecord,
  type ConsentSignerInput,
  type ConsentSignerRecord,
  type ConsentSignerView,
  type ConsentView,
  type EconomicCheckAuthorisation,
  type EconomicCheckStatus,
  type GiveConsentBody,
  type MissingSigner,
  type WithdrawConsentBody,
} from '@zczr/contract';

/** A signature image: PNG/JPEG data URL, small enough to be stored encrypted in a TEXT column on MySQL. */
const SIGNATURE_IMAGE = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;
export const SIGNER_SIGNATURE_MAX_CHARS = 45_000;
export const MAX_CONSENT_SIGNERS = 10;

export class ConsentSignerDto implements ConsentSignerInput {
  @ApiProperty({ description: '签字人姓名' }) @IsString() @Matches(/^[\u4e00-\u9fa5·]{2,20}$/, { message: 'signers.name 须为 2–20 个汉字' }) name: string;
  @ApiProperty({ enum: SUPPORTER_RELATIONS, description: '与授权人的关系' }) @IsIn([...SUPPORTER_RELATIONS]) relation: SupporterRelation;
  @ApiProperty({ description: '签字人身份证号（加密保存，返回时脱敏）' }) @IsChineseIdNumber() idNumber: string;
  @ApiProperty({ description: '签字人手写签名图片 data URL' })
  @IsString()
  @MaxLength(SIGNER_SIGNATURE_MAX_CHARS, { message: '签名图片过大，请重新签名' })
  @Matches(SIGNATURE_IMAGE, { message: 'signers.signatureImage 须为 PNG/JPEG data URL' })
  signatureImage: string;
}

/** Current version of the consent text shown to residents (授权书). */
export const CONSENT_TEXT_VERSION = '2026-11';

export class CreateConsentDto implements GiveConsentBody {
  @ApiProperty({ description: '授权人姓名' }) @IsString() @Matches(/^[\u4e00-\u9fa5·]{2,20}$/, { message: 'subjectName 须为 2–20 个汉字' }) subjectName: string;
  @ApiProperty({ description: '授权人身份证号' }) @IsChineseIdNumber() subjectIdNumber: string;
  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(CONSENT_PURPOSES as unknown as string[], { each: true })
  purposes: ConsentPurpose[];
  @ApiProperty({ description: '单独同意处理敏感个人信息（身份证号、健康、残疾、金融账户等）' }) @IsBoolean() sensitiveData: boolean;
  @ApiProperty({ example: CONSENT_TEXT_VERSION }) @IsString() @MaxLength(16) textVersion: string;
  @ApiProperty({ enum: CONSENT_METHODS }) @IsIn(CONSENT_METHODS as unknown as string[]) method: ConsentMethod;
  @ApiPropertyOptional({ description: '手写签名图片 data URL（网格员当面采集时必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  @Matches(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, { message: 'signatureImage 须为 PNG/JPEG data URL' })
  signatureImage?: string;
  @ApiPropertyOptional({ description: '监护人姓名（授权人未满 14 周岁时必填）' })
  @IsOptional()
  @IsString()
  @Matches(/^[\u4e00-\u9fa5·]{2,20}$/)
  guardianName?: string;
  @ApiPropertyOptional() @IsOptional() @IsChineseIdNumber() guardianIdNumber?: string;
  @ApiPropertyOptional({ example: '父母' }) @IsOptional() @IsString() @Length(1, 24) guardianRelation?: string;
  @ApiPropertyOptional({ type: [ConsentSignerDto], description: '共同生活的其他成年家庭成员签字（经济状况核对须全部成年成员授权）' })
  @IsOptional()
  @ArrayMaxSize(MAX_CONSENT_SIGNERS)
  @ValidateNested({ each: true })
  @Type(() => ConsentSignerDto)
  signers?: ConsentSignerDto[];
}

export class WithdrawConsentDto implements WithdrawConsentBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) reason?: string;
}

export class ConsentSignerResponseDto implements ConsentSignerView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: SUPPORTER_RELATIONS }) relation: SupporterRelation;
  @ApiProperty() relationLabel: string;
  @ApiProperty({ description: '脱敏身份证号' }) idNumber: string;
  @ApiProperty() hasSignature: boolean;
  @ApiProperty() signedAt: string;
}

export class ConsentSignerRecordDto extends ConsentSignerResponseDto implements ConsentSignerRecord {
  @ApiProperty({ type: String, nullable: true, description: '手写签名图片（data URL）' }) signatureImage: string | null;
}

export class MissingSignerDto implements MissingSigner {
  @ApiProperty() name: string;
  @ApiProperty({ enum: RELATIONS }) relation: Relation;
  @ApiProperty() relationLabel: string;
  @ApiProperty() age: number;
}

export class EconomicCheckAuthorisationDto implements EconomicCheckAuthorisation {
  @ApiProperty({ enum: ECONOMIC_CHECK_STATUSES }) status: EconomicCheckStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ type: Number, nullable: true, description: '家庭中的成年成员人数（尚未建档时为空）' }) adults: number | null;
  @ApiProperty({ description: '已签字人数（授权人或其监护人，以及共同签字的成员）' }) signed: number;
  @ApiProperty({ type: [MissingSignerDto], description: '尚未签字的成年成员' }) missing: MissingSignerDto[];
}

export class ConsentResponseDto implements ConsentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['active', 'withdrawn'] }) status: 'active' | 'withdrawn';
  @ApiProperty() subjectName: string;
  @ApiProperty({ description: '脱敏身份证号' }) subjectIdNumber: string;
  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true }) purposes: ConsentPurpose[];
  @ApiProperty() sensitiveData: boolean;
  @ApiProperty() textVersion: string;
  @ApiProperty({ enum: CONSENT_METHODS }) method: ConsentMethod;
  @ApiProperty() hasSignature: boolean;
  @ApiProperty({ nullable: true }) guardianName: string | null;
  @ApiProperty({ nullable: true }) householdId: string | null;
  @ApiProperty() givenAt: string;
  @ApiProperty({ nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: [ConsentSignerResponseDto] }) signers: ConsentSignerResponseDto[];
  @ApiProperty({ type: EconomicCheckAuthorisationDto }) economicCheck: EconomicCheckAuthorisationDto;
}

export class ConsentRecordDto extends ConsentResponseDto implements ConsentRecord {
  @ApiProperty({ nullable: true, description: '采集人姓名' }) recordedByName: string | null;
  @ApiProperty({ description: '采集人角色' }) recordedByRole: string;
  @ApiProperty({ nullable: true, description: '手写签名图片（data URL）' }) signatureImage: string | null;
  @ApiProperty({ type: [ConsentSignerRecordDto] }) override signers: ConsentSignerRecordDto[];
}
