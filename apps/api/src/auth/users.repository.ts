import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { chunks } from '../database/sql.js';
import { Transactor } from '../database/transactor.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { MemberEntity } from '../households/member.entity.js';
import { GridWorkerEntity } from '../regions/grid.entity.js';
import { UserEntity } from './user.entity.js';

/** What the auth guard needs of a user on every request. */
export interface UserAccess {
  user: UserEntity;
  gridIds: string[];
  /** A resident's household, derived now from the archive: the one they are a member of, and only once their identity is proven. */
  householdId: string | null;
}

const ACCESS_CACHE_MS = 5_000;

@Injectable()
export class UsersRepository {
  /** Short-lived cache of the per-request user look-up; every write through this repository clears it. */
  private readonly accessCache = new Map<string, { value: UserAccess; until: number }>();

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(GridWorkerEntity) private readonly gridWorkers: Repository<GridWorkerEntity>,
    private readonly tx: Transactor,
  ) {}

  async findAccess(id: string): Promise<UserAccess | null> {
    const hit = this.accessCache.get(id);
    if (hit && hit.until > Date.now()) return hit.value;
    const user = await this.users.findOneBy({ id });
    // A disabled account's tokens stop working at once (within the cache's few seconds at most).
    if (!user || user.disabledAt) return null;
    const value = {
      user,
      gridIds: user.role === 'grid_worker' ? await this.gridIdsOf(id) : [],
      householdId: user.role === 'resident' ? await this.householdOf(user) : null,
    };
    if (this.accessCache.size > 10_000) this.accessCache.clear();
    this.accessCache.set(id, { value, until: Date.now() + ACCESS_CACHE_MS });
    return value;
  }

  /** The one reader of people's names: login name and display name of each id found (`enabledOnly`: not disabled). */
  async namesOf(ids: Iterable<string>, opts: { enabledOnly?: boolean } = {}): Promise<Map<string, { username: string | null; displayName: string }>> {
    const out = new Map<string, { username: string | null; displayName: string }>();
    for (const part of chunks([...new Set(ids)], 500)) {
      const rows = await this.users.find({
        select: { id: true, username: true, displayName: true }, where: { id: In(part), ...(opts.enabledOnly ? { disabledAt: IsNull() } : {}) },
      });
      for (const r of rows) out.set(r.id, { username: r.username, displayName: r.displayName });
    }
    return out;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  findByOpenid(openid: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ openid });
  }

  findByIdNumberHash(idNumberHash: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ idNumberHash });
  }

  findFirstByRole(role: UserEntity['role']): Promise<UserEntity | null> {
    return this.users.findOne({ where: { role }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(user: UserEntity): Promise<void> {
    await this.tx.write(() => this.users.insert(user));
  }

  async update(id: string, patch: Partial<UserEntity>): Promise<void> {
    this.accessCache.delete(id);
    await this.tx.write(() => this.users.update({ id }, patch));
    this.accessCache.delete(id);
  }

  /** Forgets the cached access of a user whose grids or status changed elsewhere. */
  invalidate(id: string): void {
    this.accessCache.delete(id);
  }

  /**
   * The household a resident may see: the one in which an active or pending record lists their own
   * ID number, and only after the binding was proven (face check or staff). Never a stored pointer,
   * so leaving a household, or a withdrawn consent, ends access at once.
   */
  async householdOf(user: UserEntity): Promise<string | null> {
    if (!user.idNumberHash || !user.identityVerifiedAt) return null;
    const row = await this.users.manager
      .createQueryBuilder(MemberEntity, 'm')
      .innerJoin(HouseholdEntity, 'h', 'h.id = m.householdId')
      .where('m.idNumberHash = :hash', { hash: user.idNumberHash })
      .andWhere('h.status IN (:...st)', { st: ['active', 'pending_review'] })
      .select('m.householdId', 'householdId')
      .getRawOne<{ householdId: string }>();
    return row?.householdId ?? null;
  }

  async gridIdsOf(userId: string): Promise<string[]> {
    const rows = await this.gridWorkers.find({ where: { userId }, select: { gridId: true } });
    return rows.map((r) => r.gridId);
  }

  async countAll(): Promise<number> {
    return this.users.count();
  }
}
