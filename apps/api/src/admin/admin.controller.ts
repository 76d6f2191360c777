import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import {
  AdminGridDto,
  CreateUserDto,
  DictionaryDto,
  GridQuery,
  ResetPasswordDto,
  SetGridWorkersDto,
  StaffUserDto,
  StaffUserPageDto,
  TotpEnrolmentDto,
  UserQuery,
} from './admin.dto.js';
import { AdminGridsService } from './admin-grids.service.js';
import { AdminUsersService } from './admin-users.service.js';
import { DICTIONARIES } from './dictionaries.js';

@ApiTags('admin 系统管理')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin')
/** 三员分立: accounts and grids are the system administrator's; unlocks and credential resets the security administrator's. */
export class AdminController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly grids: AdminGridsService,
  ) {}

  @Get('users')
  @Roles('admin', 'security_admin')
  @ApiOperation({ summary: '本区工作人员与网格员账号' })
  @ApiOkResponse({ type: StaffUserPageDto })
  listUsers(@Auth() auth: AuthContext, @Query() q: UserQuery): Promise<StaffUserPageDto> {
    return this.users.list(auth, q);
  }

  @Post('users')
  @ApiOperation({ summary: '新建账号（角色与数据权限范围）；返回一次性显示的动态验证码密钥' })
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  createUser(@Auth() auth: AuthContext, @Body() dto: CreateUserDto): Promise<TotpEnrolmentDto> {
    return this.users.create(auth, dto);
  }

  @Post('users/:id/reset-totp')
  @Roles('security_admin')
  @HttpCode(200)
  @ApiOperation({ summary: '重置动态验证码（手机丢失）：旧密钥作废，该用户所有登录失效' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  resetTotp(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<TotpEnrolmentDto> {
    return this.users.resetTotp(auth, id);
  }

  @Post('users/:id/reset-password')
  @Roles('security_admin')
  @HttpCode(200)
  @ApiOperation({ summary: '重置密码：该用户所有登录失效' })
  @ApiOkResponse({ type: StaffUserDto })
  resetPassword(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetPasswordDto): Promise<StaffUserDto> {
    return this.users.resetPassword(auth, id, dto.password);
  }

  @Post('users/:id/unlock')
  @Roles('security_admin')
  @HttpCode(200)
  @ApiOperation({ summary: '解除登录失败锁定' })
  @ApiOkResponse({ type: StaffUserDto })
  unlock(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<StaffUserDto> {
    return this.users.unlock(auth, id);
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: '停用账号（保留，审计日志仍可追溯）：立即不能登录，已签发的令牌失效' })
  @ApiOkResponse({ type: StaffUserDto })
  disable(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<StaffUserDto> {
    return this.users.setDisabled(auth, id, true);
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: '启用账号' })
  @ApiOkResponse({ type: StaffUserDto })
  enable(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<StaffUserDto> {
    return this.users.setDisabled(auth, id, false);
  }

  @Get('grids')
  @ApiOperation({ summary: '网格及其网格员、在册户数' })
  @ApiOkResponse({ type: [AdminGridDto] })
  listGrids(@Auth() auth: AuthContext, @Query() q: GridQuery): Promise<AdminGridDto[]> {
    return this.grids.list(auth, q);
  }

  @Put('grids/:id/workers')
  @ApiOperation({ summary: '设置网格的网格员（整体替换）；被调离的网格员在该网格未办结的任务转交给新的网格员' })
  @ApiOkResponse({ type: AdminGridDto })
  setWorkers(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: SetGridWorkersDto): Promise<AdminGridDto> {
    return this.grids.setWorkers(auth, id, dto.userIds);
  }

  @Get('dictionaries')
  @Roles('street_reviewer', 'district_reviewer', 'admin', 'security_admin', 'audit_admin')
  @ApiOperation({ summary: '数据字典：各枚举值及中文名称（只读）' })
  @ApiOkResponse({ type: [DictionaryDto] })
  dictionaries(): readonly DictionaryDto[] {
    return DICTIONARIES;
  }
}
