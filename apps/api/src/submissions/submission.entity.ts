import type { SubmissionStatus } from '@zczr/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SubmissionKind = 'create' | 'update';

/** A change request from a resident or grid worker, applied only when a reviewer approves it. */
@Entity('submission')
@Index('idx_submission_scope', ['districtCode', 'streetCode', 'status'])
@Index('idx_submission_status_created', ['status', 'createdAt', 'id'])
export class SubmissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: SubmissionKind;

  @Column({ type: 'varchar', length: 16 })
  status: SubmissionStatus;

  @Index('idx_submission_household')
  @Column({ type: 'varchar', length: 36 })
  householdId: string;

  /** Household version the change was made against. */
  @Column({ type: 'int' })
  baseVersion: number;

  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  @Column({ type: 'varchar', length: 9 })
  streetCode: string;

  @Column({ type: 'varchar', length: 20 })
  gridId: string;

  /** Encrypted JSON of the proposed change. */
  @Column({ type: 'text' })
  payloadEnc: string;

  /** JSON AutoCheck[]: results of the automatic checks (no personal data). */
  @Column({ type: 'text' })
  checks: string;

  /** JSON StatusChange[]: the timeline. */
  @Column({ type: 'text' })
  history: string;

  @Index('idx_submission_submitter')
  @Column({ type: 'varchar', length: 36 })
  submittedBy: string;

  @Column({ type: 'varchar', length: 24 })
  submittedByRole: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewReason: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
