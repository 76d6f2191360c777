import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { HouseholdAuditPageDto, HouseholdAuditQuery } from './household-audit.dto.js';
import { HouseholdAuditService } from './household-audit.service.js';

@ApiTags('households 家庭档案')
@ApiBearerAuth()
@Roles('street_reviewer', 'district_reviewer')
@Controller('v1/households')
export class HouseholdAuditController {
  constructor(private readonly service: HouseholdAuditService) {}

  @Get(':id/audit-trail')
  @ApiOperation({ summary: '该户的访问与操作记录（谁在何时查阅或修改）；查阅本身也记入审计' })
  @ApiOkResponse({ type: HouseholdAuditPageDto })
  trail(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query() q: HouseholdAuditQuery): Promise<HouseholdAuditPageDto> {
    return this.service.trail(auth, id, q);
  }
}
