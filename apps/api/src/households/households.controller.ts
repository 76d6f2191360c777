import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import {
  CreateHouseholdDto,
  HouseholdPageDto,
  HouseholdResponseDto,
  HouseholdViewQuery,
  ListHouseholdsQuery,
  RevealDto,
  RevisionResponseDto,
  UpdateHouseholdDto,
} from './household.dto.js';
import { HouseholdWriteResult, HouseholdsService } from './households.service.js';

class HouseholdWriteResultDto {
  @ApiProperty({ type: HouseholdResponseDto }) household: HouseholdResponseDto;
  @ApiProperty({ nullable: true, description: '居民/网格员的变更进入审核时的申请 id' }) submissionId: string | null;
  @ApiProperty({ description: '是否已直接生效（工作人员）' }) applied: boolean;
}

@ApiTags('households 家庭档案')
@ApiBearerAuth()
@Controller('v1/households')
export class HouseholdsController {
  constructor(private readonly service: HouseholdsService) {}

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '移动端重试时保持不变' })
  @ApiOperation({ summary: '新建家庭档案（须附有效授权 consentId）；居民/网格员提交后进入审核' })
  @ApiOkResponse({ type: HouseholdWriteResultDto })
  create(@Auth() auth: AuthContext, @Body() dto: CreateHouseholdDto): Promise<HouseholdWriteResult> {
    return this.service.create(auth, dto);
  }

  @Get()
  @ApiOperation({ summary: '在数据权限范围内检索家庭档案' })
  @ApiOkResponse({ type: HouseholdPageDto })
  list(@Auth() auth: AuthContext, @Query() q: ListHouseholdsQuery): Promise<HouseholdPageDto> {
    return this.service.list(auth, q);
  }

  @Get('export')
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '导出当前检索条件下的家庭档案列表（CSV，与列表所示相同，至多 5000 户；记入审计日志）' })
  @ApiProduces('text/csv')
  async export(@Auth() auth: AuthContext, @Query() q: ListHouseholdsQuery, @Res() res: Response): Promise<void> {
    const { csv } = await this.service.exportCsv(auth, q);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="households.csv"; filename*=UTF-8''${encodeURIComponent('家庭档案.csv')}`);
    res.send(csv);
  }

  @Get(':id')
  @ApiOkResponse({ type: HouseholdResponseDto })
  get(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query() q: HouseholdViewQuery): Promise<HouseholdResponseDto> {
    return this.service.get(auth, id, q.view === 'masked');
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '查看完整个人信息（须填写事由，记入审计日志）' })
  @ApiOkResponse({ type: HouseholdResponseDto })
  reveal(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: RevealDto): Promise<HouseholdResponseDto> {
    return this.service.reveal(auth, id, body.reason.trim());
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改家庭档案：工作人员直接生效（版本不符返回 409）；居民/网格员生成变更申请（202）' })
  @ApiOkResponse({ type: HouseholdWriteResultDto })
  async update(
    @Auth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateHouseholdDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdWriteResult> {
    const result = await this.service.update(auth, id, dto);
    if (!result.applied) res.status(202);
    return result;
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: [RevisionResponseDto] })
  revisions(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<RevisionResponseDto[]> {
    return this.service.revisions(auth, id);
  }
}
