import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A grid (网格) under a community; households belong to exactly one grid. */
@Entity('grid')
export class GridEntity {
  /** e.g. 510115001001-01 */
  @PrimaryColumn({ type: 'varchar', length: 20 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Index('idx_grid_community')
  @Column({ type: 'varchar', length: 12 })
  communityCode: string;

  @Index('idx_grid_street')
  @Column({ type: 'varchar', length: 9 })
  streetCode: string;

  @Column({ type: 'varchar', length: 6 })
  districtCode: string;
}

/** Which grid workers work which grids (a grid may have several). */
@Entity('grid_worker')
export class GridWorkerEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  gridId: string;

  @Index('idx_grid_worker_user')
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;
}
