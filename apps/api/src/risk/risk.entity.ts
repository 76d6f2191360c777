import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

import type { RiskColour } from '@zczr/contract';

export type { RiskColour } from '@zczr/contract';

/** A household's current risk score, colour and income circle. */
@Entity('household_risk')
@Index('idx_household_risk_colour_household', ['colour', 'householdId'])
export class HouseholdRiskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) householdId: string;
  @Column({ type: 'double' }) score: number;
  @Column({ type: 'varchar', length: 8 }) colour: RiskColour;
  /** 1 特困/低保, 2 ≤1.5× standard, 3 ≤2× standard, 4 rigid expenditure / emergency; null: none. */
  @Column({ type: 'int', nullable: true }) circle: number | null;
  /** JSON: indicator → 0..1. */
  @Column({ type: 'text' }) indicators: string;
  /** Counted monthly income when scored: the baseline of the income-drop rule. */
  @Column({ type: 'double', nullable: true }) monthlyIncome: number | null;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}

/** Every change of a household's score, colour or circle. */
@Entity('risk_history')
@Index('idx_risk_history_household', ['householdId'])
export class RiskHistoryEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 36 }) householdId: string;
  @Column({ type: 'double' }) score: number;
  @Column({ type: 'varchar', length: 8 }) colour: RiskColour;
  @Column({ type: 'int', nullable: true }) circle: number | null;
  @Column({ type: 'varchar', length: 32 }) reason: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}
