import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  PARAMETER_CHANGE_STATUSES,
  type DecideParameterChangeBody,
  type ParameterChangeListQuery,
  type ParameterChangeStatus,
  type ParameterChangeView,
  type ParameterOverview,
  type ParameterOverviewItem,
  type ProposeParameterChangeBody,
  type UpcomingParameterValue,
} from '@zczr/contract';
import { ParameterValueDto } from '../policies/policy-versions.dto.js';

/** The widest value any parameter may take; each is also held within 10× of its value in force by the service. */
export const PARAMETER_VALUE_MAX = 1_000_000;

export class ProposeParameterChangeDto implements ProposeParameterChangeBody {
  @ApiProperty({ description: '参数名（如 dibao_standard）' }) @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/) name: string;
  @ApiProperty({ description: '区划代码前缀：本市（4 位）或本区（6 位）' }) @IsString() @Matches(/^\d{4,12}$/) region: string;
  @ApiProperty({ description: '生效日期 YYYY-MM-DD，不早于今天' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveFrom: string;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(PARAMETER_VALUE_MAX) value: number;
  @ApiProperty({ description: '依据文件/文号' }) @IsString() @IsNotEmpty() @MaxLength(255) basis: string;
}

export class DecideParameterChangeDto implements DecideParameterChangeBody {
  @ApiPropertyOptional({ description: '审批意见；驳回时必填' }) @IsOptional() @IsString() @MaxLength(255) note?: string;
}

export class ParameterChangeListQueryDto implements ParameterChangeListQuery {
  @ApiPropertyOptional({ enum: PARAMETER_CHANGE_STATUSES }) @IsOptional() @IsIn(PARAMETER_CHANGE_STATUSES) status?: ParameterChangeStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) name?: string;
}

export class UpcomingParameterValueDto implements UpcomingParameterValue {
  @ApiProperty() region: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty() value: number;
}

export class ParameterOverviewItemDto implements ParameterOverviewItem {
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional() unit?: string;
  @ApiProperty({ type: Number, nullable: true }) currentValue: number | null;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: String, nullable: true }) effectiveFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: UpcomingParameterValueDto, nullable: true }) @Type(() => UpcomingParameterValueDto) next: UpcomingParameterValueDto | null;
  @ApiProperty({ type: [ParameterValueDto] }) history: ParameterValueDto[];
}

export class ParameterOverviewDto implements ParameterOverview {
  @ApiProperty() districtCode: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty() canPropose: boolean;
  @ApiProperty({ type: [ParameterOverviewItemDto] }) items: ParameterOverviewItemDto[];
}

export class ParameterChangeDto implements ParameterChangeView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional() unit?: string;
  @ApiProperty() region: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty() value: number;
  @ApiProperty({ type: Number, nullable: true }) previousValue: number | null;
  @ApiProperty() basis: string;
  @ApiProperty({ enum: PARAMETER_CHANGE_STATUSES }) status: ParameterChangeStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() proposedByName: string;
  @ApiProperty() proposedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
  @ApiProperty({ type: String, nullable: true }) appliedAt: string | null;
  @ApiProperty() canDecide: boolean;
}
