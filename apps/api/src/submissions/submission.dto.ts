import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '@zczr/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { FieldChangeDto } from '../households/household.dto.js';
import type { AutoCheck, CheckOutcome, Page, ReviewSubmissionBody, SubmissionListQuery, SubmissionStatusChange, SubmissionView } from '@zczr/contract';

export class ReviewSubmissionDto implements ReviewSubmissionBody {
  @ApiProperty({ enum: ['approve', 'return', 'reject'] }) @IsIn(['approve', 'return', 'reject']) decision: 'approve' | 'return' | 'reject';
  @ApiPropertyOptional({ description: '退回或驳回时必填' })
  @ValidateIf((o: ReviewSubmissionDto) => o.decision !== 'approve' || o.reason !== undefined)
  @IsString()
  @Length(2, 500, { message: '退回或驳回须填写 2–500 字的理由' })
  reason?: string;
}

export class ListSubmissionsQuery implements SubmissionListQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES }) @IsOptional() @IsIn(SUBMISSION_STATUSES as unknown as string[]) status?: SubmissionStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
}

export class AutoCheckDto implements AutoCheck {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ['pass', 'warn', 'fail'] }) outcome: CheckOutcome;
  @ApiProperty() message: string;
}

export class StatusChangeDto implements SubmissionStatusChange {
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status: SubmissionStatus;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
  @ApiPropertyOptional() reason?: string;
}

export class SubmissionResponseDto implements SubmissionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['create', 'update'] }) kind: 'create' | 'update';
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status: SubmissionStatus;
  @ApiProperty() householdId: string;
  @ApiProperty() baseVersion: number;
  @ApiProperty() streetCode: string;
  @ApiProperty() gridId: string;
  @ApiProperty({ type: [AutoCheckDto] }) checks: AutoCheckDto[];
  @ApiProperty({ type: [StatusChangeDto] }) history: StatusChangeDto[];
  @ApiProperty({ type: [FieldChangeDto], description: '与当前档案相比的字段级差异（按角色脱敏）' }) changes: FieldChangeDto[];
  @ApiProperty() submittedBy: string;
  @ApiProperty() submittedByRole: string;
  @ApiProperty({ nullable: true }) reviewReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class SubmissionPageDto implements Page<SubmissionView> {
  @ApiProperty({ type: [SubmissionResponseDto] }) items: SubmissionResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
