import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ParameterChangeStatus } from '@zczr/contract';

/** A proposed value of a policy parameter for a region from a date, with its four-eyes decision. */
@Entity('parameter_change')
@Index('idx_parameter_change_status', ['status', 'effectiveFrom'])
@Index('idx_parameter_change_name', ['name', 'region', 'effectiveFrom'])
export class ParameterChangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Division code prefix, as policy_parameter.region. */
  @Column({ type: 'varchar', length: 12 })
  region: string;

  /** The proposer's district: the one screened again on the effective date. */
  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  @Column({ type: 'varchar', length: 10 })
  effectiveFrom: string;

  @Column({ type: 'double' })
  value: number;

  @Column({ type: 'double', nullable: true })
  previousValue: number | null;

  /** 依据文件/文号. */
  @Column({ type: 'varchar', length: 255 })
  basis: string;

  @Column({ type: 'varchar', length: 12 })
  status: ParameterChangeStatus;

  @Column({ type: 'varchar', length: 36 })
  proposedBy: string;

  @Column({ type: 'varchar', length: 30 })
  proposedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  decidedAt: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  decisionNote: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  appliedAt: string | null;
}
