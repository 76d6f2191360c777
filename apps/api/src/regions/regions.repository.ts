import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { GridEntity, GridWorkerEntity } from './grid.entity.js';
import { RegionEntity } from './region.entity.js';

/**
 * Regions and grids are reference data read on every household write: held in memory after the
 * first read, refreshed whenever they are written through this repository.
 */
@Injectable()
export class RegionsRepository {
  private cache: { regions: Map<string, RegionEntity>; grids: Map<string, GridEntity> } | null = null;

  constructor(
    @InjectRepository(RegionEntity) private readonly regions: Repository<RegionEntity>,
    @InjectRepository(GridEntity) private readonly grids: Repository<GridEntity>,
    @InjectRepository(GridWorkerEntity) private readonly gridWorkers: Repository<GridWorkerEntity>,
  ) {}

  private async loaded(): Promise<NonNullable<RegionsRepository['cache']>> {
    if (!this.cache) {
      const [regions, grids] = await Promise.all([this.regions.find({ order: { code: 'ASC' } }), this.grids.find({ order: { id: 'ASC' } })]);
      this.cache = { regions: new Map(regions.map((r) => [r.code, r])), grids: new Map(grids.map((g) => [g.id, g])) };
    }
    return this.cache;
  }

  async findRegion(code: string): Promise<RegionEntity | null> {
    return (await this.loaded()).regions.get(code) ?? null;
  }

  countRegions(): Promise<number> {
    return this.regions.count();
  }

  async allRegions(): Promise<RegionEntity[]> {
    return [...(await this.loaded()).regions.values()];
  }

  async findGrid(id: string): Promise<GridEntity | null> {
    return (await this.loaded()).grids.get(id) ?? null;
  }

  async gridsOfCommunity(communityCode: string): Promise<GridEntity[]> {
    return [...(await this.loaded()).grids.values()].filter((g) => g.communityCode === communityCode);
  }

  async allGrids(): Promise<GridEntity[]> {
    return [...(await this.loaded()).grids.values()];
  }

  async workersByGrid(): Promise<Map<string, string[]>> {
    const rows = await this.gridWorkers.find();
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.gridId, [...(map.get(r.gridId) ?? []), r.userId]);
    return map;
  }

  async insertTree(m: EntityManager, regions: RegionEntity[], grids: GridEntity[]): Promise<void> {
    this.cache = null;
    for (let i = 0; i < regions.length; i += 200) await m.getRepository(RegionEntity).insert(regions.slice(i, i + 200));
    for (let i = 0; i < grids.length; i += 200) await m.getRepository(GridEntity).insert(grids.slice(i, i + 200));
  }

  /** Drops the cached tree: after the transaction that inserted it committed (a read meanwhile may have cached the empty tree). */
  forget(): void {
    this.cache = null;
  }

  async assignWorkers(m: EntityManager, rows: GridWorkerEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await m.getRepository(GridWorkerEntity).insert(rows.slice(i, i + 200));
  }
}
