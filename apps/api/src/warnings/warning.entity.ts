import type { WarningColour, WarningSource, WarningStatus } from '@zczr/contract';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A warning's colour (the rule's severity). */
export type Severity = WarningColour;
export type { WarningStatus } from '@zczr/contract';

/** A warning rule as data: its name, colour, window and whether it is on. Thresholds are parameters. */
@Entity('warning_rule')
export class WarningRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 500 }) description: string;
  @Column({ type: 'varchar', length: 8 }) severity: Severity;
  /** The same rule fires at most once per household within this many days. */
  @Column({ type: 'int' }) windowDays: number;
  @Column({ type: 'boolean' }) enabled: boolean;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}

/** Thresholds of warning rules, risk weights and re-check intervals: by region and date, like policy parameters. */
@Entity('monitoring_parameter')
export class MonitoringParameterEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name: string;
  @PrimaryColumn({ type: 'varchar', length: 12 }) region: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) effectiveFrom: string;
  @Column({ type: 'varchar', length: 10, nullable: true }) effectiveTo: string | null;
  @Column({ type: 'double' }) value: number;
  @Column({ type: 'varchar', length: 100 }) label: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) unit: string | null;
}

/** A raised warning: household, rule, evidence (never unmasked personal data), colour. */
@Entity('warning')
@Index('idx_warning_dedupe', ['householdId', 'ruleCode', 'raisedAt'])
@Index('idx_warning_district', ['districtCode', 'status', 'severity'])
@Index('idx_warning_raised', ['raisedAt', 'id'])
@Index('idx_warning_cells', ['districtCode', 'streetCode', 'severity', 'status'])
@Index('idx_warning_street', ['streetCode', 'status'])
@Index('idx_warning_status_order', ['status', 'severity', 'raisedAt', 'id', 'householdId'])
export class WarningEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) householdId: string;
  @Column({ type: 'varchar', length: 40 }) ruleCode: string;
  @Column({ type: 'varchar', length: 8 }) severity: Severity;
  @Column({ type: 'varchar', length: 12 }) status: WarningStatus;
  /** JSON: figures and dates that made the rule fire, member relation/age only. */
  @Column({ type: 'text' }) evidence: string;
  @Column({ type: 'varchar', length: 6 }) districtCode: string;
  @Column({ type: 'varchar', length: 9 }) streetCode: string;
  @Column({ type: 'varchar', length: 12 }) communityCode: string;
  @Column({ type: 'varchar', length: 20 }) gridId: string;
  /** 'import' or 'monitoring', and the id of that import or run. */
  @Column({ type: 'varchar', length: 12 }) source: WarningSource;
  @Column({ type: 'varchar', length: 36, nullable: true }) sourceRef: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) taskId: string | null;
  @Column({ type: 'varchar', length: 30 }) raisedAt: string;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}
