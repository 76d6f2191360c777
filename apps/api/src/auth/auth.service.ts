import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber } from '@zczr/domain';
import { validateIdNumber } from '@zczr/id-card';
import bcrypt from 'bcryptjs';
import { StaffCredentials } from './staff-credentials.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { SharedCounters } from '../shared-state/shared-counters.js';
import type { BindIdentityDto, DemoLoginDto, MeDto, StaffLoginDto } from './auth.dto.js';
import { TokenPair, TokenService } from './token.service.js';
import { newUserEntity, type UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { RealNameVerifier } from './real-name.verifier.js';
import { WechatClient } from './wechat.client.js';

export const DEMO_USERNAMES = {
  resident: 'demo-resident',
  grid_worker: 'demo-worker',
  street_reviewer: 'demo-street',
  district_reviewer: 'demo-district',
  admin: 'demo-admin',
  security_admin: 'demo-security',
  audit_admin: 'demo-auditor',
} as const;

/** The second demo resident: signed in through WeChat but not yet bound, for the first-visit journey. */
export const DEMO_FIRST_VISIT = { username: 'demo-resident-new', openid: 'demo-openid-resident-new' } as const;

const BIND_ATTEMPTS = 5;

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
    private readonly realName: RealNameVerifier,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly counters: SharedCounters,
    private readonly credentials: StaffCredentials,
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
      throw new AppError((await this.failUnknown(dto.username)) ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
    }
    if (user.lockedUntil && new Date(user.lockedUntil) > now) throw new AppError('ACCOUNT_LOCKED');
    const checked = await this.credentials.check(user, dto.password, dto.totp, now);
    const actor = { userId: user.id, role: user.role, ip };
    // Right password and a right code (even one already used): a disabled account is told so.
    if ((checked.ok || checked.replayed) && user.disabledAt) {
      await this.audit.record(actor, { action: 'auth.login_disabled', entityType: 'user', entityId: user.id });
      throw new AppError('ACCOUNT_DISABLED');
    }
    if (!checked.ok) {
      const locked = await this.credentials.recordFailure(actor, user, now, checked.replayed ? 'auth.totp_replayed' : 'auth.login_failed');
      throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
    }
    const step = checked.step;
    await this.users.update(user.id, { failedLogins: 0, lockedUntil: null, totpLastStep: step });
    await this.audit.record(actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return this.tokens.issue(user);
  }

  /**
   * Failed sign-ins of names that are no account are locked like real ones, so a 423 tells nothing.
   * Counted in the shared counters (every API process sees the same count); true when the name is now "locked".
   */
  private async failUnknown(username: string): Promise<boolean> {
    const name = username.toLowerCase();
    const lockMs = this.config.login.lockoutMinutes * 60_000;
    if (await this.counters.locked(`unknown-lock:${name}`)) return true;
    const { count } = await this.counters.hit(`unknown-fail:${name}`, lockMs);
    if (count < this.config.login.maxFailures) return false;
    await this.counters.lock(`unknown-lock:${name}`, lockMs);
    await this.counters.reset(`unknown-fail:${name}`);
    return true;
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const claims = this.tokens.verifyRefresh(refreshToken);
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabledAt) throw new AppError('TOKEN_INVALID');
    if (user.tokenVersion !== claims.ver) {
      // A rotated refresh token came back: someone holds a copy. Revoke the whole family.
      if (claims.ver < user.tokenVersion) {
        await this.users.update(user.id, { tokenVersion: user.tokenVersion + 1 });
        await this.audit.record({ userId: user.id, role: user.role, ip: null }, { action: 'auth.refresh_reused', entityType: 'user', entityId: user.id });
      }
      throw new AppError('TOKEN_INVALID');
    }
    // Rotation: the refresh token just used stops working.
    user.tokenVersion += 1;
    await this.users.update(user.id, { tokenVersion: user.tokenVersion });
    return this.tokens.issue(user);
  }

  async demoLogin(dto: DemoLoginDto): Promise<TokenPair> {
    if (!this.config.demoMode) throw new AppError('DEMO_DISABLED');
    const user = await this.users.findByUsername(dto.firstVisit && dto.role === 'resident' ? DEMO_FIRST_VISIT.username : DEMO_USERNAMES[dto.role]);
    if (!user) throw new AppError('NOT_FOUND');
    return this.tokens.issue(user);
  }

  /**
   * Binds a WeChat account to a real name and ID number. The name must match the archive's record of
   * that number; one identity per account (a change goes through staff); attempts are limited. The
   * binding grants a household only once proven: by a face check here, or later by staff.
   */
  async bindIdentity(auth: AuthContext, dto: BindIdentityDto): Promise<MeDto> {
    await this.throttleBinding(auth.userId);
    const check = validateIdNumber(dto.idNumber);
    if (!check.valid) throw new AppError('INVALID_ID_NUMBER', check.message);
    const me = await this.users.findById(auth.userId);
    if (!me) throw new AppError('TOKEN_INVALID');
    const hash = this.cipher.hash(check.idNumber);
    if (me.idNumberHash && me.idNumberHash !== hash) throw new AppError('IDENTITY_LOCKED');
    const other = await this.users.findByIdNumberHash(hash);
    // An unproven binding elsewhere gives way to a face-verified one (no squatting on someone's number).
    const takeOver = other && other.id !== auth.userId && !other.identityVerifiedAt && Boolean(dto.faceVerifyResult);
    if (other && other.id !== auth.userId && !takeOver) throw new AppError('IDENTITY_ALREADY_BOUND');
    const records = await this.households.findMembersByIdHashes([hash]);
    if (records.length > 0 && !records.some((r) => r.name === dto.realName)) {
      await this.audit.record(auth, {
        action: 'user.bind_identity_mismatch',
        entityType: 'user',
        entityId: auth.userId,
        detail: { idNumber: maskIdNumber(check.idNumber) },
      });
      throw new AppError('IDENTITY_MISMATCH');
    }
    let verifiedAt = me.idNumberHash === hash ? me.identityVerifiedAt : null;
    let verifiedBy = me.idNumberHash === hash ? me.identityVerifiedBy : null;
    if (!verifiedAt && dto.faceVerifyResult) {
      const ok = await this.realName.verify({ openid: me.openid, realName: dto.realName, idNumber: check.idNumber, verifyResult: dto.faceVerifyResult });
      if (!ok) {
        await this.audit.record(auth, {
          action: 'user.face_verify_failed',
          entityType: 'user',
          entityId: auth.userId,
          detail: { idNumber: maskIdNumber(check.idNumber) },
        });
        throw new AppError('FACE_VERIFY_FAILED');
      }
      verifiedAt = this.clock.iso();
      verifiedBy = 'face';
    }
    if (other && takeOver) {
      if (!verifiedAt) throw new AppError('IDENTITY_ALREADY_BOUND');
      await this.users.update(other.id, {
        idNumberEnc: null,
        idNumberHash: null,
        realName: null,
        identityVerifiedAt: null,
        identityVerifiedBy: null,
        householdId: null,
      });
      await this.audit.record(auth, { action: 'user.identity_taken_over', entityType: 'user', entityId: other.id, detail: { by: auth.userId } });
    }
    await this.users.update(auth.userId, {
      realName: dto.realName,
      displayName: dto.realName,
      idNumberEnc: this.cipher.encrypt(check.idNumber),
      idNumberHash: hash,
      identityConsentAt: this.clock.iso(),
      identityVerifiedAt: verifiedAt,
      identityVerifiedBy: verifiedBy,
    });
    const access = await this.users.findAccess(auth.userId);
    const householdId = access?.householdId ?? null;
    await this.audit.record(auth, {
      action: 'user.bind_identity',
      entityType: 'user',
      entityId: auth.userId,
      householdId,
      detail: { idNumber: maskIdNumber(check.idNumber), verified: verifiedBy ?? 'pending' },
    });
    return this.me({ ...auth, householdId });
  }

  /** Staff confirm (or clear) a resident's binding in person, for a resident in their scope or not yet placed. */
  async confirmIdentity(auth: AuthContext, userId: string, dto: { confirm: boolean; reason: string }): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user || user.role !== 'resident' || !user.idNumberHash) throw new AppError('NOT_FOUND');
    const householdId = await this.households.findActiveHouseholdIdByMemberHash(user.idNumberHash);
    if (householdId) {
      const h = await this.households.findById(householdId);
      this.access.require(auth, h && { householdId: h.id, districtCode: h.districtCode, streetCode: h.streetCode, gridId: h.gridId });
    }
    await this.users.update(
      userId,
      dto.confirm
        ? { identityVerifiedAt: this.clock.iso(), identityVerifiedBy: `staff:${auth.userId}`.slice(0, 40) }
        : {
            identityVerifiedAt: null,
            identityVerifiedBy: null,
            idNumberEnc: null,
            idNumberHash: null,
            realName: null,
            householdId: null,
            tokenVersion: user.tokenVersion + 1,
          },
    );
    await this.audit.record(auth, {
      action: dto.confirm ? 'user.identity_confirmed' : 'user.identity_cleared',
      entityType: 'user',
      entityId: userId,
      householdId,
      detail: { reason: dto.reason },
    });
    const access = await this.users.findAccess(userId);
    const updated = await this.users.findById(userId);
    return this.toMe(updated!, access?.gridIds ?? [], access?.householdId ?? null);
  }

  /** At most BIND_ATTEMPTS identity bindings per account per hour, across processes: guessing names against a number is slow. */
  private async throttleBinding(userId: string): Promise<void> {
    const { count } = await this.counters.hit(`bind-user:${userId}`, 3_600_000);
    if (count > BIND_ATTEMPTS) throw new AppError('TOO_MANY_REQUESTS');
  }

  async me(auth: AuthContext): Promise<MeDto> {
    const user = await this.users.findById(auth.userId);
    if (!user) throw new AppError('TOKEN_INVALID');
    return this.toMe(user, auth.gridIds, auth.householdId);
  }

  private async toMe(user: UserEntity, gridIds: string[], householdId: string | null): Promise<MeDto> {
    const id = this.cipher.decryptNullable(user.idNumberEnc);
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      displayName: user.displayName,
      realName: user.realName,
      idNumberMasked: id ? maskIdNumber(id) : null,
      identityVerified: user.identityVerifiedAt !== null,
      regionCode: user.regionCode,
      regionName: await this.regionName(user.regionCode),
      gridIds,
      householdId,
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
