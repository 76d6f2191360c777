import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The tables the console's reads walk (lists, filters, address search, board, drill-downs). */
export const CONSOLE_TABLES = [
  'household',
  'household_risk',
  'household_address_gram',
  'eligibility_current',
  'screening_hit',
  'warning',
  'verification_task',
] as const;

/**
 * What an import's rules read back after storing its rows: the department records of every household
 * it touched. At a million rows the import took 207.9 s on the default pool and 54–78 s with 4 GB
 * (README, "Department import, the reading thread a shard ahead").
 */
export const IMPORT_TABLES = ['department_record'] as const;

const MB = 1024 * 1024;
const total = (tables: readonly string[], bytes: Readonly<Record<string, number>>): number => tables.reduce((n, t) => n + (bytes[t] ?? 0), 0);

/**
 * On MySQL/MariaDB the console's reads stay within milliseconds only while the tables they walk are
 * in InnoDB's buffer pool; once they outgrow it (the server's default is 128 MB, about 30,000
 * households with their indexes) every list waits on the disk: measured at 100,000 households, the
 * tasks list took 981 ms with 128 MB and 45 ms with 4 GB. The advice, or null when the pool is
 * large enough (with a quarter to spare for growth and for everything else the server holds).
 */
export function bufferPoolAdvice(poolBytes: number, tableBytes: Readonly<Record<string, number>>): string | null {
  const console = total(CONSOLE_TABLES, tableBytes);
  const imports = total(IMPORT_TABLES, tableBytes);
  const needed = console + imports;
  if (poolBytes >= needed * 1.25) return null;
  const suggest = Math.ceil((needed * 1.5) / (256 * MB)) * 256;
  const mb = (n: number): string => Math.round(n / MB).toLocaleString('en');
  return (
    `innodb_buffer_pool_size is ${mb(poolBytes)} MB but the tables the console reads take ${mb(console)} MB` +
    (imports > 0 ? ` and the department records imports read back ${mb(imports)} MB` : '') +
    `: lists, counts and imports will wait on the disk. ` +
    `Set innodb_buffer_pool_size to at least ${suggest.toLocaleString('en')} MB (README: "MySQL/MariaDB sizing").`
  );
}

/** Checks the buffer pool against the data once at start-up, on MySQL/MariaDB (not TiDB, which has no such pool). */
@Injectable()
export class DatabaseSizingCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('DatabaseSizing');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    if (this.dataSource.options.type !== 'mysql' && this.dataSource.options.type !== 'mariadb') return;
    void this.check().then(
      (advice) => advice && this.logger.warn(advice),
      (e: unknown) => this.logger.debug(`buffer pool check skipped: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  async check(): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ v: string; pool: string | number }>>('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool');
    if (!row || /tidb/i.test(row.v)) return null;
    const tables = await this.dataSource.query<Array<{ name: string; bytes: string | number }>>(
      `SELECT table_name AS name, data_length + index_length AS bytes FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_name IN (${[...CONSOLE_TABLES, ...IMPORT_TABLES].map(() => '?').join(', ')})`,
      [...CONSOLE_TABLES, ...IMPORT_TABLES],
    );
    return bufferPoolAdvice(Number(row.pool), Object.fromEntries(tables.map((t) => [t.name, Number(t.bytes)])));
  }
}
