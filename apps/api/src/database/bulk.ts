import type { EntityManager } from 'typeorm';

/**
 * Multi-row INSERT in chunks, for population runs that write hundreds of thousands of rows: one
 * statement per chunk instead of TypeORM's per-entity insert machinery. Same SQL on SQLite and MySQL
 * apart from identifier quoting and, with `ignoreDuplicates` (re-imports), the keyword that skips
 * rows whose unique key is already stored.
 */
export async function bulkInsert<T extends object>(
  m: EntityManager,
  table: string,
  columns: ReadonlyArray<keyof T & string>,
  rows: readonly T[],
  chunk = 200,
  ignoreDuplicates = false,
): Promise<void> {
  if (rows.length === 0) return;
  const mysql = m.connection.options.type === 'mysql';
  const q = (c: string): string => (mysql ? `\`${c}\`` : `"${c}"`);
  const insert = !ignoreDuplicates ? 'INSERT INTO' : mysql ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
  const head = `${insert} ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    for (const r of part) {
      for (const c of columns) {
        const v = (r as Record<string, unknown>)[c];
        params.push(typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null));
      }
    }
    await m.query(head + part.map(() => tuple).join(', '), params);
  }
}

/** DELETE … WHERE column IN (…) in chunks. */
export async function bulkDeleteIn(m: EntityManager, table: string, column: string, values: readonly string[], chunk = 500): Promise<void> {
  const mysql = m.connection.options.type === 'mysql';
  const q = (c: string): string => (mysql ? `\`${c}\`` : `"${c}"`);
  for (let i = 0; i < values.length; i += chunk) {
    const part = values.slice(i, i + chunk);
    await m.query(`DELETE FROM ${q(table)} WHERE ${q(column)} IN (${part.map(() => '?').join(', ')})`, part);
  }
}
