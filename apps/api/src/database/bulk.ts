import type { EntityManager } from 'typeorm';

/** One statement of a batch (Transactor.batch). */
export interface Statement {
  sql: string;
  params: unknown[];
  /** The batch rolls back (and reports false) unless this statement changed exactly one row: a guard. */
  expectOne?: boolean;
}

const quoter =
  (mysql: boolean) =>
  (c: string): string =>
    mysql ? `\`${c}\`` : `"${c}"`;

/**
 * Multi-row INSERT statements, `chunk` rows each, built one at a time (a batch of a million rows
 * never holds all its parameters at once). Same SQL on SQLite and MySQL apart from identifier
 * quoting and, with `keepExisting` (re-imports; the table's primary key column), the clause that
 * skips rows whose unique key is already stored: ON CONFLICT DO NOTHING on SQLite, ON DUPLICATE KEY
 * UPDATE pk = pk on MySQL (not INSERT IGNORE, which would also turn other errors, a value too long,
 * into warnings).
 */
export function* insertStatements<T extends object>(
  mysql: boolean,
  table: string,
  columns: ReadonlyArray<keyof T & string>,
  rows: readonly T[],
  chunk = 200,
  keepExisting: string | null = null,
): Generator<Statement> {
  if (rows.length === 0) return;
  const q = quoter(mysql);
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
  const tail = keepExisting === null ? '' : mysql ? ` ON DUPLICATE KEY UPDATE ${q(keepExisting)} = ${q(keepExisting)}` : ' ON CONFLICT DO NOTHING';
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let full: string | null = null;
  for (let i = 0; i < rows.length; i += chunk) {
    const n = Math.min(chunk, rows.length - i);
    const params: unknown[] = new Array(n * columns.length);
    let k = 0;
    for (let j = i; j < i + n; j++) {
      const r = rows[j] as Record<string, unknown>;
      for (const c of columns) {
        const v = r[c];
        params[k++] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
      }
    }
    const sql =
      n === chunk
        ? (full ??= head + Array.from({ length: n }, () => tuple).join(', ') + tail)
        : head + Array.from({ length: n }, () => tuple).join(', ') + tail;
    yield { sql, params };
  }
}

/** A one-row INSERT (a request's own row in a batch). */
export function insertRowStatement<T extends object>(mysql: boolean, table: string, columns: ReadonlyArray<keyof T & string>, row: T): Statement {
  return insertStatements(mysql, table, columns, [row]).next().value as Statement;
}

/** DELETE … WHERE column IN (…) statements, `chunk` values each. */
export function* deleteInStatements(mysql: boolean, table: string, column: string, values: readonly string[], chunk = 500): Generator<Statement> {
  const q = quoter(mysql);
  for (let i = 0; i < values.length; i += chunk) {
    const part = values.slice(i, i + chunk);
    yield { sql: `DELETE FROM ${q(table)} WHERE ${q(column)} IN (${part.map(() => '?').join(', ')})`, params: part };
  }
}

/** The entity's columns that this row sets (a missing property keeps the column's default), for `bulkInsert`. */
export function columnsOf<T extends object>(m: EntityManager, entity: new () => T, row: T): Array<keyof T & string> {
  return m.connection
    .getMetadata(entity)
    .columns.map((c) => c.propertyName)
    .filter((p) => (row as Record<string, unknown>)[p] !== undefined) as Array<keyof T & string>;
}

export const isMysql = (m: EntityManager): boolean => m.connection.options.type === 'mysql';

/**
 * Multi-row INSERT in chunks, for population runs that write hundreds of thousands of rows: one
 * statement per chunk instead of TypeORM's per-entity insert machinery.
 */
export async function bulkInsert<T extends object>(
  m: EntityManager,
  table: string,
  columns: ReadonlyArray<keyof T & string>,
  rows: readonly T[],
  chunk = 200,
  keepExisting: string | null = null,
): Promise<void> {
  for (const st of insertStatements(isMysql(m), table, columns, rows, chunk, keepExisting)) await m.query(st.sql, st.params);
}

/** DELETE … WHERE column IN (…) in chunks. */
export async function bulkDeleteIn(m: EntityManager, table: string, column: string, values: readonly string[], chunk = 500): Promise<void> {
  for (const st of deleteInStatements(isMysql(m), table, column, values, chunk)) await m.query(st.sql, st.params);
}
