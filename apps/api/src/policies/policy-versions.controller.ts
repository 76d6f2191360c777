import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { ParameterDefinitionDto, PolicyVersionDetailDto } from './policy-versions.dto.js';
import { PolicyVersionsService } from './policy-versions.service.js';
import { READ_ROLES } from './policy.dto.js';

@ApiTags('policies 政策库')
@ApiBearerAuth()
@Roles(...READ_ROLES)
@Controller('v1')
export class PolicyVersionsController {
  constructor(private readonly service: PolicyVersionsService) {}

  @Get('policies/:code/versions/:version')
  @ApiOperation({ summary: '政策的某一历史版本（完整定义与参考家庭结果），用于版本对比' })
  @ApiOkResponse({ type: PolicyVersionDetailDto })
  version(@Auth() auth: AuthContext, @Param('code') code: string, @Param('version', ParseIntPipe) version: number): Promise<PolicyVersionDetailDto> {
    return this.service.version(auth, code, version);
  }

  @Get('policy-parameters')
  @ApiOperation({ summary: '政策参数表（按地区与生效日期），供规则编辑器在浏览器中测算参考家庭' })
  @ApiOkResponse({ type: [ParameterDefinitionDto] })
  parameters(): Promise<ParameterDefinitionDto[]> {
    return this.service.parameters();
  }
}
