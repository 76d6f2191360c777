import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The latest result of every (household, policy) pair that is not plainly ineligible: what the
 * household qualifies for now, or what is unknown and which facts would decide it.
 */
@Entity('eligibility_current')
@Index('idx_eligibility_policy_household', ['policyCode', 'outcome', 'householdId'])
export class EligibilityCurrentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  householdId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  policyCode: string;

  @Column({ type: 'varchar', length: 12 })
  outcome: 'eligible' | 'unknown';

  @Column({ type: 'int' })
  policyVersion: number;

  /** Comma-separated fact names. */
  @Column({ type: 'varchar', length: 500 })
  missingFacts: string;

  @Column({ type: 'double', nullable: true })
  benefitAmount: number | null;

  /** When the household first had this outcome. */
  @Column({ type: 'varchar', length: 30 })
  since: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
