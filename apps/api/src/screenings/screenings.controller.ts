import { Controller, Get, HttpCode, type MessageEvent, Param, ParseUUIDPipe, Post, Query, Res, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import {
  FlaggedHouseholdPageDto,
  FlaggedHouseholdsQuery,
  HitPageDto,
  HitsQuery,
  ScreeningExportQuery,
  ScreeningListQuery,
  ScreeningResultsDto,
  ScreeningRunDto,
  ScreeningRunPageDto,
  toRunDto,
} from './screening.dto.js';
import { ScreeningResultsService } from './screening-results.service.js';
import { ScreeningsService } from './screenings.service.js';

@ApiTags('screenings 人群筛查')
@ApiBearerAuth()
@Roles('district_reviewer')
@Controller('v1/screenings')
export class ScreeningsController {
  constructor(
    private readonly service: ScreeningsService,
    private readonly results: ScreeningResultsService,
  ) {}

  @Get()
  @ApiOperation({ summary: '本区历次筛查（最近的在前）' })
  @ApiOkResponse({ type: ScreeningRunPageDto })
  async list(@Auth() auth: AuthContext, @Query() q: ScreeningListQuery): Promise<ScreeningRunPageDto> {
    return { ...(await this.results.list(auth, q.page, q.pageSize)), page: q.page, pageSize: q.pageSize };
  }

  /*
   * Live progress. Authenticated like every route, by the Authorization header: the console reads
   * the stream with fetch(), so no token ever goes into a URL (where access logs, proxies and the
   * browser history would keep it). EventSource cannot send the header, hence not EventSource.
   */
  @Sse(':id/events')
  @ApiOperation({ summary: '筛查进度（server-sent events）：每次进度变化推送一条 progress 事件，结束后关闭连接' })
  @ApiProduces('text/event-stream')
  async events(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<Observable<MessageEvent>> {
    return this.results.events(await this.results.run(auth, id));
  }

  @Get(':id/results')
  @ApiOperation({ summary: '各政策筛查结果（符合、新增符合、退出候选、信息不全），含政策名称' })
  @ApiOkResponse({ type: ScreeningResultsDto })
  async resultsOf(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ScreeningResultsDto> {
    const run = toRunDto(await this.results.run(auth, id));
    const names = await this.results.policyNames();
    const policies = run.policies
      .map((p) => ({ ...p, policyName: names.get(p.policyCode) ?? p.policyCode }))
      .sort((a, b) => b.newlyEligible + b.exitCandidates - (a.newlyEligible + a.exitCandidates) || a.policyCode.localeCompare(b.policyCode));
    return { run, policies };
  }

  @Get(':id/households')
  @ApiOperation({ summary: '按政策和类别查看家庭（户主姓名脱敏；按数据权限范围）' })
  @ApiOkResponse({ type: FlaggedHouseholdPageDto })
  async households(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query() q: FlaggedHouseholdsQuery): Promise<FlaggedHouseholdPageDto> {
    const run = await this.results.run(auth, id);
    return { ...(await this.results.households(auth, run, q.policyCode, q.category, q.page, q.pageSize)), page: q.page, pageSize: q.pageSize };
  }

  @Get(':id/export')
  @ApiOperation({ summary: '导出筛查结果 Excel（各政策统计 + 家庭明细，姓名脱敏；流式生成）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query() q: ScreeningExportQuery, @Res() res: Response): Promise<void> {
    const run = await this.results.run(auth, id);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'content-disposition',
      `attachment; filename="screening-${run.asOf}.xlsx"; filename*=UTF-8''${encodeURIComponent(`筛查结果-${run.asOf}.xlsx`)}`,
    );
    await this.results.exportXlsx(auth, run, q, res);
    if (!res.writableEnded) res.end();
  }

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
    return {
      items: items.map((h) => ({ householdId: h.householdId, missingFacts: h.missingFacts ? h.missingFacts.split(',') : [], graceUntil: h.graceUntil })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
