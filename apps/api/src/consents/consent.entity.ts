import type { ConsentMethod, SupporterRelation } from '@zczr/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ConsentStatus = 'active' | 'withdrawn';

/** 采集前授权: who consented, to what, how and when. */
@Entity('consent')
export class ConsentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  status: ConsentStatus;

  @Column({ type: 'varchar', length: 64 })
  subjectName: string;

  @Column({ type: 'varchar', length: 200 })
  subjectIdEnc: string;

  @Index('idx_consent_subject')
  @Column({ type: 'varchar', length: 64 })
  subjectIdHash: string;

  /** JSON array of ConsentPurpose. */
  @Column({ type: 'varchar', length: 255 })
  purposes: string;

  @Column({ type: 'boolean' })
  sensitiveData: boolean;

  @Column({ type: 'varchar', length: 16 })
  textVersion: string;

  @Column({ type: 'varchar', length: 24 })
  method: ConsentMethod;

  @Column({ type: 'varchar', length: 64, nullable: true })
  guardianName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  guardianIdEnc: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  guardianRelation: string | null;

  /** Handwritten signature image (PNG/JPEG data URL), encrypted. */
  @Column({ type: 'text', nullable: true })
  signatureEnc: string | null;

  @Column({ type: 'varchar', length: 36 })
  recordedBy: string;

  @Column({ type: 'varchar', length: 24 })
  recordedByRole: string;

  @Index('idx_consent_household')
  @Column({ type: 'varchar', length: 36, nullable: true })
  householdId: string | null;

  @Column({ type: 'varchar', length: 30 })
  givenAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  withdrawnAt: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  withdrawalReason: string | null;
}

/** A co-resident adult who signed the consent beside its subject (经济状况核对授权). */
@Entity('consent_signer')
@Index('idx_consent_signer_consent', ['consentId', 'position'])
export class ConsentSignerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  consentId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  relation: SupporterRelation;

  @Column({ type: 'varchar', length: 200 })
  idNumberEnc: string;

  /** Keyed hash of the ID number: matched against the household's members. */
  @Column({ type: 'varchar', length: 64 })
  idNumberHash: string;

  /** Handwritten signature (PNG/JPEG data URL), encrypted; erased on withdrawal. */
  @Column({ type: 'text', nullable: true })
  signatureEnc: string | null;

  @Column({ type: 'varchar', length: 30 })
  signedAt: string;
}
