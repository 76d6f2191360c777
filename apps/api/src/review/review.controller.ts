import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { BulkApproveDto, BulkApproveResultDto, ReviewDonePageDto, ReviewDoneQuery, RemindersDto, ReviewQueueDto, ReviewQueueQuery } from './review.dto.js';
import { ReviewService } from './review.service.js';

@ApiTags('review 审核工作台')
@ApiBearerAuth()
@Roles('street_reviewer', 'district_reviewer')
@Controller('v1/review-queue')
export class ReviewController {
  constructor(private readonly service: ReviewService) {}

  @Get()
  @ApiOperation({ summary: '审核队列：待审核的变更申请与入户核实结果，加急在前，其余先到先审' })
  @ApiOkResponse({ type: ReviewQueueDto })
  queue(@Auth() auth: AuthContext, @Query() q: ReviewQueueQuery): Promise<ReviewQueueDto> {
    return this.service.queue(auth, q);
  }

  @Get('reminders')
  @ApiOperation({ summary: '待办提醒（铃铛）：待审核、待区县确认、超期任务、待审批参数调整、三日内期满的公示，按数据权限计数' })
  @ApiOkResponse({ type: RemindersDto })
  reminders(@Auth() auth: AuthContext): Promise<RemindersDto> {
    return this.service.reminders(auth);
  }

  @Get('done')
  @ApiOperation({ summary: '已办：本人作出的审核与处置（通过、退回、驳回、采纳、报区县确认、确认、登记异议），新的在前' })
  @ApiOkResponse({ type: ReviewDonePageDto })
  done(@Auth() auth: AuthContext, @Query() q: ReviewDoneQuery): Promise<ReviewDonePageDto> {
    return this.service.done(auth, q.page, q.pageSize);
  }

  @Post('bulk-approve')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '批量通过自动检查全部通过的变更申请；其余逐条跳过并说明原因' })
  @ApiOkResponse({ type: BulkApproveResultDto })
  bulkApprove(@Auth() auth: AuthContext, @Body() dto: BulkApproveDto): Promise<BulkApproveResultDto> {
    return this.service.bulkApprove(auth, dto.ids);
  }
}
