import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/decorators.js';
import { IsCalendarDate } from '../common/validation.js';
import type { AuditLogEntity } from './audit-log.entity.js';
import { AuditService, ChainVerification } from './audit.service.js';
import type { AuditEntry, AuditListQuery, Page } from '@zczr/contract';

class ListAuditQuery implements AuditListQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page: number = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 50;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional({ description: '操作代码，或以 . 结尾的前缀（如 user.）' }) @IsOptional() @IsString() @MaxLength(48) action?: string;
  @ApiPropertyOptional({ description: '操作人用户 id' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) entityId?: string;
  @ApiPropertyOptional({ description: '起始日期（含），YYYY-MM-DD' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: '截止日期（含），YYYY-MM-DD' }) @IsOptional() @IsCalendarDate() to?: string;
}

class AuditEntryDto implements AuditEntry {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true }) actorId: string | null;
  @ApiProperty({ nullable: true, description: '操作人（登录名与姓名）' }) actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true }) householdId: string | null;
  @ApiProperty({ nullable: true }) ip: string | null;
  @ApiProperty() detail: Record<string, unknown>;
  @ApiProperty() hash: string;
}

class AuditPageDto implements Page<AuditEntry> {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const toEntry = (e: AuditLogEntity, names: Map<string, string>): AuditEntryDto => ({
  id: e.id,
  at: e.at,
  actorId: e.actorId,
  actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
  actorRole: e.actorRole,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  householdId: e.householdId,
  ip: e.ip,
  detail: JSON.parse(e.detail) as Record<string, unknown>,
  hash: e.hash,
});

@ApiTags('audit 审计日志')
@ApiBearerAuth()
@Roles('audit_admin')
@Controller('v1/audit-logs')
export class AuditController {
  constructor(private readonly service: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: ListAuditQuery): Promise<AuditPageDto> {
    const { items, total } = await this.service.list(q);
    const names = await this.service.actorNames(items.map((e) => e.actorId).filter((x): x is string => x !== null));
    return { items: items.map((e) => toEntry(e, names)), total, page: q.page, pageSize: q.pageSize };
  }

  @Get('verify')
  @ApiOperation({ summary: '校验整条哈希链：任何一条被改动、删除或调换顺序都会被发现' })
  verify(): Promise<ChainVerification> {
    return this.service.verify();
  }
}
