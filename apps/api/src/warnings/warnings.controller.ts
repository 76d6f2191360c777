import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { WarningPageDto, WarningQuery, WarningRulesDto } from './warning.dto.js';
import { WarningsService } from './warnings.service.js';

@ApiTags('warnings 监测预警')
@ApiBearerAuth()
@Roles('grid_worker', 'street_reviewer', 'district_reviewer')
@Controller('v1/warnings')
export class WarningsController {
  constructor(private readonly service: WarningsService) {}

  @Get()
  @ApiOperation({ summary: '数据权限范围内的预警（可按颜色、规则、街道、状态筛选，分页）' })
  @ApiOkResponse({ type: WarningPageDto })
  list(@Auth() auth: AuthContext, @Query() q: WarningQuery): Promise<WarningPageDto> {
    return this.service.list(auth, q);
  }

  @Get('rules')
  @ApiOperation({ summary: '预警规则及其参数（阈值、风险权重、复核周期）' })
  @ApiOkResponse({ type: WarningRulesDto })
  rules(): Promise<WarningRulesDto> {
    return this.service.rules();
  }
}
