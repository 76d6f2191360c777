import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ScreeningRunEntity } from './screening.entity.js';
import type {
  FlaggedHousehold,
  Page,
  PageQuery,
  PolicyCounts,
  ScreeningHit,
  ScreeningPolicyResult,
  ScreeningResults,
  ScreeningRun,
  ScreeningStatus,
} from '@zczr/contract';
import type * as contract from '@zczr/contract';

export class PolicyCountsDto implements PolicyCounts {
  @ApiProperty() policyCode: string;
  @ApiProperty({ description: '使用的政策版本' }) version: number;
  @ApiProperty() eligible: number;
  @ApiProperty({ description: '自上次筛查以来新增符合' }) newlyEligible: number;
  @ApiProperty({ description: '正在享受但已不再符合（退出候选，含渐退期）' }) exitCandidates: number;
  @ApiProperty({ description: '信息不全，无法判断' }) unknown: number;
}

export class ScreeningRunDto implements ScreeningRun {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['running', 'completed', 'cancelled', 'failed'] }) status: ScreeningStatus;
  @ApiProperty() asOf: string;
  @ApiProperty() total: number;
  @ApiProperty() processed: number;
  @ApiProperty({ description: '进度 0–100' }) progress: number;
  @ApiProperty({ type: [PolicyCountsDto] }) policies: PolicyCountsDto[];
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true }) finishedAt: string | null;
  @ApiProperty({ nullable: true }) error: string | null;
}

export class HitsQuery implements contract.HitsQuery {
  @ApiProperty() @IsString() @MaxLength(40) policyCode: string;
  @ApiProperty({ enum: ['newly_eligible', 'exit_candidate', 'unknown'] }) @IsIn(['newly_eligible', 'exit_candidate', 'unknown']) category:
    'newly_eligible' | 'exit_candidate' | 'unknown';
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class HitDto implements ScreeningHit {
  @ApiProperty() householdId: string;
  @ApiProperty({ type: [String] }) missingFacts: string[];
  @ApiProperty({ nullable: true, description: '渐退期截止日' }) graceUntil: string | null;
}

export class HitPageDto implements Page<ScreeningHit> {
  @ApiProperty({ type: [HitDto] }) items: HitDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toRunDto(r: ScreeningRunEntity): ScreeningRunDto {
  return {
    id: r.id,
    status: r.status,
    asOf: r.asOf,
    total: r.total,
    processed: r.processed,
    progress: r.total === 0 ? (r.status === 'completed' ? 100 : 0) : Math.min(100, Math.round((r.processed / r.total) * 100)),
    policies: JSON.parse(r.summary) as PolicyCounts[],
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: r.error,
  };
}

// ---- console: run list, results with names, flagged households, export ----------------------

const DRILL_CATEGORIES = ['eligible', 'newly_eligible', 'exit_candidate', 'unknown'] as const;

export class ScreeningListQuery implements PageQuery {
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}

export class ScreeningRunPageDto implements Page<ScreeningRun> {
  @ApiProperty({ type: [ScreeningRunDto] }) items: ScreeningRunDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class PolicyResultDto extends PolicyCountsDto implements ScreeningPolicyResult {
  @ApiProperty({ description: '政策名称' }) policyName: string;
}

export class ScreeningResultsDto implements ScreeningResults {
  @ApiProperty({ type: ScreeningRunDto }) run: ScreeningRunDto;
  @ApiProperty({ type: [PolicyResultDto], description: '按新增符合、退出候选从多到少排列' }) policies: PolicyResultDto[];
}

export class FlaggedHouseholdsQuery implements contract.FlaggedHouseholdsQuery {
  @ApiProperty() @IsString() @MaxLength(40) policyCode: string;
  @ApiProperty({ enum: DRILL_CATEGORIES, description: 'eligible 为当前符合（实时结果），其余为本次筛查标记' })
  @IsIn([...DRILL_CATEGORIES])
  category: (typeof DRILL_CATEGORIES)[number];
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class FlaggedHouseholdDto implements FlaggedHousehold {
  @ApiProperty() householdId: string;
  @ApiProperty({ description: '户主姓名（脱敏）' }) headNameMasked: string;
  @ApiProperty() memberCount: number;
  @ApiProperty() streetCode: string;
  @ApiProperty() streetName: string;
  @ApiProperty() communityName: string;
  @ApiProperty() gridName: string;
  @ApiProperty({ type: [String] }) missingFacts: string[];
  @ApiProperty({ type: [String], description: '缺少的信息（中文）' }) missingFactLabels: string[];
  @ApiProperty({ nullable: true, description: '渐退期截止日' }) graceUntil: string | null;
}

export class FlaggedHouseholdPageDto implements Page<FlaggedHousehold> {
  @ApiProperty({ type: [FlaggedHouseholdDto] }) items: FlaggedHouseholdDto[];
  @ApiProperty() total: number;
  @ApiPropertyOptional({ description: 'false：total 为下限（数量很大，精确数正在后台统计，稍后的请求给出）；缺省为精确数' }) totalExact?: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ScreeningExportQuery implements contract.ScreeningExportQuery {
  @ApiPropertyOptional({ description: '只导出一项政策' }) @IsOptional() @IsString() @MaxLength(40) policyCode?: string;
  @ApiPropertyOptional({ enum: ['newly_eligible', 'exit_candidate', 'unknown'] })
  @IsOptional()
  @IsIn(['newly_eligible', 'exit_candidate', 'unknown'])
  category?: 'newly_eligible' | 'exit_candidate' | 'unknown';
}
