import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only, hash-chained record of every change and every read of sensitive data. */
@Entity('audit_log')
@Index('idx_audit_actor', ['actorId', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** ISO timestamp, stored as text so it hashes identically on every database. */
  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 24 })
  actorRole: string;

  @Index('idx_audit_action')
  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entityType: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  entityId: string | null;

  @Index('idx_audit_household')
  @Column({ type: 'varchar', length: 36, nullable: true })
  householdId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** JSON; never contains unmasked sensitive values. */
  @Column({ type: 'text' })
  detail: string;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
