import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { REMINDER_KINDS, REVIEW_ITEM_KINDS, type ReminderKind, type ReviewItemKind } from '@zczr/contract';
import type { BulkApproveBody, BulkApproveResult, BulkSkipped, CheckCounts, ReviewQueue, ReviewQueueItem, RiskColour } from '@zczr/contract';
import type * as contract from '@zczr/contract';

export { REVIEW_ITEM_KINDS, type ReviewItemKind } from '@zczr/contract';

export class ReviewQueueQuery implements contract.ReviewQueueQuery {
  @ApiPropertyOptional({ enum: REVIEW_ITEM_KINDS, description: '只看变更申请或只看入户核实结果' })
  @IsOptional()
  @IsIn([...REVIEW_ITEM_KINDS])
  kind?: ReviewItemKind;
}

export class CheckCountsDto implements CheckCounts {
  @ApiProperty() pass: number;
  @ApiProperty() warn: number;
  @ApiProperty() fail: number;
}

export class ReviewQueueItemDto implements ReviewQueueItem {
  @ApiProperty({ enum: REVIEW_ITEM_KINDS }) kind: ReviewItemKind;
  @ApiProperty({ description: '申请 id 或任务 id' }) id: string;
  @ApiProperty({ example: '档案变更' }) title: string;
  @ApiProperty() householdId: string;
  @ApiProperty({ description: '户主姓名' }) headName: string;
  @ApiProperty() address: string;
  @ApiProperty() streetCode: string;
  @ApiProperty() streetName: string;
  @ApiProperty() gridId: string;
  @ApiProperty({ description: '提交（进入队列）时间' }) submittedAt: string;
  @ApiProperty({ description: '已等待的天数' }) waitingDays: number;
  @ApiProperty({ nullable: true, description: '核实任务的办理期限' }) dueDate: string | null;
  @ApiProperty({ nullable: true, enum: ['orange', 'yellow', 'blue', 'green'] }) riskColour: RiskColour | null;
  @ApiProperty({ description: '加急：任务超期、高风险（橙色）或申请等待超过 5 天' }) urgent: boolean;
  @ApiProperty({ type: [String], description: '加急原因' }) urgentReasons: string[];
  @ApiProperty({ type: CheckCountsDto, nullable: true, description: '自动检查结果计数（核实任务无自动检查）' }) checks: CheckCountsDto | null;
  @ApiProperty({ description: '自动检查全部通过，可批量通过' }) clean: boolean;
  @ApiProperty({ enum: ['review', 'confirm'], description: 'confirm：街道已审核、待区县确认（两级审批）' }) stage: 'review' | 'confirm';
}

export class ReviewQueueDto implements ReviewQueue {
  @ApiProperty({ type: [ReviewQueueItemDto], description: '加急在前，其余先到先审' }) items: ReviewQueueItemDto[];
  @ApiProperty() total: number;
  @ApiProperty({ description: '超过上限时只返回前 500 条' }) truncated: boolean;
}

export class BulkApproveDto implements BulkApproveBody {
  @ApiProperty({ type: [String], description: '要批量通过的申请 id（仅自动检查全部通过的会被通过）' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class BulkSkippedDto implements BulkSkipped {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class BulkApproveResultDto implements BulkApproveResult {
  @ApiProperty({ type: [String] }) approved: string[];
  @ApiProperty({ type: [BulkSkippedDto] }) skipped: BulkSkippedDto[];
}

export class ReviewDoneQuery implements contract.PageQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}

export class ReviewDoneItemDto implements contract.ReviewDoneItem {
  @ApiProperty({ enum: REVIEW_ITEM_KINDS }) kind: ReviewItemKind;
  @ApiProperty() id: string;
  @ApiProperty({ example: 'task.propose' }) action: string;
  @ApiProperty({ example: '街道审核通过，报区县确认' }) actionLabel: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) householdId: string | null;
  @ApiProperty() headName: string;
  @ApiProperty() address: string;
}

export class ReviewDonePageDto implements contract.ReviewDonePage {
  @ApiProperty({ type: [ReviewDoneItemDto] }) items: ReviewDoneItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ReminderItemDto implements contract.ReminderItem {
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty() label: string;
  @ApiProperty() count: number;
  @ApiProperty({ nullable: true, type: String, description: '最早的期限或公示截止日' }) earliest: string | null;
}

export class RemindersDto implements contract.Reminders {
  @ApiProperty() asOf: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [ReminderItemDto] }) items: ReminderItemDto[];
}
