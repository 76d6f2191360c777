import { ApiProperty } from '@nestjs/swagger';
import type { ApprovalSetting, UpdateApprovalSettingBody } from '@zczr/contract';
import { POLICY_GROUPS, type PolicyGroup } from '@zczr/eligibility';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class ApprovalSettingDto implements ApprovalSetting {
  @ApiProperty({ enum: POLICY_GROUPS }) policyGroup: PolicyGroup;
  @ApiProperty({ example: '低保' }) groupLabel: string;
  @ApiProperty({ enum: [1, 2], description: '1：街道或区县审核即决定；2：街道审核、区县确认' }) tiers: 1 | 2;
  @ApiProperty({ description: '公示天数（0 为不公示）' }) noticeDays: number;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class UpdateApprovalSettingDto implements UpdateApprovalSettingBody {
  @ApiProperty({ enum: [1, 2] }) @IsIn([1, 2]) tiers: 1 | 2;
  @ApiProperty({ minimum: 0, maximum: 30, description: '公示天数（0–30，0 为不公示）' }) @IsInt() @Min(0) @Max(30) noticeDays: number;
}
