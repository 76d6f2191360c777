import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@zczr/domain';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsChineseIdNumber } from '../common/validation.js';
import type {
  BindIdentityBody,
  ChangePasswordBody,
  ConfirmIdentityBody,
  ConfirmTotpChangeBody,
  DemoLoginBody,
  Me,
  RefreshBody,
  StaffLoginBody,
  StartTotpChangeBody,
  TokenPair,
  TotpChallenge,
  WechatLoginBody,
} from '@zczr/contract';
import { PASSWORD_HINT, PASSWORD_RULE } from '../admin/admin.dto.js';

export class WechatLoginDto implements WechatLoginBody {
  @ApiProperty({ description: 'wx.login() 返回的 code' })
  @IsString()
  @Length(1, 128)
  code: string;
}

export class StaffLoginDto implements StaffLoginBody {
  @ApiProperty() @IsString() @Length(1, 64) username: string;
  @ApiProperty() @IsString() @Length(1, 128) password: string;
  @ApiProperty({ description: '6 位动态验证码 (TOTP)' }) @IsString() @Matches(/^\d{6}$/, { message: 'totp 须为 6 位数字' }) totp: string;
}

export class RefreshDto implements RefreshBody {
  @ApiProperty() @IsString() @MaxLength(2048) refreshToken: string;
}

export class DemoLoginDto implements DemoLoginBody {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[]) role: Role;
  @ApiPropertyOptional({ description: '居民：登录尚未实名认证的第二位演示居民，体验首次使用（实名 → 授权 → 填报）' })
  @IsOptional()
  @IsBoolean()
  firstVisit?: boolean;
}

export class BindIdentityDto implements BindIdentityBody {
  @ApiProperty({ example: '张三' }) @IsString() @Matches(/^[\u4e00-\u9fa5·]{2,20}$/, { message: '姓名须为 2–20 个汉字' }) realName: string;
  @ApiProperty({ example: '11010519491231002X' }) @IsChineseIdNumber() idNumber: string;
  @ApiProperty({ description: '本人同意为实名认证处理身份证号（敏感个人信息单独同意）' })
  @IsBoolean()
  @Equals(true, { message: '须勾选同意处理身份证号' })
  consentToIdentityProcessing: boolean;
  @ApiPropertyOptional({ description: '人脸核身结果票据（wx.startFacialRecognitionVerify 返回的 verifyResult）；未提供时绑定待工作人员确认' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  faceVerifyResult?: string;
}

export class ConfirmIdentityDto implements ConfirmIdentityBody {
  @ApiProperty({ description: 'true：当面核验确认；false：解除绑定（须重新实名）' }) @IsBoolean() confirm: boolean;
  @ApiProperty({ description: '原因，如“持身份证到社区当面核验”' }) @IsString() @Length(2, 200) reason: string;
}

export class TokenPairDto implements TokenPair {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty() expiresIn: number;
}

export class MeDto implements Me {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, description: '工作人员的登录名' }) username: string | null;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true }) realName: string | null;
  @ApiProperty({ nullable: true, description: '脱敏身份证号' }) idNumberMasked: string | null;
  @ApiProperty({ description: '实名身份已核验（人脸核身或工作人员确认）' }) identityVerified: boolean;
  @ApiProperty({ nullable: true }) regionCode: string | null;
  @ApiProperty({ nullable: true, description: '辖区名称，如“温江区 柳城街道”' }) regionName: string | null;
  @ApiProperty({ type: [String] }) gridIds: string[];
  @ApiProperty({ nullable: true }) householdId: string | null;
}

export class ChangePasswordDto implements ChangePasswordBody {
  @ApiProperty() @IsString() @Length(1, 128) currentPassword: string;
  @ApiProperty({ description: '当前动态验证码' }) @Matches(/^\d{6}$/, { message: '动态验证码为 6 位数字' }) totp: string;
  @ApiProperty({ description: PASSWORD_HINT }) @Matches(PASSWORD_RULE, { message: PASSWORD_HINT }) newPassword: string;
}

export class StartTotpChangeDto implements StartTotpChangeBody {
  @ApiProperty() @IsString() @Length(1, 128) currentPassword: string;
  @ApiProperty({ description: '当前动态验证码' }) @Matches(/^\d{6}$/, { message: '动态验证码为 6 位数字' }) totp: string;
}

export class TotpChallengeDto implements TotpChallenge {
  @ApiProperty({ description: '新的 TOTP 密钥（仅此一次显示）' }) totpSecret: string;
  @ApiProperty({ description: 'otpauth:// 链接，可生成二维码' }) otpauthUrl: string;
  @ApiProperty({ description: '10 分钟内随新验证码一并提交' }) ticket: string;
}

export class ConfirmTotpChangeDto implements ConfirmTotpChangeBody {
  @ApiProperty() @IsString() @Length(1, 2000) ticket: string;
  @ApiProperty({ description: '新密钥生成的动态验证码' }) @Matches(/^\d{6}$/, { message: '动态验证码为 6 位数字' }) totp: string;
}

export class ChangedDto {
  @ApiProperty({ enum: [true] }) changed: true;
}
