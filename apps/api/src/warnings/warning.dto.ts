import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { WarningEntity } from './warning.entity.js';
import { WARNING_COLOUR_LABELS, WARNING_COLOURS } from '@zczr/contract';
import type {
  MonitoringParameter,
  Page,
  WarningColour,
  WarningListQuery,
  WarningRule,
  WarningRules,
  WarningSource,
  WarningStatus,
  WarningView,
} from '@zczr/contract';

export class WarningQuery implements WarningListQuery {
  @ApiPropertyOptional({ enum: WARNING_COLOURS, description: '预警颜色' }) @IsOptional() @IsIn([...WARNING_COLOURS]) colour?: WarningColour;
  @ApiPropertyOptional({ description: '预警规则代码' }) @IsOptional() @IsString() @MaxLength(40) rule?: string;
  @ApiPropertyOptional({ description: '街道代码（9 位）' }) @IsOptional() @Matches(/^\d{9}$/) streetCode?: string;
  @ApiPropertyOptional({ enum: ['open', 'tasked', 'closed'] }) @IsOptional() @IsIn(['open', 'tasked', 'closed']) status?: 'open' | 'tasked' | 'closed';
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional({ enum: ['recent', 'severity'], default: 'recent', description: 'severity：未处置的在前，橙色、黄色、蓝色依次，其次最新' })
  @IsOptional()
  @IsIn(['recent', 'severity'])
  sort?: 'recent' | 'severity';
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class WarningDto implements WarningView {
  @ApiProperty() id: string;
  @ApiProperty() householdId: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty({ description: '规则名称' }) ruleName: string;
  @ApiProperty({ enum: WARNING_COLOURS }) colour: WarningColour;
  @ApiProperty({ description: '颜色说明' }) colourLabel: string;
  @ApiProperty({ enum: ['open', 'tasked', 'closed'] }) status: WarningStatus;
  @ApiProperty({ description: '触发依据（金额、日期、成员关系与年龄；不含姓名、证件号）', type: Object }) evidence: Record<string, unknown>;
  @ApiProperty() streetCode: string;
  @ApiProperty() gridId: string;
  @ApiProperty({ nullable: true }) taskId: string | null;
  @ApiProperty({ enum: ['import', 'monitoring', 'declared'], description: 'declared：家庭或网格员申报（提交、入户核实）' }) source: WarningSource;
  @ApiProperty() raisedAt: string;
}

export class WarningPageDto implements Page<WarningView> {
  @ApiProperty({ type: [WarningDto] }) items: WarningDto[];
  @ApiProperty() total: number;
  @ApiPropertyOptional({ description: 'false：total 为下限（数量很大，精确数正在后台统计，稍后的请求给出）；缺省为精确数' }) totalExact?: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class WarningRuleDto implements WarningRule {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: WARNING_COLOURS }) colour: WarningColour;
  @ApiProperty({ description: '同一家庭同一规则不重复预警的天数' }) windowDays: number;
  @ApiProperty() enabled: boolean;
}

export class MonitoringParameterDto implements MonitoringParameter {
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true }) unit: string | null;
  @ApiProperty({ description: '适用区划代码前缀（空为全国默认）' }) region: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ nullable: true }) effectiveTo: string | null;
  @ApiProperty() value: number;
}

export class WarningRulesDto implements WarningRules {
  @ApiProperty({ type: [WarningRuleDto] }) rules: WarningRuleDto[];
  @ApiProperty({ type: [MonitoringParameterDto], description: '预警阈值、风险权重与复核周期（按区划和日期生效）' }) parameters: MonitoringParameterDto[];
}

export function toWarningDto(w: WarningEntity, ruleName: string): WarningDto {
  return {
    id: w.id,
    householdId: w.householdId,
    ruleCode: w.ruleCode,
    ruleName,
    colour: w.severity,
    colourLabel: WARNING_COLOUR_LABELS[w.severity],
    status: w.status,
    evidence: JSON.parse(w.evidence) as Record<string, unknown>,
    streetCode: w.streetCode,
    gridId: w.gridId,
    taskId: w.taskId,
    source: w.source,
    raisedAt: w.raisedAt,
  };
}
