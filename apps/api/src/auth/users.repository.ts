import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { chunks } from '../database/sql.js';
import { Transactor } from '../database/transactor.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';
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
    private readonly bus: InvalidationBus,
  ) {
    // A change made through any API process drops the entry everywhere (pub/sub with Redis).
    bus.on('auth.user', (id) => {
      this.epoch++;
      if (id === null) this.accessCache.clear();
      else this.accessCache.delete(id);
    });
  }

  /** Bumped by every invalidation: a look-up that started before one is not cached (it may have read the old row). */
  private epoch = 0;

  async findAccess(id: string): Promise<UserAccess | null> {
    // While other processes' changes may not reach this one (Redis subscription down), no cache.
    const hit = this.bus.reliable ? this.accessCache.get(id) : undefined;
    if (hit && hit.until > Date.now()) return hit.value;
    const epoch = this.epoch;
    const user = await this.users.findOneBy({ id });
    // A disabled account's tokens stop working at once: every process drops its entry on the change.
    if (!user || user.disabledAt) return null;
    const value = {
      user,
      gridIds: user.role === 'grid_worker' ? await this.gridIdsOf(id) : [],
      householdId: user.role === 'resident' ? await this.householdOf(user) : null,
    };
    if (this.accessCache.size > 10_000) this.accessCache.clear();
    if (epoch === this.epoch) this.accessCache.set(id, { value, until: Date.now() + ACCESS_CACHE_MS });
    return value;
  }

  /** The one reader of people's names: login name and display name of each id found (`enabledOnly`: not disabled). */
  async namesOf(ids: Iterable<string>, opts: { enabledOnly?: boolean } = {}): Promise<Map<string, { username: string | null; displayName: string }>> {
    const out = new Map<string, { username: string | null; displayName: string }>();
    for (const part of chunks([...new Set(ids)], 500)) {
      const rows = await this.users.find({
        select: { id: true, username: true, displayName: true },
        where: { id: In(part), ...(opts.enabledOnly ? { disabledAt: IsNull() } : {}) },
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
    this.bus.publish('auth.user', id);
  }

  /**
   * Counts one failed sign-in atomically (concurrent attempts through several API processes each
   * count) and locks the account once `max` is reached; true when it is now locked.
   */
  async countFailure(id: string, max: number, lockedUntil: string): Promise<boolean> {
    const locked = await this.tx.run(async (m) => {
      await m.query('UPDATE app_user SET failedLogins = failedLogins + 1 WHERE id = ?', [id]);
      const [row] = (await m.query('SELECT failedLogins FROM app_user WHERE id = ?', [id])) as Array<{ failedLogins: number | string }>;
      if (Number(row?.failedLogins ?? 0) < max) return false;
      await m.query('UPDATE app_user SET failedLogins = 0, lockedUntil = ? WHERE id = ?', [lockedUntil, id]);
      return true;
    });
    this.bus.publish('auth.user', id);
    return locked;
  }

  /** Forgets the cached access of a user whose grids or status changed, in every process. */
  invalidate(id: string): void {
    this.bus.publish('auth.user', id);
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
