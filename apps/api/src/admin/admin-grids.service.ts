import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { TasksService } from '../tasks/tasks.service.js';
import type { AdminGridDto, GridQuery } from './admin.dto.js';
import { AdminRepository } from './admin.repository.js';

/**
 * Grids and their workers. A grid's workers are replaced as a whole; a worker taken off a grid
 * hands its unfinished tasks there to the grid's first remaining worker (or back to 待领取), through
 * the ordinary reassignment, so their phones learn it and the history says why.
 */
@Injectable()
export class AdminGridsService {
  constructor(
    private readonly repo: AdminRepository,
    private readonly regions: RegionsRepository,
    private readonly users: UsersRepository,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, q: GridQuery): Promise<AdminGridDto[]> {
    const district = this.districtOf(auth);
    const grids = (await this.regions.allGrids())
      .filter(
        (g) => g.districtCode === district && (!q.streetCode || g.streetCode === q.streetCode) && (!q.communityCode || g.communityCode === q.communityCode),
      )
      .sort((a, b) => a.id.localeCompare(b.id));
    const [workers, households] = await Promise.all([this.repo.workersOfGrids(grids.map((g) => g.id)), this.repo.householdsPerGrid(district, q.streetCode)]);
    const out: AdminGridDto[] = [];
    for (const g of grids) {
      out.push({
        id: g.id,
        name: g.name,
        communityCode: g.communityCode,
        communityName: (await this.regions.findRegion(g.communityCode))?.name ?? g.communityCode,
        streetCode: g.streetCode,
        streetName: (await this.regions.findRegion(g.streetCode))?.name ?? g.streetCode,
        households: households.get(g.id) ?? 0,
        workers: (workers.get(g.id) ?? []).map((u) => ({ id: u.id, displayName: u.displayName, username: u.username ?? '', disabled: u.disabledAt !== null })),
      });
    }
    return out;
  }

  async setWorkers(auth: AuthContext, gridId: string, userIds: string[]): Promise<AdminGridDto> {
    const grid = await this.regions.findGrid(gridId);
    if (!grid || grid.districtCode !== this.districtOf(auth)) throw notFound();
    const wanted = [...new Set(userIds)];
    const found = await this.repo.findUsers(wanted);
    // A worker works grids of their own street: their region is their data scope everywhere else too.
    if (found.length !== wanted.length || found.some((u) => u.role !== 'grid_worker' || u.disabledAt !== null || u.regionCode !== grid.streetCode))
      throw new AppError('INVALID_GRID_WORKER');
    const before = await this.repo.replaceGridWorkers(gridId, wanted);
    for (const id of new Set([...before, ...wanted])) this.users.invalidate(id);
    const removed = before.filter((id) => !wanted.includes(id));
    let handedOver = 0;
    for (const workerId of removed) handedOver += await this.tasks.handOverGrid(auth, gridId, workerId, wanted[0] ?? null);
    await this.audit.record(auth, {
      action: 'grid.set_workers',
      entityType: 'grid',
      entityId: gridId,
      detail: { before, after: wanted, tasksHandedOver: handedOver },
    });
    return (await this.list(auth, { streetCode: grid.streetCode, communityCode: grid.communityCode })).find((g) => g.id === gridId)!;
  }

  private districtOf(auth: AuthContext): string {
    return (auth.regionCode ?? '').slice(0, 6);
  }
}
