import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, OptionalAuth, Public, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { PopulationService } from '../eligibility/population.service.js';
import { PoliciesService } from './policies.service.js';
import {
  CreatePolicyDto,
  EDIT_ROLES,
  ListPoliciesQuery,
  PolicyDetailDto,
  PolicySummaryDto,
  PreviewDto,
  PreviewResultDto,
  PUBLISH_ROLES,
  PublishDto,
  SaveDraftDto,
} from './policy.dto.js';

@ApiTags('policies 政策库')
@Controller('v1/policies')
export class PoliciesController {
  constructor(
    private readonly service: PoliciesService,
    private readonly population: PopulationService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '政策库：按类别、部门、关键词浏览（无需登录）' })
  @ApiOkResponse({ type: [PolicySummaryDto] })
  list(@Query() q: ListPoliciesQuery): Promise<PolicySummaryDto[]> {
    return this.service.list(q);
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: '政策详情：公众看到生效版本；工作人员看到最新版本、版本历史和参考家庭测算结果' })
  @ApiOkResponse({ type: PolicyDetailDto })
  get(@OptionalAuth() auth: AuthContext | null, @Param('code') code: string): Promise<PolicyDetailDto> {
    return this.service.get(auth, code);
  }

  @ApiBearerAuth()
  @Roles(...EDIT_ROLES)
  @Post()
  @ApiOperation({ summary: '新建政策（草稿版本 1）' })
  @ApiOkResponse({ type: PolicyDetailDto })
  create(@Auth() auth: AuthContext, @Body() dto: CreatePolicyDto): Promise<PolicyDetailDto> {
    return this.service.create(auth, dto);
  }

  @ApiBearerAuth()
  @Roles(...EDIT_ROLES)
  @Put(':code/draft')
  @ApiOperation({ summary: '编辑政策：保存为新的草稿版本（已发布版本不变）' })
  @ApiOkResponse({ type: PolicyDetailDto })
  saveDraft(@Auth() auth: AuthContext, @Param('code') code: string, @Body() dto: SaveDraftDto): Promise<PolicyDetailDto> {
    return this.service.saveDraft(auth, code, dto);
  }

  @ApiBearerAuth()
  @Roles(...PUBLISH_ROLES)
  @Post(':code/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '发布草稿版本；任一参考家庭测算结果与预期不符时拒绝发布' })
  @ApiOkResponse({ type: PolicyDetailDto })
  publish(@Auth() auth: AuthContext, @Param('code') code: string, @Body() dto: PublishDto): Promise<PolicyDetailDto> {
    return this.service.publish(auth, code, dto.version);
  }

  @ApiBearerAuth()
  @Roles(...EDIT_ROLES)
  @Post(':code/preview')
  @HttpCode(200)
  @ApiOperation({ summary: '规则草稿试算：按街道统计将新增符合、不再符合的家庭数，并给出样例' })
  @ApiOkResponse({ type: PreviewResultDto })
  preview(@Auth() auth: AuthContext, @Param('code') code: string, @Body() dto: PreviewDto): Promise<PreviewResultDto> {
    return this.population.preview(auth, code, dto);
  }
}
