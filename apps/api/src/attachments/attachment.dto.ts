import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ATTACHMENT_KINDS, type AttachmentKind } from './attachment.entity.js';
import type { AttachmentView, UploadAttachmentFields } from '@zczr/contract';

export class UploadAttachmentDto implements UploadAttachmentFields {
  @ApiProperty({ format: 'uuid', description: '所属家庭档案' }) @IsUUID() householdId: string;
  @ApiPropertyOptional({ description: '所涉家庭成员的序号（从 0 开始）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(99) memberIndex?: number;
  @ApiProperty({ enum: ATTACHMENT_KINDS, description: 'medical_bill 医疗票据，certificate 证明材料，id_card 身份证，other 其他…' })
  @IsIn(ATTACHMENT_KINDS as unknown as string[])
  kind: AttachmentKind;
}

/** Multipart form, for the OpenAPI document. */
export class UploadAttachmentFormDto extends UploadAttachmentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG、PNG 或 WebP 照片' }) file: unknown;
}

export class ListAttachmentsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() householdId: string;
}

export class AttachmentResponseDto implements AttachmentView {
  @ApiProperty() id: string;
  @ApiProperty() householdId: string;
  @ApiProperty({ type: Number, nullable: true }) memberIndex: number | null;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind: AttachmentKind;
  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'image/webp'] }) mimeType: AttachmentView['mimeType'];
  @ApiProperty({ description: '字节数（已去除拍摄地点等元数据）' }) size: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty() uploadedByRole: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: '读取图片内容的地址' }) contentUrl: string;
  @ApiProperty({ type: String, nullable: true, description: '入户现场照片所属的核实任务' }) taskId: string | null;
}
