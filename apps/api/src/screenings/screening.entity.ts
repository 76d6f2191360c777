import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

import type { ScreeningStatus } from '@zczr/contract';

export type { ScreeningStatus } from '@zczr/contract';

/** A population screening run: every active household against every published policy. */
@Entity('screening_run')
export class ScreeningRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12 })
  status: ScreeningStatus;

  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  /** Evaluation date (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  asOf: string;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int' })
  processed: number;

  /** JSON: per policy code, counts by category and the version used. */
  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'varchar', length: 36 })
  startedBy: string;

  @Column({ type: 'varchar', length: 30 })
  startedAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  finishedAt: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;
}

export type ScreeningCategory = 'newly_eligible' | 'exit_candidate' | 'unknown';

/** A household a run flagged for action under one policy. */
@Entity('screening_hit')
@Index('idx_screening_hit_run', ['runId', 'policyCode', 'category'])
@Index('idx_screening_hit_run_order', ['runId', 'id'])
export class ScreeningHitEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36 })
  runId: string;

  @Column({ type: 'varchar', length: 40 })
  policyCode: string;

  @Column({ type: 'varchar', length: 36 })
  householdId: string;

  @Column({ type: 'varchar', length: 16 })
  category: ScreeningCategory;

  @Column({ type: 'varchar', length: 500 })
  missingFacts: string;

  /** Exit candidates: the benefit stops after this date (graduated exit). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  graceUntil: string | null;
}

/**
 * Coverage of one run, per street and policy: households (and co-resident people) eligible, receiving,
 * eligible but receiving nothing of it (the "silent minority"), and exit candidates. The dashboard
 * reads these few hundred rows instead of every household.
 */
@Entity('screening_coverage')
export class ScreeningCoverageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) runId: string;
  @PrimaryColumn({ type: 'varchar', length: 9 }) streetCode: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) policyCode: string;
  @Column({ type: 'int' }) eligibleHouseholds: number;
  @Column({ type: 'int' }) eligiblePeople: number;
  @Column({ type: 'int' }) receivingHouseholds: number;
  @Column({ type: 'int' }) receivingPeople: number;
  @Column({ type: 'int' }) silentHouseholds: number;
  @Column({ type: 'int' }) silentPeople: number;
  @Column({ type: 'int' }) exitHouseholds: number;
}
