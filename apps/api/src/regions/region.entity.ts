import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RegionLevel = 'district' | 'street' | 'community';

/** A division of the district tree (GB/T 2260 / statistical division codes). */
@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: RegionLevel;

  @Index('idx_region_parent')
  @Column({ type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;
}
