import type { HouseholdStatus } from '@zczr/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The household record. Members live in `member`; economic facts are a JSON document. */
@Entity('household')
@Index('idx_household_scope', ['districtCode', 'streetCode', 'gridId'])
@Index('idx_household_active', ['status', 'districtCode', 'id'])
@Index('idx_household_district_recent', ['districtCode', 'updatedAt', 'id'])
@Index('idx_household_street_recent', ['streetCode', 'updatedAt', 'id'])
@Index('idx_household_grid_recent', ['gridId', 'updatedAt', 'id'])
@Index('idx_household_district_name', ['districtCode', 'headName', 'updatedAt', 'id'])
@Index('idx_household_street_name', ['streetCode', 'headName', 'updatedAt', 'id'])
@Index('idx_household_placement', ['id', 'districtCode', 'streetCode', 'gridId', 'status', 'updatedAt'])
export class HouseholdEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  status: HouseholdStatus;

  /** Optimistic lock: a write must name the version it read. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 6 })
  districtCode: string;

  @Column({ type: 'varchar', length: 9 })
  streetCode: string;

  @Index('idx_household_community')
  @Column({ type: 'varchar', length: 12 })
  communityCode: string;

  @Column({ type: 'varchar', length: 20 })
  gridId: string;

  @Column({ type: 'varchar', length: 200 })
  address: string;

  @Index('idx_household_head_name')
  @Column({ type: 'varchar', length: 64 })
  headName: string;

  @Column({ type: 'int' })
  memberCount: number;

  @Index('idx_household_consent')
  @Column({ type: 'varchar', length: 36 })
  consentId: string;

  /** JSON: incomes, assets (without account numbers), expenses, hardships, benefits. */
  @Column({ type: 'text' })
  economics: string;

  /** Encrypted JSON: bank account numbers by asset index. */
  @Column({ type: 'text', nullable: true })
  financialEnc: string | null;

  /** Encrypted JSON: legal supporters (names, incomes); null = not recorded. */
  @Column({ type: 'text', nullable: true })
  supportersEnc: string | null;

  /** Encrypted JSON HouseholdSnapshot: what the matcher reads (no names, no ID numbers). */
  @Column({ type: 'text', nullable: true })
  snapshotEnc: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
