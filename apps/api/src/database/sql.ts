import { assertNever } from '@zczr/domain';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from '../access/access.service.js';

/**
 * Restricts a query over a table of records that hang off a household (tasks, warnings, submissions)
 * to a caller's scope, by the household's placement as it is now (not the copy the record carries).
 */
export function whereInScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: Scope): SelectQueryBuilder<T> {
  const via = (cond: string): string => `EXISTS (SELECT 1 FROM household scope_h WHERE scope_h.id = ${alias}.householdId AND ${cond})`;
  switch (scope.kind) {
    case 'household':
      return qb.andWhere(`${alias}.householdId = :scopeHousehold`, { scopeHousehold: scope.householdId ?? '' });
    case 'grids':
      return scope.gridIds.length ? qb.andWhere(via('scope_h.gridId IN (:...scopeGrids)'), { scopeGrids: scope.gridIds }) : qb.andWhere('1 = 0');
    case 'street':
      return qb.andWhere(via('scope_h.streetCode = :scopeStreet'), { scopeStreet: scope.streetCode });
    case 'district':
      return qb.andWhere(via('scope_h.districtCode = :scopeDistrict'), { scopeDistrict: scope.districtCode });
    default:
      return assertNever(scope);
  }
}

/** Multi-row INSERT that skips rows whose unique key is already stored (re-imports). */
export async function bulkInsertIgnore<T extends object>(m: EntityManager, table: string, columns: ReadonlyArray<keyof T & string>, rows: readonly T[], chunk = 200): Promise<void> {
  if (rows.length === 0) return;
  const mysql = m.connection.options.type === 'mysql';
  const q = (c: string): string => (mysql ? `\`${c}\`` : `"${c}"`);
  const head = `${mysql ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO'} ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    for (const r of part) for (const c of columns) {
      const v = (r as Record<string, unknown>)[c];
      params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v ?? null);
    }
    await m.query(head + part.map(() => tuple).join(', '), params);
  }
}

/** Splits a list for IN (…) queries. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
