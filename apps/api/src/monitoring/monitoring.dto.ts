import { ApiProperty } from '@nestjs/swagger';
import type { MonitoringRunEntity } from './monitoring-run.entity.js';
import type { RunSummary } from './monitoring.service.js';
import type { MonitoringRun, MonitoringStatus, MonitoringSummary, MonitoringTrigger } from '@zczr/contract';

export class MonitoringSummaryDto implements MonitoringSummary {
  @ApiProperty({ description: '处理的在册家庭数' }) households: number;
  @ApiProperty({ description: '新产生的预警' }) warnings: number;
  @ApiProperty({ description: '新派发的核实任务（含复核）' }) tasks: number;
  @ApiProperty({ description: '其中到期复核任务' }) rechecks: number;
  @ApiProperty({ description: '风险分、颜色或圈层发生变化的家庭' }) riskChanged: number;
  @ApiProperty({ description: '升级督办的超期任务' }) escalated: number;
}

export class MonitoringRunDto implements MonitoringRun {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['scheduled', 'manual'] }) trigger: MonitoringTrigger;
  @ApiProperty({ description: '所属月份 YYYY-MM' }) period: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: MonitoringStatus;
  @ApiProperty() processed: number;
  @ApiProperty({ type: MonitoringSummaryDto }) summary: MonitoringSummaryDto;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true }) finishedAt: string | null;
  @ApiProperty({ nullable: true }) error: string | null;
}

export function toMonitoringRunDto(r: MonitoringRunEntity): MonitoringRunDto {
  return {
    id: r.id,
    trigger: r.trigger,
    period: r.period,
    status: r.status,
    processed: r.processed,
    summary: JSON.parse(r.summary) as RunSummary,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: r.error,
  };
}
