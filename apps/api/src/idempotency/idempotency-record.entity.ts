import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a mobile POST, replayed for any retry with the same Idempotency-Key. */
@Entity('idempotency_record')
export class IdempotencyRecordEntity {
  /** sha256(userId + key) */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** sha256 of method, path and body: a reused key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** null while the first request is still running. */
  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  /** Encrypted response body (it may carry personal data). */
  @Column({ type: 'text', nullable: true })
  responseEnc: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}
