import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CompareOp, FactName, FactValue, PolicyGroup } from '@zczr/eligibility';
import type { BenefitEstimate, ConditionResult, HouseholdEligibility, NearMiss, PolicyMatch } from '@zczr/contract';

export class ConditionResultDto implements ConditionResult {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['true', 'false', 'unknown'] }) outcome: 'true' | 'false' | 'unknown';
  @ApiPropertyOptional() fact?: FactName;
  @ApiPropertyOptional({ nullable: true, description: '本户的实际值' }) actual?: FactValue | null;
  @ApiPropertyOptional() op?: CompareOp;
  @ApiPropertyOptional({ description: '要求的值' }) required?: FactValue;
  @ApiPropertyOptional({ type: () => [ConditionResultDto] }) children?: ConditionResultDto[];
}

export class NearMissDto implements NearMiss {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() label: string;
  @ApiProperty() fact: FactName;
  @ApiProperty() actual: FactValue;
  @ApiProperty() required: FactValue;
  @ApiPropertyOptional() gap?: number;
  @ApiProperty({ example: '家庭人均月收入比标准高 35 元' }) text: string;
}

export class BenefitEstimateDto implements BenefitEstimate {
  @ApiProperty() amount: number;
  @ApiProperty() unit: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { label: { type: 'string' }, amount: { type: 'number' } } } }) topUps: Array<{
    label: string;
    amount: number;
  }>;
}

export class PolicyResultDto implements PolicyMatch {
  @ApiProperty() policyCode: string;
  @ApiPropertyOptional() policyVersion?: number;
  @ApiProperty() policyName: string;
  @ApiProperty() group: PolicyGroup;
  @ApiProperty() department: string;
  @ApiProperty({ description: '救助内容' }) benefitDescription: string;
  @ApiProperty({ type: [String] }) requiredDocuments: string[];
  @ApiProperty({ enum: ['eligible', 'ineligible', 'unknown'] }) outcome: 'eligible' | 'ineligible' | 'unknown';
  @ApiProperty({ type: [String], description: '决定结果所缺的事实' }) missingFacts: FactName[];
  @ApiProperty({ type: ConditionResultDto }) explanation: ConditionResultDto;
  @ApiProperty({ description: '一句话说明' }) summary: string;
  @ApiPropertyOptional({ type: BenefitEstimateDto }) benefit?: BenefitEstimateDto;
  @ApiPropertyOptional({ type: NearMissDto }) nearMiss?: NearMissDto;
}

export class HouseholdEligibilityDto implements HouseholdEligibility {
  @ApiProperty() householdId: string;
  @ApiProperty({ description: '评估日期' }) asOf: string;
  @ApiProperty({ type: [PolicyResultDto] }) results: PolicyResultDto[];
}
