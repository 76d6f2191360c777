import { Injectable } from '@nestjs/common';
import { ROLE_LABELS } from '@zczr/domain';
import bcrypt from 'bcryptjs';
import { generateSecret, generateURI } from 'otplib';
import { TOTP_ISSUER } from '../auth/account.service.js';
import { AuditService } from '../audit/audit.service.js';
import { newUserEntity, type UserEntity } from '../auth/user.entity.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import type { ManagedRole } from '@zczr/contract';
import type { CreateUserDto, StaffUserDto, StaffUserPageDto, TotpEnrolmentDto, UserQuery } from './admin.dto.js';
import { AdminRepository } from './admin.repository.js';

/**
 * Staff accounts, managed by the district's administrator: list, create with a role and a region
 * (the data scope), new second factor, unlock, disable and enable. Accounts are never deleted: the
 * audit trail names them. Every change is audited; secrets are shown once and never logged.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly repo: AdminRepository,
    private readonly users: UsersRepository,
    private readonly regions: RegionsRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, q: UserQuery): Promise<StaffUserPageDto> {
    const { items, total } = await this.repo.searchUsers(
      { districtCode: this.districtOf(auth), role: q.role, regionCode: q.regionCode, q: q.q, status: q.status, now: this.clock.iso() },
      q.page,
      q.pageSize,
    );
    const grids = await this.repo.gridIdsOf(items.filter((u) => u.role === 'grid_worker').map((u) => u.id));
    return { items: await Promise.all(items.map((u) => this.toDto(u, grids.get(u.id) ?? []))), total, page: q.page, pageSize: q.pageSize };
  }

  async create(auth: AuthContext, dto: CreateUserDto): Promise<TotpEnrolmentDto> {
    await this.checkRegion(auth, dto.role, dto.regionCode);
    if (await this.users.findByUsername(dto.username)) throw new AppError('USERNAME_TAKEN');
    const secret = generateSecret();
    const user = newUserEntity(
      {
        role: dto.role,
        username: dto.username,
        displayName: dto.displayName.trim(),
        regionCode: dto.regionCode,
        passwordHash: await bcrypt.hash(dto.password, 10),
        totpSecretEnc: this.cipher.encrypt(secret),
      },
      this.clock.iso(),
    );
    try {
      await this.users.insert(user);
    } catch (e) {
      // Two administrators creating the same name at once: the unique index decides.
      if (await this.users.findByUsername(dto.username)) throw new AppError('USERNAME_TAKEN');
      throw e;
    }
    await this.audit.record(auth, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      detail: { username: user.username, role: user.role, regionCode: user.regionCode },
    });
    return { user: await this.toDto(user, []), totpSecret: secret, otpauthUrl: this.otpauthUrl(user, secret) };
  }

  /** A new second factor (lost phone): the old one stops working, and every session of the user ends. */
  async resetTotp(auth: AuthContext, id: string): Promise<TotpEnrolmentDto> {
    const user = await this.managed(auth, id);
    if (user.id === auth.userId) throw new AppError('CANNOT_CHANGE_SELF');
    const secret = generateSecret();
    await this.users.update(user.id, {
      totpSecretEnc: this.cipher.encrypt(secret),
      totpLastStep: null,
      tokenVersion: user.tokenVersion + 1,
      failedLogins: 0,
      lockedUntil: null,
    });
    await this.audit.record(auth, { action: 'user.reset_totp', entityType: 'user', entityId: user.id });
    const fresh = (await this.repo.findUser(user.id))!;
    return { user: await this.toDto(fresh, (await this.repo.gridIdsOf([id])).get(id) ?? []), totpSecret: secret, otpauthUrl: this.otpauthUrl(fresh, secret) };
  }

  async resetPassword(auth: AuthContext, id: string, password: string): Promise<StaffUserDto> {
    const user = await this.managed(auth, id);
    if (user.id === auth.userId) throw new AppError('CANNOT_CHANGE_SELF');
    await this.users.update(user.id, {
      passwordHash: await bcrypt.hash(password, 10),
      tokenVersion: user.tokenVersion + 1,
      failedLogins: 0,
      lockedUntil: null,
    });
    await this.audit.record(auth, { action: 'user.reset_password', entityType: 'user', entityId: user.id });
    return this.reload(id);
  }

  async unlock(auth: AuthContext, id: string): Promise<StaffUserDto> {
    const user = await this.managed(auth, id);
    await this.users.update(user.id, { failedLogins: 0, lockedUntil: null });
    await this.audit.record(auth, { action: 'user.unlock', entityType: 'user', entityId: user.id });
    return this.reload(id);
  }

  async setDisabled(auth: AuthContext, id: string, disabled: boolean): Promise<StaffUserDto> {
    const user = await this.managed(auth, id);
    if (user.id === auth.userId) throw new AppError('CANNOT_CHANGE_SELF');
    if (disabled === (user.disabledAt !== null)) return this.reload(id);
    // Disabling also revokes the refresh tokens; the guard refuses the access tokens from now on.
    await this.users.update(
      user.id,
      disabled ? { disabledAt: this.clock.iso(), tokenVersion: user.tokenVersion + 1 } : { disabledAt: null, failedLogins: 0, lockedUntil: null },
    );
    await this.audit.record(auth, { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: user.id });
    return this.reload(id);
  }

  /** A managed account of the caller's district; anything else is the same 404. */
  private async managed(auth: AuthContext, id: string): Promise<UserEntity> {
    const user = await this.repo.findUser(id);
    if (!user || user.role === 'resident' || !(user.regionCode ?? '').startsWith(this.districtOf(auth))) throw notFound();
    return user;
  }

  private async reload(id: string): Promise<StaffUserDto> {
    const user = (await this.repo.findUser(id))!;
    return this.toDto(user, (await this.repo.gridIdsOf([id])).get(id) ?? []);
  }

  private async checkRegion(auth: AuthContext, role: CreateUserDto['role'], regionCode: string): Promise<void> {
    const wantsStreet = role === 'grid_worker' || role === 'street_reviewer';
    const region = await this.regions.findRegion(regionCode);
    const ok = region && region.code.startsWith(this.districtOf(auth)) && region.level === (wantsStreet ? 'street' : 'district');
    if (!ok) throw new AppError('UNKNOWN_REGION', wantsStreet ? '网格员和街道审核人员须选择本区的一个街道' : '区级审核人员和管理员须选择本区');
  }

  private otpauthUrl(user: UserEntity, secret: string): string {
    return generateURI({ issuer: TOTP_ISSUER, label: user.username ?? user.id, secret });
  }

  private async toDto(u: UserEntity, gridIds: string[]): Promise<StaffUserDto> {
    const region = u.regionCode ? await this.regions.findRegion(u.regionCode) : null;
    const now = this.clock.iso();
    return {
      id: u.id,
      username: u.username ?? '',
      displayName: u.displayName,
      role: u.role as ManagedRole,
      roleLabel: ROLE_LABELS[u.role],
      regionCode: u.regionCode,
      regionName: region?.name ?? null,
      gridIds,
      locked: u.lockedUntil !== null && u.lockedUntil > now,
      lockedUntil: u.lockedUntil,
      disabled: u.disabledAt !== null,
      disabledAt: u.disabledAt,
      hasTotp: u.totpSecretEnc !== null,
      createdAt: u.createdAt,
    };
  }

  private districtOf(auth: AuthContext): string {
    return (auth.regionCode ?? '').slice(0, 6);
  }
}
