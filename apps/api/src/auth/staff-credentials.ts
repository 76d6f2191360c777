import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { totpStep } from './totp-step.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/** What a password + TOTP pair proved: the code's time step, or why it failed. */
export type CredentialCheck = { ok: true; step: number } | { ok: false; replayed: boolean };

/**
 * A staff member's password and TOTP code, checked the one way for signing in and for changes in
 * 个人中心: a code is good once (its time step must be later than the last one accepted), and every
 * failure counts toward the lockout in the database (atomically, so attempts through several API
 * processes all count) and is audited.
 */
@Injectable()
export class StaffCredentials {
  constructor(
    private readonly users: UsersRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The step of a good pair; a wrong password is not told apart from a wrong code. */
  async check(user: UserEntity, password: string, code: string, now: Date): Promise<CredentialCheck> {
    if (!user.passwordHash || !user.totpSecretEnc) return { ok: false, replayed: false };
    const passwordOk = await bcrypt.compare(password, user.passwordHash);
    const step = passwordOk ? await totpStep(this.cipher.decrypt(user.totpSecretEnc), code, now) : null;
    if (step === null) return { ok: false, replayed: false };
    if (user.totpLastStep !== null && step <= user.totpLastStep) return { ok: false, replayed: true };
    return { ok: true, step };
  }

  /**
   * Counts a failed attempt and audits it (`auth.locked` when this one locks the account, else
   * `action`). Returns whether the account is now locked.
   */
  async recordFailure(
    actor: Pick<AuthContext, 'userId' | 'role' | 'ip'>,
    user: UserEntity,
    now: Date,
    action: string,
    detail?: Record<string, unknown>,
  ): Promise<boolean> {
    const locked = await this.users.countFailure(
      user.id,
      this.config.login.maxFailures,
      new Date(now.getTime() + this.config.login.lockoutMinutes * 60_000).toISOString(),
    );
    await this.audit.record(actor, { action: locked ? 'auth.locked' : action, entityType: 'user', entityId: user.id, ...(detail ? { detail } : {}) });
    return locked;
  }
}
