import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { Transactor } from '../database/transactor.js';
import { GridWorkerEntity } from '../regions/grid.entity.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { chunks } from '../database/sql.js';
import type { ManagedRole } from './admin.dto.js';

export interface UserFilter {
  districtCode: string;
  role?: ManagedRole;
  regionCode?: string;
  q?: string;
  status?: 'active' | 'disabled' | 'locked';
  now: string;
}

const MANAGED: ManagedRole[] = ['grid_worker', 'street_reviewer', 'district_reviewer', 'admin', 'security_admin', 'audit_admin'];

/** The administration pages' queries: staff accounts of a district, grids with their workers and households. */
@Injectable()
export class AdminRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(GridWorkerEntity) private readonly gridWorkers: Repository<GridWorkerEntity>,
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    private readonly tx: Transactor,
  ) {}

  async searchUsers(f: UserFilter, page: number, pageSize: number): Promise<{ items: UserEntity[]; total: number }> {
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.role IN (:...managed)', { managed: f.role ? [f.role] : MANAGED })
      .andWhere('u.regionCode LIKE :district', { district: `${f.districtCode}%` });
    if (f.regionCode) qb.andWhere('u.regionCode LIKE :region', { region: `${f.regionCode}%` });
    if (f.q) {
      const like = `%${f.q.replace(/[%_]/g, '')}%`;
      qb.andWhere(new Brackets((b) => b.where('u.username LIKE :like', { like }).orWhere('u.displayName LIKE :like', { like })));
    }
    if (f.status === 'disabled') qb.andWhere('u.disabledAt IS NOT NULL');
    if (f.status === 'active') qb.andWhere('u.disabledAt IS NULL');
    if (f.status === 'locked') qb.andWhere('u.lockedUntil > :now', { now: f.now });
    // Staff first, from the district down, then the grid workers.
    qb.addSelect(
      "CASE u.role WHEN 'admin' THEN 0 WHEN 'security_admin' THEN 0 WHEN 'audit_admin' THEN 0 WHEN 'district_reviewer' THEN 1 WHEN 'street_reviewer' THEN 2 ELSE 3 END",
      'roleRank',
    );
    const [items, total] = await qb
      .orderBy('roleRank', 'ASC')
      .addOrderBy('u.username', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findUsers(ids: string[]): Promise<UserEntity[]> {
    return ids.length ? this.users.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  async gridIdsOf(userIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (const part of chunks(userIds, 500)) {
      for (const r of await this.gridWorkers.findBy({ userId: In(part) })) map.set(r.userId, [...(map.get(r.userId) ?? []), r.gridId]);
    }
    return map;
  }

  /** Workers of these grids (user rows), by grid. */
  async workersOfGrids(gridIds: string[]): Promise<Map<string, UserEntity[]>> {
    const rows: GridWorkerEntity[] = [];
    for (const part of chunks(gridIds, 500)) rows.push(...(await this.gridWorkers.findBy({ gridId: In(part) })));
    const users = new Map((await this.findUsers([...new Set(rows.map((r) => r.userId))])).map((u) => [u.id, u]));
    const map = new Map<string, UserEntity[]>();
    for (const r of rows) {
      const u = users.get(r.userId);
      if (u) map.set(r.gridId, [...(map.get(r.gridId) ?? []), u]);
    }
    return map;
  }

  /** Active households per grid of a district (one GROUP BY over the scope index). */
  async householdsPerGrid(districtCode: string, streetCode?: string): Promise<Map<string, number>> {
    const qb = this.households
      .createQueryBuilder('h')
      .select('h.gridId', 'gridId')
      .addSelect('COUNT(*)', 'n')
      .where('h.districtCode = :d AND h.status = :st', { d: districtCode, st: 'active' });
    if (streetCode) qb.andWhere('h.streetCode = :s', { s: streetCode });
    const rows = await qb.groupBy('h.gridId').getRawMany<{ gridId: string; n: string | number }>();
    return new Map(rows.map((r) => [r.gridId, Number(r.n)]));
  }

  /** Replaces the workers of a grid; returns who worked it before. */
  async replaceGridWorkers(gridId: string, userIds: string[]): Promise<string[]> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(GridWorkerEntity);
      const before = (await repo.findBy({ gridId })).map((r) => r.userId);
      await repo.delete({ gridId });
      if (userIds.length) await repo.insert(userIds.map((userId) => ({ gridId, userId })));
      return before;
    });
  }
}
