import { assertNever } from '@zczr/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../access/access.service.js';

/** The scope rule as data: which household column must hold one of which values (none: nothing is in scope). */
function scopeRule(scope: Scope): { column: 'id' | 'gridId' | 'streetCode' | 'districtCode'; values: string[] } | null {
  switch (scope.kind) {
    case 'household':
      return { column: 'id', values: [scope.householdId ?? ''] };
    case 'grids':
      return scope.gridIds.length ? { column: 'gridId', values: [...scope.gridIds] } : null;
    case 'street':
      return { column: 'streetCode', values: [scope.streetCode] };
    case 'district':
      return { column: 'districtCode', values: [scope.districtCode] };
    case 'none':
      return null;
    default:
      return assertNever(scope);
  }
}

/** The condition a household row (`alias`) must meet to be in a caller's scope, with named parameters (query builders). */
function householdInScope(alias: string, scope: Scope): [string, Record<string, unknown>] {
  const rule = scopeRule(scope);
  if (!rule) return ['1 = 0', {}];
  return [`${alias}.${rule.column} IN (:...scopeValues)`, { scopeValues: rule.values }];
}

/** The same condition with `?` placeholders, for hand-written SQL (the same text on SQLite and MySQL). */
export function householdInScopeSql(alias: string, scope: Scope): { sql: string; params: string[] } {
  const rule = scopeRule(scope);
  if (!rule) return { sql: '1 = 0', params: [] };
  return { sql: `${alias}.${rule.column} IN (${rule.values.map(() => '?').join(', ')})`, params: rule.values };
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
