import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { WarningEntity } from './warning.entity.js';

export const COLOURS = ['orange', 'yellow', 'blue'] as const;
export const COLOUR_LABELS: Record<(typeof COLOURS)[number] | 'green', string> = { orange: '橙色（高风险，立即处置）', yellow: '黄色（中风险，限期跟进）', blue: '蓝色（低风险，常规关注）', green: '绿色（正常）' };

export class WarningQuery {
  @ApiPropertyOptional({ enum: COLOURS, description: '预警颜色' }) @IsOptional() @IsIn([...COLOURS]) colour?: (typeof COLOURS)[number];
  @ApiPropertyOptional({ description: '预警规则代码' }) @IsOptional() @IsString() @MaxLength(40) rule?: string;
  @ApiPropertyOptional({ description: '街道代码（9 位）' }) @IsOptional() @Matches(/^\d{9}$/) streetCode?: string;
  @ApiPropertyOptional({ enum: ['open', 'tasked', 'closed'] }) @IsOptional() @IsIn(['open', 'tasked', 'closed']) status?: 'open' | 'tasked' | 'closed';
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional({ enum: ['recent', 'severity'], default: 'recent', description: 'severity：未处置的在前，橙色、黄色、蓝色依次，其次最新' }) @IsOptional() @IsIn(['recent', 'severity']) sort?: 'recent' | 'severity';
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class WarningDto {
  @ApiProperty() id: string;
  @ApiProperty() householdId: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty({ description: '规则名称' }) ruleName: string;
  @ApiProperty({ enum: COLOURS }) colour: string;
  @ApiProperty({ description: '颜色说明' }) colourLabel: string;
  @ApiProperty({ enum: ['open', 'tasked', 'closed'] }) status: string;
  @ApiProperty({ description: '触发依据（金额、日期、成员关系与年龄；不含姓名、证件号）', type: Object }) evidence: Record<string, unknown>;
  @ApiProperty() streetCode: string;
  @ApiProperty() gridId: string;
  @ApiProperty({ nullable: true }) taskId: string | null;
  @ApiProperty({ enum: ['import', 'monitoring', 'declared'], description: 'declared：家庭或网格员申报（提交、入户核实）' }) source: string;
  @ApiProperty() raisedAt: string;
}

export class WarningPageDto {
  @ApiProperty({ type: [WarningDto] }) items: WarningDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class WarningRuleDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: COLOURS }) colour: string;
  @ApiProperty({ description: '同一家庭同一规则不重复预警的天数' }) windowDays: number;
  @ApiProperty() enabled: boolean;
}

export class MonitoringParameterDto {
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true }) unit: string | null;
  @ApiProperty({ description: '适用区划代码前缀（空为全国默认）' }) region: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ nullable: true }) effectiveTo: string | null;
  @ApiProperty() value: number;
}

export class WarningRulesDto {
  @ApiProperty({ type: [WarningRuleDto] }) rules: WarningRuleDto[];
  @ApiProperty({ type: [MonitoringParameterDto], description: '预警阈值、风险权重与复核周期（按区划和日期生效）' }) parameters: MonitoringParameterDto[];
}

export function toWarningDto(w: WarningEntity, ruleName: string): WarningDto {
  return {
    id: w.id, householdId: w.householdId, ruleCode: w.ruleCode, ruleName, colour: w.severity, colourLabel: COLOUR_LABELS[w.severity], status: w.status,
    evidence: JSON.parse(w.evidence) as Record<string, unknown>, streetCode: w.streetCode, gridId: w.gridId, taskId: w.taskId, source: w.source, raisedAt: w.raisedAt,
  };
}
