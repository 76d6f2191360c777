import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A monitoring run: warning rules re-evaluated, risk recomputed, due re-checks raised, overdue tasks escalated. */
@Entity('monitoring_run')
@Index('idx_monitoring_run_period', ['districtCode', 'period'])
export class MonitoringRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 12 }) trigger: 'scheduled' | 'manual';
  /** YYYY-MM of the run (China time). */
  @Column({ type: 'varchar', length: 7 }) period: string;
  @Column({ type: 'varchar', length: 6 }) districtCode: string;
  @Column({ type: 'varchar', length: 12 }) status: 'running' | 'completed' | 'failed';
  @Column({ type: 'int' }) processed: number;
  /** JSON counts: warnings, tasks, rechecks, escalations, risk changes. */
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'varchar', length: 36 }) startedBy: string;
  @Column({ type: 'varchar', length: 30 }) startedAt: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) finishedAt: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) error: string | null;
}
