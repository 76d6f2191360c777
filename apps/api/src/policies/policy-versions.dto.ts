import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PolicyVersionDto, ReferenceCheckDto } from './policy.dto.js';
import type { ParameterDefinition, ParameterValue, PolicyDefinition, PolicyVersionDetail } from '@zczr/contract';

export class PolicyVersionDetailDto extends PolicyVersionDto implements PolicyVersionDetail {
  @ApiProperty() policyCode: string;
  @ApiProperty({ description: '该版本的完整定义 (PolicyDefinition JSON)' }) definition: PolicyDefinition;
  @ApiProperty({ type: [ReferenceCheckDto], description: '参考家庭在该版本下的结果（按当前参数测算）' }) references: ReferenceCheckDto[];
}

export class ParameterValueDto implements ParameterValue {
  @ApiProperty({ description: '区划代码前缀；空串为全国' }) region: string;
  @ApiProperty() effectiveFrom: string;
  @ApiPropertyOptional() effectiveTo?: string;
  @ApiProperty() value: number;
  @ApiPropertyOptional() source?: string;
}

export class ParameterDefinitionDto implements ParameterDefinition {
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional() unit?: string;
  @ApiProperty({ type: [ParameterValueDto] }) values: ParameterValueDto[];
}
