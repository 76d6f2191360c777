import type { PolicyGroup } from '@zczr/eligibility';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A policy of the library; its content lives in versions. */
@Entity('policy')
export class PolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('idx_policy_group')
  @Column({ type: 'varchar', length: 24 })
  policyGroup: PolicyGroup;

  @Column({ type: 'varchar', length: 24 })
  department: string;

  /** The version in force; null until first published. */
  @Column({ type: 'int', nullable: true })
  publishedVersion: number | null;

  @Column({ type: 'int' })
  latestVersion: number;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

export type PolicyVersionStatus = 'draft' | 'published' | 'superseded';

/** One version of a policy: editing creates a new draft; publishing makes it the one in force. */
@Entity('policy_version')
export class PolicyVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  policyCode: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 12 })
  status: PolicyVersionStatus;

  /** JSON PolicyDefinition. */
  @Column({ type: 'text' })
  definition: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  changeNote: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  publishedBy: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publishedAt: string | null;
}

/** A threshold as data: one value of a named parameter in a region from a date. */
@Entity('policy_parameter')
export class PolicyParameterEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** Division code prefix; '' = national. */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  region: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  effectiveFrom: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'double' })
  value: number;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  unit: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  source: string | null;
}
