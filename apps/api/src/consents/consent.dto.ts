import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentMethod, type ConsentPurpose } from '@zczr/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsChineseIdNumber } from '../common/validation.js';
import type { ConsentRecord, ConsentView, GiveConsentBody, WithdrawConsentBody } from '@zczr/contract';

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
}

export class WithdrawConsentDto implements WithdrawConsentBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) reason?: string;
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
}

export class ConsentRecordDto extends ConsentResponseDto implements ConsentRecord {
  @ApiProperty({ nullable: true, description: '采集人姓名' }) recordedByName: string | null;
  @ApiProperty({ description: '采集人角色' }) recordedByRole: string;
  @ApiProperty({ nullable: true, description: '手写签名图片（data URL）' }) signatureImage: string | null;
}
