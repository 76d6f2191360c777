import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { generateSecret, generateURI } from 'otplib';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { ChangePasswordDto, ConfirmTotpChangeDto, StartTotpChangeDto, TotpChallengeDto } from './auth.dto.js';
import { StaffCredentials } from './staff-credentials.js';
import { totpStep } from './totp-step.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export const TOTP_ISSUER = '政策找人';
const TICKET_MS = 10 * 60_000;

/**
 * 个人中心: a staff member changes their own password or second factor. Each change is confirmed with
 * the current password and a current TOTP code (failures count toward the sign-in lockout) and audited;
 * a new password revokes every refresh token issued before, a new second factor takes effect only once a code from it is shown.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly credentials: StaffCredentials,
  ) {}

  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<{ changed: true }> {
    const user = await this.confirmed(auth, dto.currentPassword, dto.totp);
    if (await bcrypt.compare(dto.newPassword, user.passwordHash!)) throw new AppError('PASSWORD_UNCHANGED');
    await this.users.update(user.id, { passwordHash: await bcrypt.hash(dto.newPassword, 10), tokenVersion: user.tokenVersion + 1 });
    await this.audit.record(auth, { action: 'user.change_password', entityType: 'user', entityId: user.id });
    return { changed: true };
  }

  async startTotpChange(auth: AuthContext, dto: StartTotpChangeDto): Promise<TotpChallengeDto> {
    const user = await this.confirmed(auth, dto.currentPassword, dto.totp);
    const secret = generateSecret();
    const ticket = this.cipher.encryptJson({ userId: user.id, secret, until: this.clock.now().getTime() + TICKET_MS, version: user.tokenVersion });
    return { totpSecret: secret, otpauthUrl: generateURI({ issuer: TOTP_ISSUER, label: user.username ?? user.id, secret }), ticket };
  }

  async confirmTotpChange(auth: AuthContext, dto: ConfirmTotpChangeDto): Promise<{ changed: true }> {
    let t: { userId: string; secret: string; until: number; version: number };
    try {
      t = this.cipher.decryptJson(dto.ticket);
    } catch {
      throw new AppError('TOTP_TICKET_INVALID');
    }
    const user = await this.users.findById(auth.userId);
    if (!user || t.userId !== user.id || t.version !== user.tokenVersion || t.until < this.clock.now().getTime()) throw new AppError('TOTP_TICKET_INVALID');
    const step = await totpStep(t.secret, dto.totp, this.clock.now());
    if (step === null) throw new AppError('CREDENTIALS_WRONG', '新动态验证码不正确，请确认已在身份验证器中添加新密钥');
    await this.users.update(user.id, { totpSecretEnc: this.cipher.encrypt(t.secret), totpLastStep: step });
    await this.audit.record(auth, { action: 'user.change_totp', entityType: 'user', entityId: user.id });
    return { changed: true };
  }

  /** The signed-in staff member, after checking their current password and a fresh TOTP code. */
  private async confirmed(auth: AuthContext, password: string, code: string): Promise<UserEntity> {
    const user = await this.users.findById(auth.userId);
    if (!user?.passwordHash || !user.totpSecretEnc) throw new AppError('FORBIDDEN', '只有工作人员账号可以修改密码和动态验证码');
    const now = this.clock.now();
    if (user.lockedUntil && new Date(user.lockedUntil) > now) throw new AppError('ACCOUNT_LOCKED');
    const checked = await this.credentials.check(user, password, code, now);
    if (!checked.ok) {
      const locked = await this.credentials.recordFailure(auth, user, now, 'auth.login_failed', { during: 'account_change' });
      throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'CREDENTIALS_WRONG');
    }
    const step = checked.step;
    await this.users.update(user.id, { failedLogins: 0, totpLastStep: step });
    return { ...user, failedLogins: 0, totpLastStep: step };
  }
}
