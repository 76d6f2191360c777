import type { AttachmentKind, AttachmentView } from '@zczr/contract';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export { ATTACHMENT_KINDS, type AttachmentKind } from '@zczr/contract';

/**
 * A photo of a paper (medical bill, certificate…) in a household's file. The content lives in the
 * attachment store under `contentKey`, encrypted; identical photos share one stored object.
 */
@Entity('attachment')
@Index('idx_attachment_household', ['householdId', 'createdAt'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  householdId: string;

  /** Position of the member in the household it concerns, if one. */
  @Column({ type: 'int', nullable: true })
  memberIndex: number | null;

  @Column({ type: 'varchar', length: 24 })
  kind: AttachmentKind;

  /** Keyed SHA-256 (HMAC with HASH_KEY) of the stored image: its address in the store. */
  @Index('idx_attachment_content')
  @Column({ type: 'varchar', length: 64 })
  contentKey: string;

  @Column({ type: 'varchar', length: 32 })
  mimeType: AttachmentView['mimeType'];

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  @Column({ type: 'varchar', length: 36 })
  uploadedBy: string;

  @Column({ type: 'varchar', length: 24 })
  uploadedByRole: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  /** A visit photo (kind visit_photo): the verification task it was taken for. */
  @Index('idx_attachment_task')
  @Column({ type: 'varchar', length: 36, nullable: true })
  taskId: string | null;
}
