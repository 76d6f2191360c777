import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { HouseholdRiskDto } from './risk.dto.js';
import { RiskService } from './risk.service.js';

@ApiTags('risk 风险评估')
@ApiBearerAuth()
@Roles('grid_worker', 'street_reviewer', 'district_reviewer')
@Controller('v1/risk')
export class RiskController {
  constructor(private readonly service: RiskService) {}

  @Get('households/:id')
  @ApiOperation({ summary: '家庭风险分、颜色、收入圈层及变化历史' })
  @ApiOkResponse({ type: HouseholdRiskDto })
  get(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<HouseholdRiskDto> {
    return this.service.forHousehold(auth, id);
  }
}
