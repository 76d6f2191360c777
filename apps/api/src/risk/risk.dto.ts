import { ApiProperty } from '@nestjs/swagger';
import type { RiskColour } from './risk.entity.js';

export const COLOUR_NAMES: Record<RiskColour, string> = { orange: '橙色（高风险）', yellow: '黄色（中风险）', blue: '蓝色（低风险）', green: '绿色（正常）' };

export class RiskHistoryItemDto {
  @ApiProperty() score: number;
  @ApiProperty({ enum: ['orange', 'yellow', 'blue', 'green'] }) colour: string;
  @ApiProperty({ nullable: true, description: '收入圈层 1–4' }) circle: number | null;
  @ApiProperty({ description: '重新计算的原因：import / monitoring / task_accepted' }) reason: string;
  @ApiProperty() at: string;
}

export class HouseholdRiskDto {
  @ApiProperty() householdId: string;
  @ApiProperty({ nullable: true, description: '风险分 0–100' }) score: number | null;
  @ApiProperty({ nullable: true, enum: ['orange', 'yellow', 'blue', 'green'] }) colour: string | null;
  @ApiProperty({ nullable: true }) colourLabel: string | null;
  @ApiProperty({ nullable: true, description: '收入圈层：1 特困/低保，2 ≤1.5 倍标准，3 ≤2 倍标准，4 刚性支出/急难' }) circle: number | null;
  @ApiProperty({ description: '各维度指标 0–1：收入、健康、残疾、就业、教育、住房、照护、突发事件', type: Object }) indicators: Record<string, number>;
  @ApiProperty({ nullable: true }) updatedAt: string | null;
  @ApiProperty({ type: [RiskHistoryItemDto] }) history: RiskHistoryItemDto[];
}
