import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { MonitoringRunDto, toMonitoringRunDto } from './monitoring.dto.js';
import { MonitoringService } from './monitoring.service.js';

@ApiTags('monitoring 动态监测')
@ApiBearerAuth()
@Roles('district_reviewer')
@Controller('v1/monitoring/runs')
export class MonitoringController {
  constructor(private readonly service: MonitoringService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: '立即开始一次监测运行（每月自动运行一次）：重新评估预警规则、风险、到期复核与超期督办；重复运行不会重复预警' })
  @ApiAcceptedResponse({ type: MonitoringRunDto })
  async start(@Auth() auth: AuthContext): Promise<MonitoringRunDto> {
    return toMonitoringRunDto(await this.service.start(auth));
  }

  @Get(':id')
  @ApiOperation({ summary: '监测运行的进度与结果' })
  @ApiOkResponse({ type: MonitoringRunDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<MonitoringRunDto> {
    return toMonitoringRunDto(await this.service.get(id));
  }
}
