import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ConditionResultDto {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['true', 'false', 'unknown'] }) outcome: 'true' | 'false' | 'unknown';
  @ApiPropertyOptional() fact?: string;
  @ApiPropertyOptional({ nullable: true, description: '本户的实际值' }) actual?: unknown;
  @ApiPropertyOptional() op?: string;
  @ApiPropertyOptional({ description: '要求的值' }) required?: unknown;
  @ApiPropertyOptional({ type: () => [ConditionResultDto] }) children?: ConditionResultDto[];
}

export class NearMissDto {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() label: string;
  @ApiProperty() fact: string;
  @ApiProperty() actual: unknown;
  @ApiProperty() required: unknown;
  @ApiPropertyOptional() gap?: number;
  @ApiProperty({ example: '家庭人均月收入比标准高 35 元' }) text: string;
}

export class BenefitEstimateDto {
  @ApiProperty() amount: number;
  @ApiProperty() unit: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { label: { type: 'string' }, amount: { type: 'number' } } } }) topUps: Array<{ label: string; amount: number }>;
}

export class PolicyResultDto {
  @ApiProperty() policyCode: string;
  @ApiPropertyOptional() policyVersion?: number;
  @ApiProperty() policyName: string;
  @ApiProperty() group: string;
  @ApiProperty() department: string;
  @ApiProperty({ description: '救助内容' }) benefitDescription: string;
  @ApiProperty({ type: [String] }) requiredDocuments: string[];
  @ApiProperty({ enum: ['eligible', 'ineligible', 'unknown'] }) outcome: 'eligible' | 'ineligible' | 'unknown';
  @ApiProperty({ type: [String], description: '决定结果所缺的事实' }) missingFacts: string[];
  @ApiProperty({ type: ConditionResultDto }) explanation: ConditionResultDto;
  @ApiProperty({ description: '一句话说明' }) summary: string;
  @ApiPropertyOptional({ type: BenefitEstimateDto }) benefit?: BenefitEstimateDto;
  @ApiPropertyOptional({ type: NearMissDto }) nearMiss?: NearMissDto;
}

export class HouseholdEligibilityDto {
  @ApiProperty() householdId: string;
  @ApiProperty({ description: '评估日期' }) asOf: string;
  @ApiProperty({ type: [PolicyResultDto] }) results: PolicyResultDto[];
}
