import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth-context.js';
import { BindIdentityDto, ConfirmIdentityDto, DemoLoginDto, MeDto, RefreshDto, StaffLoginDto, TokenPairDto, WechatLoginDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { Auth, Public, Roles } from './decorators.js';
import type { TokenPair } from './token.service.js';

@ApiTags('auth 登录与身份')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

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
}
