import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MANAGED_ROLES, type ManagedRole } from '@zczr/contract';
import type {
  AdminGrid,
  AdminGridQuery,
  CreateUserBody,
  Dictionary,
  DictionaryItem,
  GridWorkerRef,
  Page,
  ResetPasswordBody,
  SetGridWorkersBody,
  StaffUser,
  TotpEnrolment,
  UserListQuery,
} from '@zczr/contract';

export { MANAGED_ROLES, type ManagedRole } from '@zczr/contract';

export class UserQuery implements UserListQuery {
  @ApiPropertyOptional({ enum: MANAGED_ROLES }) @IsOptional() @IsIn([...MANAGED_ROLES]) role?: ManagedRole;
  @ApiPropertyOptional({ description: '区划代码（前缀匹配）' }) @IsOptional() @Matches(/^\d{6,12}$/) regionCode?: string;
  @ApiPropertyOptional({ description: '用户名或姓名' }) @IsOptional() @IsString() @MaxLength(64) q?: string;
  @ApiPropertyOptional({ enum: ['active', 'disabled', 'locked'] }) @IsOptional() @IsIn(['active', 'disabled', 'locked']) status?:
    'active' | 'disabled' | 'locked';
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class StaffUserDto implements StaffUser {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: MANAGED_ROLES }) role: ManagedRole;
  @ApiProperty() roleLabel: string;
  @ApiProperty({ nullable: true }) regionCode: string | null;
  @ApiProperty({ nullable: true }) regionName: string | null;
  @ApiProperty({ type: [String], description: '网格员负责的网格' }) gridIds: string[];
  @ApiProperty({ description: '登录失败过多，临时锁定中' }) locked: boolean;
  @ApiProperty({ nullable: true }) lockedUntil: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ nullable: true }) disabledAt: string | null;
  @ApiProperty({ description: '已设置动态验证码（TOTP）' }) hasTotp: boolean;
  @ApiProperty() createdAt: string;
}

export class StaffUserPageDto implements Page<StaffUser> {
  @ApiProperty({ type: [StaffUserDto] }) items: StaffUserDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{10,64}$/;
export const PASSWORD_HINT = '密码须为 10–64 位，同时包含字母、数字和符号';

export class CreateUserDto implements CreateUserBody {
  @ApiProperty({ description: '登录名：小写字母或数字开头，3–32 位小写字母、数字、点、下划线、连字符' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: '登录名须为 3–32 位小写字母、数字、点、下划线或连字符' })
  username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(32) @Matches(/\S/) displayName: string;
  @ApiProperty({ enum: MANAGED_ROLES }) @IsIn([...MANAGED_ROLES]) role: ManagedRole;
  @ApiProperty({ description: '数据权限范围：网格员和街道审核人员为街道代码（9 位），区级审核人员和管理员为区县代码（6 位）' })
  @Matches(/^\d{6}(\d{3})?$/)
  regionCode: string;
  @ApiProperty({ description: PASSWORD_HINT }) @Matches(PASSWORD_RULE, { message: PASSWORD_HINT }) password: string;
}

export class ResetPasswordDto implements ResetPasswordBody {
  @ApiProperty({ description: PASSWORD_HINT }) @Matches(PASSWORD_RULE, { message: PASSWORD_HINT }) password: string;
}

export class TotpEnrolmentDto implements TotpEnrolment {
  @ApiProperty({ type: StaffUserDto }) user: StaffUserDto;
  @ApiProperty({ description: 'TOTP 密钥（仅此一次显示，请让用户立即录入身份验证器）' }) totpSecret: string;
  @ApiProperty({ description: 'otpauth:// 链接，可生成二维码' }) otpauthUrl: string;
}

export class GridQuery implements AdminGridQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{9}$/) streetCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{12}$/) communityCode?: string;
}

export class GridWorkerRefDto implements GridWorkerRef {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() username: string;
  @ApiProperty() disabled: boolean;
}

export class AdminGridDto implements AdminGrid {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() communityCode: string;
  @ApiProperty() communityName: string;
  @ApiProperty() streetCode: string;
  @ApiProperty() streetName: string;
  @ApiProperty({ description: '在册家庭数' }) households: number;
  @ApiProperty({ type: [GridWorkerRefDto] }) workers: GridWorkerRefDto[];
}

export class SetGridWorkersDto implements SetGridWorkersBody {
  @ApiProperty({ type: [String], description: '该网格的网格员（用户 id），整体替换；可为空' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class DictionaryItemDto implements DictionaryItem {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
}

export class DictionaryDto implements Dictionary {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '数据来源：代码内置（随版本发布）或数据库（可在相应页面维护）' }) source: string;
  @ApiProperty({ type: [DictionaryItemDto] }) items: DictionaryItemDto[];
}
