import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { HouseholdEligibilityDto } from './eligibility.dto.js';
import { EligibilityService } from './eligibility.service.js';

@ApiTags('eligibility 政策匹配')
@ApiBearerAuth()
@Controller('v1/households')
export class EligibilityController {
  constructor(private readonly service: EligibilityService) {}

  @Get(':id/eligibility')
  @ApiOperation({ summary: '本户对全部生效政策的匹配结果：结论、条件树（实际值与要求值）、预计待遇、缺少的信息、差一点符合的条件' })
  @ApiOkResponse({ type: HouseholdEligibilityDto })
  forHousehold(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<HouseholdEligibilityDto> {
    return this.service.forHousehold(auth, id);
  }
}
