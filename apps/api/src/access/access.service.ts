import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { assertNever } from '@zczr/domain';

/** Where a record sits in the region tree: enough to decide who may see it. */
export interface Placement {
  householdId: string;
  districtCode: string;
  streetCode: string;
  gridId: string;
}

/** A caller's data scope, as a filter a repository can turn into a WHERE clause. */
export type Scope =
  | { kind: 'household'; householdId: string | null }
  | { kind: 'grids'; gridIds: string[] }
  | { kind: 'street'; streetCode: string }
  | { kind: 'district'; districtCode: string }
  /** 三员分立: the system, security and audit administrators read no household file (their district is for grids and accounts). */
  | { kind: 'none'; districtCode: string };

/**
 * The one access helper. Every service asks it before touching a household or anything placed
 * in one. Out of scope and non-existent answer the same NOT_FOUND, so existence does not leak.
 */
@Injectable()
export class AccessService {
  constructor(@Optional() private readonly dataSource?: DataSource) {}

  /**
   * For records that hang off a household (tasks, warnings, submissions): decided by the household's
   * placement as it is now, never by a copy taken when the record was made.
   */
  async requireVia<T extends { householdId: string }>(auth: AuthContext, record: T | null | undefined): Promise<T> {
    if (!record || !this.dataSource) throw notFound();
    const [h] = await this.dataSource.query<Array<Omit<Placement, 'householdId'>>>('SELECT districtCode, streetCode, gridId FROM household WHERE id = ?', [
      record.householdId,
    ]);
    if (!h || !this.canSee(auth, { householdId: record.householdId, districtCode: h.districtCode, streetCode: h.streetCode, gridId: h.gridId }))
      throw notFound();
    return record;
  }

  scopeOf(auth: AuthContext): Scope {
    switch (auth.role) {
      case 'resident':
        return { kind: 'household', householdId: auth.householdId };
      case 'grid_worker':
        return { kind: 'grids', gridIds: auth.gridIds };
      case 'street_reviewer':
        return { kind: 'street', streetCode: this.region(auth) };
      case 'district_reviewer':
        return { kind: 'district', districtCode: this.region(auth).slice(0, 6) };
      case 'admin':
      case 'security_admin':
      case 'audit_admin':
        return { kind: 'none', districtCode: (auth.regionCode ?? '').slice(0, 6) };
      default:
        return assertNever(auth.role);
    }
  }

  canSee(auth: AuthContext, p: Placement): boolean {
    const scope = this.scopeOf(auth);
    switch (scope.kind) {
      case 'household':
        return scope.householdId !== null && scope.householdId === p.householdId;
      case 'grids':
        return scope.gridIds.includes(p.gridId);
      case 'street':
        return scope.streetCode === p.streetCode;
      case 'district':
        return scope.districtCode === p.districtCode;
      case 'none':
        return false;
      default:
        return assertNever(scope);
    }
  }

  /** Returns the record if the caller may see it; otherwise the same 404 as a missing one. */
  require<T extends Placement>(auth: AuthContext, record: T | null | undefined): T {
    if (!record || !this.canSee(auth, record)) throw notFound();
    return record;
  }

  /** Whether a placement (e.g. a grid chosen for a new household) lies inside the caller's scope. */
  requireWithin(auth: AuthContext, p: Omit<Placement, 'householdId'>): void {
    const scope = this.scopeOf(auth);
    const ok =
      scope.kind === 'grids'
        ? scope.gridIds.includes(p.gridId)
        : scope.kind === 'street'
          ? scope.streetCode === p.streetCode
          : scope.kind === 'district'
            ? scope.districtCode === p.districtCode
            : scope.kind === 'none'
              ? false
              : true; // a resident's own new household: placement is checked against the grid tree only
    if (!ok) throw new AppError('UNKNOWN_GRID', '网格不存在或不在您的管辖范围内');
  }

  private region(auth: AuthContext): string {
    if (!auth.regionCode) throw new AppError('FORBIDDEN');
    return auth.regionCode;
  }
}
