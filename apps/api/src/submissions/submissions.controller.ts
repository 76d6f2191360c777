import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { ListSubmissionsQuery, ReviewSubmissionDto, SubmissionPageDto, SubmissionResponseDto } from './submission.dto.js';
import { SubmissionsService } from './submissions.service.js';

@ApiTags('submissions 变更申请与审核')
@ApiBearerAuth()
@Controller('v1/submissions')
export class SubmissionsController {
  constructor(private readonly service: SubmissionsService) {}

  @Get()
  @ApiOperation({ summary: '变更申请列表（审核队列：先到先审）' })
  @ApiOkResponse({ type: SubmissionPageDto })
  list(@Auth() auth: AuthContext, @Query() q: ListSubmissionsQuery): Promise<SubmissionPageDto> {
    return this.service.list(auth, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: SubmissionResponseDto })
  get(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionResponseDto> {
    return this.service.get(auth, id);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '审核：通过（应用变更）/ 退回 / 驳回' })
  @ApiOkResponse({ type: SubmissionResponseDto })
  review(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewSubmissionDto): Promise<SubmissionResponseDto> {
    return this.service.review(auth, id, dto);
  }
}
