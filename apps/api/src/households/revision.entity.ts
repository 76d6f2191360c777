import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RevisionSource = 'staff' | 'submission' | 'system';

/** One applied change to a household: who, when, from where, and the field-level diff. */
@Entity('revision')
export class RevisionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_revision_household')
  @Column({ type: 'varchar', length: 36 })
  householdId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 36 })
  actorId: string;

  @Column({ type: 'varchar', length: 24 })
  actorRole: string;

  @Column({ type: 'varchar', length: 16 })
  source: RevisionSource;

  @Column({ type: 'varchar', length: 36, nullable: true })
  submissionId: string | null;

  /** Encrypted JSON FieldChange[] (before/after values may be sensitive). */
  @Column({ type: 'text' })
  diffEnc: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}
