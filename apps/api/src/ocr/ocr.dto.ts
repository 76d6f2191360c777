import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { DisabilityCertificateOcrResult, HouseholdRegisterOcrResult, IdCardOcrFields, OcrField } from '@zczr/contract';

/** Multipart text fields arrive as strings. */
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class OcrGroundsDto {
  @ApiPropertyOptional({ description: '工作人员、网格员识别他人证件时必填：证件上本人（或其家庭）的有效授权编号' })
  @IsOptional()
  @IsUUID()
  consentId?: string;
}

export class IdCardOcrDto extends OcrGroundsDto implements IdCardOcrFields {
  @ApiProperty({ enum: ['front', 'back'], description: 'front 人像面（姓名、号码等），back 国徽面（签发机关、有效期限）' })
  @IsIn(['front', 'back'])
  side: 'front' | 'back';

  @ApiPropertyOptional({ type: Boolean, description: '居民实名认证时识别本人身份证：勾选即同意将识别结果用于实名认证（仅限尚未实名的居民）' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  forIdentityBinding?: boolean;
}

/** Multipart form of the OCR endpoints, for the OpenAPI document. */
export class IdCardOcrFormDto extends IdCardOcrDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG、PNG 或 WebP 照片' }) image: unknown;
}

export class DocumentOcrFormDto extends OcrGroundsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG、PNG 或 WebP 照片' }) image: unknown;
}

export class OcrFieldDto implements OcrField {
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty({ minimum: 0, maximum: 1, description: '识别可信度' }) confidence: number;
  @ApiProperty({ description: '须由本人或经办人核对后才能使用（身份证号码未经证实时一定为 true）' }) needsConfirmation: boolean;
  @ApiPropertyOptional({ description: '更正或存疑的说明' }) note?: string;
  @ApiPropertyOptional({ type: [String], description: '号码有歧义时的全部可能值，由人选择' }) candidates?: string[];
}

export class IdCardFrontFieldsDto {
  @ApiProperty({ type: OcrFieldDto }) name: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '男/女；按身份证号码' }) sex: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '如“汉”' }) ethnicity: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: 'YYYY-MM-DD；按身份证号码' }) birthDate: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) address: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) idNumber: OcrFieldDto;
}

export class IdCardBackFieldsDto {
  @ApiProperty({ type: OcrFieldDto }) issuingAuthority: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: 'YYYY-MM-DD' }) validFrom: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: 'YYYY-MM-DD 或“长期”' }) validUntil: OcrFieldDto;
}

export class DisabilityCertificateFieldsDto {
  @ApiProperty({ type: OcrFieldDto }) name: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) sex: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) idNumber: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '20 位：身份证号码 + 类别 + 等级' }) certificateNumber: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '如“肢体残疾”' }) category: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '如“二级”' }) grade: OcrFieldDto;
}

export class HouseholdRegisterFieldsDto {
  @ApiProperty({ type: OcrFieldDto }) name: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '户主或与户主关系' }) relationToHead: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) sex: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '如“汉族”' }) ethnicity: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) birthDate: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '公民身份证件编号' }) idNumber: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) education: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) maritalStatus: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto, description: '服务处所' }) employer: OcrFieldDto;
  @ApiProperty({ type: OcrFieldDto }) occupation: OcrFieldDto;
}

class OcrResultBase {
  @ApiProperty({ description: '照片中是否找到了证件轮廓（否则按整张照片识别，结果更需核对）' }) documentFound: boolean;
  @ApiProperty({ type: [String], description: '需要核对的字段名' }) toConfirm: string[];
}

export class IdCardOcrResultDto extends OcrResultBase {
  @ApiProperty({ enum: ['id_card_front', 'id_card_back'] }) document: 'id_card_front' | 'id_card_back';
  @ApiProperty({ oneOf: [{ $ref: '#/components/schemas/IdCardFrontFieldsDto' }, { $ref: '#/components/schemas/IdCardBackFieldsDto' }] })
  fields: IdCardFrontFieldsDto | IdCardBackFieldsDto;
}

export class DisabilityCertificateOcrResultDto extends OcrResultBase implements DisabilityCertificateOcrResult {
  @ApiProperty({ enum: ['disability_certificate'] }) document: 'disability_certificate';
  @ApiProperty({ type: DisabilityCertificateFieldsDto }) fields: DisabilityCertificateFieldsDto;
}

export class HouseholdRegisterOcrResultDto extends OcrResultBase implements HouseholdRegisterOcrResult {
  @ApiProperty({ enum: ['household_register'] }) document: 'household_register';
  @ApiProperty({ type: HouseholdRegisterFieldsDto }) fields: HouseholdRegisterFieldsDto;
}
