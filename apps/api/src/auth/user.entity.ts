import type { Role } from '@zczr/domain';
import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  role: Role;

  /** Staff and grid workers sign in with a username. */
  @Index('uq_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  totpSecretEnc: string | null;

  /** Residents sign in with WeChat. */
  @Index('uq_user_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Column({ type: 'varchar', length: 64 })
  displayName: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  realName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idNumberEnc: string | null;

  @Index('uq_user_id_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberHash: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  identityConsentAt: string | null;

  /** Data scope of staff: a street (9 digits) or district (6 digits) code. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  regionCode: string | null;

  /** When and how a resident's binding was proven: 'face' (WeChat 人脸核身) or 'staff:<userId>'. Until then it grants no household. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  identityVerifiedAt: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  identityVerifiedBy: string | null;

  /** The last TOTP time step accepted: a code is used once. */
  @Column({ type: 'int', nullable: true })
  totpLastStep: number | null;

  /** A resident's own household. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  householdId: string | null;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  lockedUntil: string | null;

  /** Bumped to revoke every refresh token of the user. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  /** Set when an administrator disables the account: no sign-in, no token accepted. Never deleted (audit trail). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  disabledAt: string | null;
}

/** A new user row with every optional field empty. */
export function newUserEntity(fields: Partial<UserEntity> & Pick<UserEntity, 'role' | 'displayName'>, createdAt: string): UserEntity {
  return {
    id: randomUUID(),
    username: null,
    passwordHash: null,
    totpSecretEnc: null,
    openid: null,
    realName: null,
    idNumberEnc: null,
    idNumberHash: null,
    identityConsentAt: null,
    identityVerifiedAt: null,
    identityVerifiedBy: null,
    totpLastStep: null,
    regionCode: null,
    householdId: null,
    failedLogins: 0,
    lockedUntil: null,
    tokenVersion: 0,
    createdAt,
    disabledAt: null,
    ...fields,
  };
}
