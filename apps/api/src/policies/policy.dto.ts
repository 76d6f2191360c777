import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { PolicyGroup } from '@zczr/eligibility';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type {
  ApplyGuide,
  PolicyDefinition,
  PolicyDetail,
  PolicyListQuery,
  PolicyOutcome,
  PolicyPreview,
  PolicySummary,
  PolicyVersion,
  PolicyVersionStatus,
  PreviewSample,
  PreviewStreet,
  PublishBody,
  ReferenceCheck,
} from '@zczr/contract';

export class ListPoliciesQuery implements PolicyListQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(24) group?: PolicyGroup;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(24) department?: string;
  @ApiPropertyOptional({ description: '按名称、救助内容检索' }) @IsOptional() @IsString() @MaxLength(40) q?: string;
}

/** The definition is checked whole by the service (parseDefinition), so it arrives untyped; the contract's SaveDraftBody is what clients send. */
export class SaveDraftDto {
  @ApiProperty({ description: '完整的政策定义 (PolicyDefinition JSON)' }) @IsObject() definition: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) changeNote?: string;
}

export class CreatePolicyDto extends SaveDraftDto {}

export class PublishDto implements PublishBody {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

/** The rule is checked by the service; the contract's PreviewBody is what clients send. */
export class PreviewDto {
  @ApiProperty({ description: '待评估的规则草稿 (Rule JSON)；省略则用最新草稿' }) @IsOptional() @IsObject() rule?: Record<string, unknown>;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(50) sampleSize?: number;
}

export class PolicySummaryDto implements PolicySummary {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() group: PolicyGroup;
  @ApiProperty() department: string;
  @ApiProperty() benefit: string;
  @ApiProperty({ nullable: true }) publishedVersion: number | null;
  @ApiProperty() latestVersion: number;
}

export class PolicyVersionDto implements PolicyVersion {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['draft', 'published', 'superseded'] }) status: PolicyVersionStatus;
  @ApiProperty({ nullable: true }) changeNote: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) publishedAt: string | null;
}

export class ReferenceCheckDto implements ReferenceCheck {
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['eligible', 'ineligible', 'unknown'] }) expected: PolicyOutcome;
  @ApiProperty({ enum: ['eligible', 'ineligible', 'unknown'] }) actual: PolicyOutcome;
  @ApiProperty({ type: [String] }) missing: string[];
  @ApiProperty() ok: boolean;
}

export class ApplyGuideDto implements ApplyGuide {
  @ApiProperty({ description: '到哪里办' }) office: string;
  @ApiProperty({ description: '咨询电话' }) phone: string;
  @ApiProperty({ type: [String], description: '需要准备的材料' }) documents: string[];
  @ApiProperty({ type: [String], description: '办理步骤' }) steps: string[];
  @ApiProperty({ type: [String], description: '本地现行标准，如“城乡低保标准：920 元/人/月”' }) standards: string[];
  @ApiProperty({ nullable: true, description: '金额怎么算' }) amountRule: string | null;
}

export class PolicyDetailDto extends PolicySummaryDto implements PolicyDetail {
  @ApiProperty({ type: ApplyGuideDto, description: '怎么申请：办理地点、电话、材料、步骤、现行标准' }) howToApply: ApplyGuideDto;
  @ApiProperty({ description: '当前生效（或最新草稿）的完整定义' }) definition: PolicyDefinition;
  @ApiProperty({ description: '定义所属版本' }) version: number;
  @ApiProperty({ type: [PolicyVersionDto] }) versions: PolicyVersionDto[];
  @ApiProperty({ type: [ReferenceCheckDto], description: '参考家庭在该版本下的结果' }) references: ReferenceCheckDto[];
}

export class PreviewStreetDto implements PreviewStreet {
  @ApiProperty() streetCode: string;
  @ApiProperty() streetName: string;
  @ApiProperty() newlyEligible: number;
  @ApiProperty() noLongerEligible: number;
  @ApiProperty() eligibleAfter: number;
  @ApiProperty() unknownAfter: number;
}

export class PreviewSampleDto implements PreviewSample {
  @ApiProperty() householdId: string;
  @ApiProperty() streetCode: string;
  @ApiProperty({ enum: ['newly_eligible', 'no_longer_eligible'] }) change: PreviewSample['change'];
}

export class PreviewResultDto implements PolicyPreview {
  @ApiProperty() policyCode: string;
  @ApiProperty() asOf: string;
  @ApiProperty() households: number;
  @ApiProperty() eligibleBefore: number;
  @ApiProperty() eligibleAfter: number;
  @ApiProperty() newlyEligible: number;
  @ApiProperty() noLongerEligible: number;
  @ApiProperty() unknownAfter: number;
  @ApiProperty({ type: [PreviewStreetDto] }) byStreet: PreviewStreetDto[];
  @ApiProperty({ type: [PreviewSampleDto] }) sample: PreviewSampleDto[];
  @ApiProperty({ description: '计算耗时（毫秒）' }) tookMs: number;
}

/** Drafting, previewing and publishing a policy rule is district work (区级民政); streets read the library. */
export const PUBLISH_ROLES = ['district_reviewer'] as const;
export const EDIT_ROLES = ['district_reviewer'] as const;
/** Version history and the parameter table: every reviewer reads them. */
export const READ_ROLES = ['street_reviewer', 'district_reviewer'] as const;
export const POLICY_CODE = /^[a-z][a-z0-9_]{1,39}$/;
