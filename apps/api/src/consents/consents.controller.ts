import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { ConsentRecordDto, ConsentResponseDto, CreateConsentDto, WithdrawConsentDto } from './consent.dto.js';
import { ConsentsService } from './consents.service.js';

@ApiTags('consents 采集授权')
@ApiBearerAuth()
@Controller('v1/consents')
export class ConsentsController {
  constructor(private readonly service: ConsentsService) {}

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: '记录采集前授权同意' })
  @ApiCreatedResponse({ type: ConsentResponseDto })
  create(@Auth() auth: AuthContext, @Body() dto: CreateConsentDto): Promise<ConsentResponseDto> {
    return this.service.create(auth, dto);
  }

  @Get('of-household/:householdId')
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '审核用：家庭档案所依据的授权记录，含手写签名与采集人姓名（查阅记入审计）' })
  @ApiOkResponse({ type: ConsentRecordDto })
  ofHousehold(@Auth() auth: AuthContext, @Param('householdId', ParseUUIDPipe) householdId: string): Promise<ConsentRecordDto> {
    return this.service.recordOfHousehold(auth, householdId);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsentResponseDto })
  get(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ConsentResponseDto> {
    return this.service.get(auth, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回授权：停止一切处理，按保存策略删除或封存个人信息' })
  @ApiOkResponse({ type: ConsentResponseDto })
  withdraw(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawConsentDto): Promise<ConsentResponseDto> {
    return this.service.withdraw(auth, id, dto);
  }
}
