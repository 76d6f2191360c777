import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { BoardDto, DashboardDto } from './dashboard.dto.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard 数据看板')
@ApiBearerAuth()
@Roles('street_reviewer', 'district_reviewer')
@Controller('v1/dashboard')
export class DashboardController {
  constructor(private readonly service: DashboardService) {}

  @Get()
  @ApiOperation({ summary: '数据看板：按颜色、圈层、救助类别、街道的户数与人数，政策覆盖（符合与享受），近 12 个月趋势；按数据权限范围，1–4 显示为 "<5"' })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@Auth() auth: AuthContext): Promise<DashboardDto> {
    return this.service.dashboard(auth);
  }

  @Get('board')
  @ApiOperation({ summary: '预警与任务看板的统计：按颜色、状态、街道；超期任务；督办层级' })
  @ApiOkResponse({ type: BoardDto })
  board(@Auth() auth: AuthContext): Promise<BoardDto> {
    return this.service.board(auth);
  }
}
