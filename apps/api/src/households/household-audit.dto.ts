import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { HouseholdAuditEntry, Page } from '@zczr/contract';
import type * as contract from '@zczr/contract';

export class HouseholdAuditQuery implements contract.HouseholdAuditQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
  @ApiPropertyOptional({ enum: ['reads', 'all'], default: 'all', description: 'reads：只看查阅记录' }) @IsOptional() @IsIn(['reads', 'all']) only:
    'reads' | 'all' = 'all';
}

export class HouseholdAuditEntryDto implements HouseholdAuditEntry {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty({ description: '操作人（显示名）' }) actorName: string;
  @ApiProperty() actorRole: string;
  @ApiProperty() action: string;
  @ApiProperty({ example: '查阅档案（完整信息）' }) actionLabel: string;
  @ApiProperty({ description: '是否为查阅（读取）操作' }) read: boolean;
  @ApiProperty({ nullable: true }) ip: string | null;
}

export class HouseholdAuditPageDto implements Page<HouseholdAuditEntry> {
  @ApiProperty({ type: [HouseholdAuditEntryDto] }) items: HouseholdAuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
