import type { Education, Employment, LabourCapacity, Relation } from '@zczr/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A household member. Sensitive fields are stored encrypted (`*Enc`). */
@Entity('member')
export class MemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_member_household')
  @Column({ type: 'varchar', length: 36 })
  householdId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  relation: Relation;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idNumberEnc: string | null;

  /** Keyed hash of the ID number; unique, so a person is in at most one active household. */
  @Index('uq_member_id_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberHash: string | null;

  @Column({ type: 'varchar', length: 8 })
  sex: 'male' | 'female';

  @Column({ type: 'varchar', length: 10 })
  birthDate: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  ethnicity: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  education: Education | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  employment: Employment | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  labourCapacity: LabourCapacity | null;

  /** Encrypted JSON: Health. */
  @Column({ type: 'text', nullable: true })
  healthEnc: string | null;

  /** Encrypted JSON: Disability | null. */
  @Column({ type: 'text', nullable: true })
  disabilityEnc: string | null;

  /** Encrypted JSON: SelfCareCheck. */
  @Column({ type: 'text', nullable: true })
  selfCareEnc: string | null;

  @Column({ type: 'boolean' })
  coResident: boolean;
}
