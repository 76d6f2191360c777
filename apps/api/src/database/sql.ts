import { assertNever } from '@zczr/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../access/access.service.js';

/** The condition a household row (`alias`) must meet to be in a caller's scope, with its parameters. */
function householdInScope(alias: string, scope: Scope): [string, Record<string, unknown>] {
  switch (scope.kind) {
    case 'household':
      return [`${alias}.id = :scopeHousehold`, { scopeHousehold: scope.householdId ?? '' }];
    case 'grids':
      return scope.gridIds.length ? [`${alias}.gridId IN (:...scopeGrids)`, { scopeGrids: scope.gridIds }] : ['1 = 0', {}];
    case 'street':
      return [`${alias}.streetCode = :scopeStreet`, { scopeStreet: scope.streetCode }];
    case 'district':
      return [`${alias}.districtCode = :scopeDistrict`, { scopeDistrict: scope.districtCode }];
    case 'none':
      return ['1 = 0', {}];
    default:
      return assertNever(scope);
  }
}

/** The one scope-to-SQL rule, for a query over the household table itself (aliased `alias`). */
export function whereHouseholdInScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: Scope): SelectQueryBuilder<T> {
  const [cond, params] = householdInScope(alias, scope);
  return qb.andWhere(cond, params);
}

/**
 * The same rule for a table of records that hang off a household (tasks, warnings, submissions):
 * by the household's placement as it is now (not the copy the record carries).
 */
export function whereInScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: Scope): SelectQueryBuilder<T> {
  if (scope.kind === 'household') return qb.andWhere(`${alias}.householdId = :scopeHousehold`, { scopeHousehold: scope.householdId ?? '' });
  const [cond, params] = householdInScope('scope_h', scope);
  return qb.andWhere(`EXISTS (SELECT 1 FROM household scope_h WHERE scope_h.id = ${alias}.householdId AND ${cond})`, params);
}

/** Splits a list for IN (…) queries. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
