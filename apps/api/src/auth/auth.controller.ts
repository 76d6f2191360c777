import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth-context.js';
import { STAFF_ROLES, type Role } from '@zczr/domain';
import {
  BindIdentityDto,
  ChangedDto,
  ChangePasswordDto,
  ConfirmIdentityDto,
  ConfirmTotpChangeDto,
  DemoLoginDto,
  MeDto,
  RefreshDto,
  StaffLoginDto,
  StartTotpChangeDto,
  TokenPairDto,
  TotpChallengeDto,
  WechatLoginDto,
} from './auth.dto.js';
import { AccountService } from './account.service.js';
import { AuthService } from './auth.service.js';
import { Auth, Public, Roles } from './decorators.js';
import type { TokenPair } from './token.service.js';

/** Accounts that sign in with a password and TOTP: staff and grid workers. */
const ACCOUNT_ROLES: readonly Role[] = [...STAFF_ROLES, 'grid_worker'];

@ApiTags('auth 登录与身份')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly service: AuthService,
    private readonly account: AccountService,
  ) {}

  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  @ApiOperation({ summary: '居民微信登录（code 换 openid）' })
  @ApiOkResponse({ type: TokenPairDto })
  wechatLogin(@Body() dto: WechatLoginDto, @Ip() ip: string): Promise<TokenPair> {
    return this.service.wechatLogin(dto.code, ip);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员登录：用户名 + 密码 + 动态验证码' })
  @ApiOkResponse({ type: TokenPairDto })
  login(@Body() dto: StaffLoginDto, @Ip() ip: string): Promise<TokenPair> {
    return this.service.staffLogin(dto, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: '刷新令牌（旧刷新令牌随即失效）' })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.service.refresh(dto.refreshToken);
  }

  @Public()
  @Post('demo-login')
  @HttpCode(200)
  @ApiOperation({ summary: '演示模式登录（生产环境关闭）' })
  @ApiOkResponse({ type: TokenPairDto })
  demoLogin(@Body() dto: DemoLoginDto): Promise<TokenPair> {
    return this.service.demoLogin(dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@Auth() auth: AuthContext): Promise<MeDto> {
    return this.service.me(auth);
  }

  @ApiBearerAuth()
  @Roles('resident')
  @Post('bind-identity')
  @HttpCode(200)
  @ApiOperation({ summary: '居民实名认证：绑定姓名与身份证号' })
  @ApiOkResponse({ type: MeDto })
  bindIdentity(@Auth() auth: AuthContext, @Body() dto: BindIdentityDto): Promise<MeDto> {
    return this.service.bindIdentity(auth, dto);
  }

  @ApiBearerAuth()
  @Roles('street_reviewer', 'district_reviewer')
  @Post('residents/:userId/identity')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员当面核验（或解除）居民的实名绑定' })
  @ApiOkResponse({ type: MeDto })
  confirmIdentity(@Auth() auth: AuthContext, @Param('userId', ParseUUIDPipe) userId: string, @Body() dto: ConfirmIdentityDto): Promise<MeDto> {
    return this.service.confirmIdentity(auth, userId, dto);
  }

  @Post('me/password')
  @HttpCode(200)
  @Roles(...ACCOUNT_ROLES)
  @ApiOperation({ summary: '个人中心：修改本人密码（须当前密码与动态验证码；此前签发的刷新令牌全部作废）' })
  @ApiOkResponse({ type: ChangedDto })
  changePassword(@Auth() auth: AuthContext, @Body() dto: ChangePasswordDto): Promise<{ changed: true }> {
    return this.account.changePassword(auth, dto);
  }

  @Post('me/totp')
  @HttpCode(200)
  @Roles(...ACCOUNT_ROLES)
  @ApiOperation({ summary: '个人中心：更换动态验证码，第一步（须当前密码与动态验证码），返回新密钥' })
  @ApiOkResponse({ type: TotpChallengeDto })
  startTotpChange(@Auth() auth: AuthContext, @Body() dto: StartTotpChangeDto): Promise<TotpChallengeDto> {
    return this.account.startTotpChange(auth, dto);
  }

  @Post('me/totp/confirm')
  @HttpCode(200)
  @Roles(...ACCOUNT_ROLES)
  @ApiOperation({ summary: '个人中心：更换动态验证码，第二步（新密钥生成的验证码），确认后生效' })
  @ApiOkResponse({ type: ChangedDto })
  confirmTotpChange(@Auth() auth: AuthContext, @Body() dto: ConfirmTotpChangeDto): Promise<{ changed: true }> {
    return this.account.confirmTotpChange(auth, dto);
  }
}
