import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { PUBLISH_ROLES, READ_ROLES } from '../policies/policy.dto.js';
import {
  DecideParameterChangeDto,
  ParameterChangeDto,
  ParameterChangeListQueryDto,
  ParameterOverviewDto,
  ProposeParameterChangeDto,
} from './parameters.dto.js';
import { ParametersService } from './parameters.service.js';

@ApiTags('parameters 政策参数')
@ApiBearerAuth()
@Roles(...READ_ROLES)
@Controller('v1/parameters')
export class ParametersController {
  constructor(private readonly service: ParametersService) {}

  @Get()
  @ApiOperation({ summary: '本区适用的政策参数：现行值、来源地区与日期、已批准的下一次调整、历史' })
  @ApiOkResponse({ type: ParameterOverviewDto })
  overview(@Auth() auth: AuthContext): Promise<ParameterOverviewDto> {
    return this.service.overview(auth);
  }

  @Get('changes')
  @ApiOperation({ summary: '本区的参数调整申请（最新的在前）' })
  @ApiOkResponse({ type: [ParameterChangeDto] })
  changes(@Auth() auth: AuthContext, @Query() q: ParameterChangeListQueryDto): Promise<ParameterChangeDto[]> {
    return this.service.changes(auth, q);
  }

  @Post('changes')
  @Roles(...PUBLISH_ROLES)
  @ApiOperation({ summary: '提出参数调整（新值、生效日期、依据），待区级其他工作人员审批' })
  @ApiOkResponse({ type: ParameterChangeDto })
  propose(@Auth() auth: AuthContext, @Body() body: ProposeParameterChangeDto): Promise<ParameterChangeDto> {
    return this.service.propose(auth, body);
  }

  @Post('changes/:id/approve')
  @HttpCode(200)
  @Roles(...PUBLISH_ROLES)
  @ApiOperation({ summary: '批准参数调整（不能审批本人提出的）：写入参数表，到生效日重新筛查本区' })
  @ApiOkResponse({ type: ParameterChangeDto })
  approve(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecideParameterChangeDto): Promise<ParameterChangeDto> {
    return this.service.approve(auth, id, body);
  }

  @Post('changes/:id/reject')
  @HttpCode(200)
  @Roles(...PUBLISH_ROLES)
  @ApiOperation({ summary: '驳回参数调整（须填写意见），参数表不变' })
  @ApiOkResponse({ type: ParameterChangeDto })
  reject(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecideParameterChangeDto): Promise<ParameterChangeDto> {
    return this.service.reject(auth, id, body);
  }
}
