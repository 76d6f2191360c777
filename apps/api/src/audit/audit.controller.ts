import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/decorators.js';
import type { AuditLogEntity } from './audit-log.entity.js';
import { AuditService, ChainVerification } from './audit.service.js';

class ListAuditQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page: number = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 50;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(48) action?: string;
}

class AuditEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true }) actorId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true }) householdId: string | null;
  @ApiProperty({ nullable: true }) ip: string | null;
  @ApiProperty() detail: Record<string, unknown>;
  @ApiProperty() hash: string;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const toEntry = (e: AuditLogEntity): AuditEntryDto => ({
  id: e.id, at: e.at, actorId: e.actorId, actorRole: e.actorRole, action: e.action, entityType: e.entityType,
  entityId: e.entityId, householdId: e.householdId, ip: e.ip, detail: JSON.parse(e.detail) as Record<string, unknown>, hash: e.hash,
});

@ApiTags('audit 审计日志')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/audit-logs')
export class AuditController {
  constructor(private readonly service: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: ListAuditQuery): Promise<AuditPageDto> {
    const { items, total } = await this.service.list(q);
    return { items: items.map(toEntry), total, page: q.page, pageSize: q.pageSize };
  }

  @Get('verify')
  verify(): Promise<ChainVerification> {
    return this.service.verify();
  }
}
