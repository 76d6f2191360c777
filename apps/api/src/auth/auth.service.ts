import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber } from '@zczr/domain';
import { validateIdNumber } from '@zczr/id-card';
import bcrypt from 'bcryptjs';
import { verify as verifyTotp } from 'otplib';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import type { BindIdentityDto, DemoLoginDto, MeDto, StaffLoginDto } from './auth.dto.js';
import { TokenPair, TokenService } from './token.service.js';
import { newUserEntity, type UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { WechatClient } from './wechat.client.js';

export const DEMO_USERNAMES = {
  resident: 'demo-resident',
  grid_worker: 'demo-worker',
  street_reviewer: 'demo-street',
  district_reviewer: 'demo-district',
  admin: 'demo-admin',
} as const;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly households: HouseholdsRepository,
    private readonly regions: RegionsRepository,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async wechatLogin(code: string, ip: string | null): Promise<TokenPair> {
    const { openid } = await this.wechat.code2Session(code);
    let user = await this.users.findByOpenid(openid);
    if (!user) {
      user = this.newUser({ role: 'resident', openid, displayName: '微信用户' });
      await this.users.insert(user);
      await this.audit.record({ userId: user.id, role: 'resident', ip }, { action: 'user.register_wechat', entityType: 'user', entityId: user.id });
    }
    return this.tokens.issue(user);
  }

  async staffLogin(dto: StaffLoginDto, ip: string | null): Promise<TokenPair> {
    const user = await this.users.findByUsername(dto.username);
    const now = this.clock.now();
    if (!user || !user.passwordHash || !user.totpSecretEnc) {
      await bcrypt.compare(dto.password, '$2b$10$invalidinvalidinvalidinuJ0Nj1bS7pVNQ0hUJ0F8f1lYlqvZK2'); // even timing
      throw new AppError('LOGIN_FAILED');
    }
    if (user.lockedUntil && new Date(user.lockedUntil) > now) throw new AppError('ACCOUNT_LOCKED');
    const passwordOk = await bcrypt.compare(dto.password, user.passwordHash);
    const totpOk = passwordOk && (await verifyTotp({ secret: this.cipher.decrypt(user.totpSecretEnc), token: dto.totp, epochTolerance: 30 })).valid;
    const actor = { userId: user.id, role: user.role, ip };
    if (!totpOk) {
      const failures = user.failedLogins + 1;
      const lock = failures >= this.config.login.maxFailures;
      await this.users.update(user.id, {
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + this.config.login.lockoutMinutes * 60_000).toISOString() : user.lockedUntil,
      });
      await this.audit.record(actor, { action: lock ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id });
      throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
    }
    if (user.disabledAt) {
      await this.audit.record(actor, { action: 'auth.login_disabled', entityType: 'user', entityId: user.id });
      throw new AppError('ACCOUNT_DISABLED');
    }
    await this.users.update(user.id, { failedLogins: 0, lockedUntil: null });
    await this.audit.record(actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return this.tokens.issue(user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const claims = this.tokens.verifyRefresh(refreshToken);
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabledAt || user.tokenVersion !== claims.ver) throw new AppError('TOKEN_INVALID');
    // Rotation: the refresh token just used stops working.
    user.tokenVersion += 1;
    await this.users.update(user.id, { tokenVersion: user.tokenVersion });
    return this.tokens.issue(user);
  }

  async demoLogin(dto: DemoLoginDto): Promise<TokenPair> {
    if (!this.config.demoMode) throw new AppError('DEMO_DISABLED');
    const user = await this.users.findByUsername(DEMO_USERNAMES[dto.role]);
    if (!user) throw new AppError('NOT_FOUND');
    return this.tokens.issue(user);
  }

  async bindIdentity(auth: AuthContext, dto: BindIdentityDto): Promise<MeDto> {
    const check = validateIdNumber(dto.idNumber);
    if (!check.valid) throw new AppError('INVALID_ID_NUMBER', check.message);
    const hash = this.cipher.hash(check.idNumber);
    const other = await this.users.findByIdNumberHash(hash);
    if (other && other.id !== auth.userId) throw new AppError('IDENTITY_ALREADY_BOUND');
    const householdId = auth.householdId ?? (await this.households.findActiveHouseholdIdByMemberHash(hash));
    await this.users.update(auth.userId, {
      realName: dto.realName,
      displayName: dto.realName,
      idNumberEnc: this.cipher.encrypt(check.idNumber),
      idNumberHash: hash,
      identityConsentAt: this.clock.iso(),
      householdId,
    });
    await this.audit.record(auth, { action: 'user.bind_identity', entityType: 'user', entityId: auth.userId, householdId, detail: { idNumber: maskIdNumber(check.idNumber) } });
    return this.me({ ...auth, householdId });
  }

  async me(auth: AuthContext): Promise<MeDto> {
    const user = await this.users.findById(auth.userId);
    if (!user) throw new AppError('TOKEN_INVALID');
    const id = this.cipher.decryptNullable(user.idNumberEnc);
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      displayName: user.displayName,
      realName: user.realName,
      idNumberMasked: id ? maskIdNumber(id) : null,
      regionCode: user.regionCode,
      regionName: await this.regionName(user.regionCode),
      gridIds: auth.gridIds,
      householdId: user.householdId,
    };
  }

  /** "温江区 柳城街道": the names from the district down to the user's own region. */
  private async regionName(code: string | null): Promise<string | null> {
    if (!code) return null;
    const names: string[] = [];
    for (const len of [6, 9, 12]) {
      if (code.length < len) break;
      const region = await this.regions.findRegion(code.slice(0, len));
      if (region) names.push(region.name);
    }
    return names.length ? names.join(' ') : null;
  }

  newUser(fields: Partial<UserEntity> & Pick<UserEntity, 'role' | 'displayName'>): UserEntity {
    return newUserEntity(fields, this.clock.iso());
  }

}
