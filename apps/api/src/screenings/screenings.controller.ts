import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { HitPageDto, HitsQuery, ScreeningRunDto, toRunDto } from './screening.dto.js';
import { ScreeningsService } from './screenings.service.js';

@ApiTags('screenings 人群筛查')
@ApiBearerAuth()
@Roles('district_reviewer', 'admin')
@Controller('v1/screenings')
export class ScreeningsController {
  constructor(private readonly service: ScreeningsService) {}

  @Post()
  @ApiOperation({ summary: '启动一次全区筛查（后台运行，可取消）' })
  @ApiOkResponse({ type: ScreeningRunDto })
  async start(@Auth() auth: AuthContext): Promise<ScreeningRunDto> {
    return toRunDto(await this.service.start(auth));
  }

  @Get(':id')
  @ApiOperation({ summary: '筛查进度与各政策统计' })
  @ApiOkResponse({ type: ScreeningRunDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ScreeningRunDto> {
    return toRunDto(await this.service.get(id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: ScreeningRunDto })
  async cancel(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ScreeningRunDto> {
    return toRunDto(await this.service.cancel(auth, id));
  }

  @Get(':id/hits')
  @ApiOperation({ summary: '按政策和类别查看筛查出的家庭（新增符合 / 退出候选 / 信息不全）' })
  @ApiOkResponse({ type: HitPageDto })
  async hits(@Param('id', ParseUUIDPipe) id: string, @Query() q: HitsQuery): Promise<HitPageDto> {
    await this.service.get(id);
    const { items, total } = await this.service.hits(id, q.policyCode, q.category, q.page, q.pageSize);
    return { items: items.map((h) => ({ householdId: h.householdId, missingFacts: h.missingFacts ? h.missingFacts.split(',') : [], graceUntil: h.graceUntil })), total, page: q.page, pageSize: q.pageSize };
  }
}
