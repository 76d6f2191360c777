import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PolicyGroup } from '@zczr/eligibility';

/** How decisions granting a policy of one group are approved (DOMAIN §7: the tiers are configuration, not code). A group without a row: one tier, no 公示. */
@Entity('approval_setting')
export class ApprovalSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 24 }) policyGroup: PolicyGroup;
  /** 1: the street or the district decides; 2: the street reviews, the district confirms. */
  @Column({ type: 'int' }) tiers: number;
  /** Days of 公示 before the benefit takes effect (0: none). */
  @Column({ type: 'int' }) noticeDays: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedBy: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) updatedAt: string | null;
}
