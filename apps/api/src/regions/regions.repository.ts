import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { GridEntity, GridWorkerEntity } from './grid.entity.js';
import { RegionEntity } from './region.entity.js';

@Injectable()
export class RegionsRepository {
  constructor(
    @InjectRepository(RegionEntity) private readonly regions: Repository<RegionEntity>,
    @InjectRepository(GridEntity) private readonly grids: Repository<GridEntity>,
    @InjectRepository(GridWorkerEntity) private readonly gridWorkers: Repository<GridWorkerEntity>,
  ) {}

  findRegion(code: string): Promise<RegionEntity | null> {
    return this.regions.findOneBy({ code });
  }

  countRegions(): Promise<number> {
    return this.regions.count();
  }

  allRegions(): Promise<RegionEntity[]> {
    return this.regions.find({ order: { code: 'ASC' } });
  }

  findGrid(id: string): Promise<GridEntity | null> {
    return this.grids.findOneBy({ id });
  }

  gridsOfCommunity(communityCode: string): Promise<GridEntity[]> {
    return this.grids.find({ where: { communityCode }, order: { id: 'ASC' } });
  }

  allGrids(): Promise<GridEntity[]> {
    return this.grids.find({ order: { id: 'ASC' } });
  }

  async workersByGrid(): Promise<Map<string, string[]>> {
    const rows = await this.gridWorkers.find();
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.gridId, [...(map.get(r.gridId) ?? []), r.userId]);
    return map;
  }

  async insertTree(m: EntityManager, regions: RegionEntity[], grids: GridEntity[]): Promise<void> {
    for (let i = 0; i < regions.length; i += 200) await m.getRepository(RegionEntity).insert(regions.slice(i, i + 200));
    for (let i = 0; i < grids.length; i += 200) await m.getRepository(GridEntity).insert(grids.slice(i, i + 200));
  }

  async assignWorkers(m: EntityManager, rows: GridWorkerEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await m.getRepository(GridWorkerEntity).insert(rows.slice(i, i + 200));
  }
}
