import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { ApprovalSettingDto, UpdateApprovalSettingDto } from './approval.dto.js';
import { ApprovalsService } from './approvals.service.js';

@ApiTags('approvals 审批设置')
@ApiBearerAuth()
@Controller('v1/approval-settings')
export class ApprovalsController {
  constructor(private readonly service: ApprovalsService) {}

  @Get()
  @Roles('street_reviewer', 'district_reviewer', 'admin')
  @ApiOperation({ summary: '各政策类别的审批层级与公示天数' })
  @ApiOkResponse({ type: [ApprovalSettingDto] })
  list(): Promise<ApprovalSettingDto[]> {
    return this.service.list();
  }

  @Put(':group')
  @Roles('district_reviewer')
  @ApiOperation({ summary: '设置某政策类别的审批层级（一级/两级）与公示天数（区县民政）' })
  @ApiOkResponse({ type: ApprovalSettingDto })
  update(@Auth() auth: AuthContext, @Param('group') group: string, @Body() dto: UpdateApprovalSettingDto): Promise<ApprovalSettingDto> {
    return this.service.update(auth, group, dto);
  }
}
