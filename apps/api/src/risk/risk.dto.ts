import { ApiProperty } from '@nestjs/swagger';
import type { RiskColour } from './risk.entity.js';
import type { HouseholdRisk, IncomeCircle, RiskHistoryItem } from '@zczr/contract';

export class RiskHistoryItemDto implements RiskHistoryItem {
  @ApiProperty() score: number;
  @ApiProperty({ enum: ['orange', 'yellow', 'blue', 'green'] }) colour: RiskColour;
  @ApiProperty({ nullable: true, description: '收入圈层 1–4' }) circle: IncomeCircle | null;
  @ApiProperty({ description: '重新计算的原因：import / monitoring / task_accepted' }) reason: string;
  @ApiProperty() at: string;
}

export class HouseholdRiskDto implements HouseholdRisk {
  @ApiProperty() householdId: string;
  @ApiProperty({ nullable: true, description: '风险分 0–100' }) score: number | null;
  @ApiProperty({ nullable: true, enum: ['orange', 'yellow', 'blue', 'green'] }) colour: RiskColour | null;
  @ApiProperty({ nullable: true }) colourLabel: string | null;
  @ApiProperty({ nullable: true, description: '收入圈层：1 特困/低保，2 ≤1.5 倍标准，3 ≤2 倍标准，4 刚性支出/急难' }) circle: IncomeCircle | null;
  @ApiProperty({ description: '各维度指标 0–1：收入、健康、残疾、就业、教育、住房、照护、突发事件', type: Object }) indicators: Record<string, number>;
  @ApiProperty({ nullable: true }) updatedAt: string | null;
  @ApiProperty({ type: [RiskHistoryItemDto] }) history: RiskHistoryItemDto[];
}
