import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PolicyVersionDto, ReferenceCheckDto } from './policy.dto.js';

export class PolicyVersionDetailDto extends PolicyVersionDto {
  @ApiProperty() policyCode: string;
  @ApiProperty({ description: '该版本的完整定义 (PolicyDefinition JSON)' }) definition: Record<string, unknown>;
  @ApiProperty({ type: [ReferenceCheckDto], description: '参考家庭在该版本下的结果（按当前参数测算）' }) references: ReferenceCheckDto[];
}

export class ParameterValueDto {
  @ApiProperty({ description: '区划代码前缀；空串为全国' }) region: string;
  @ApiProperty() effectiveFrom: string;
  @ApiPropertyOptional() effectiveTo?: string;
  @ApiProperty() value: number;
  @ApiPropertyOptional() source?: string;
}

export class ParameterDefinitionDto {
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional() unit?: string;
  @ApiProperty({ type: [ParameterValueDto] }) values: ParameterValueDto[];
}
