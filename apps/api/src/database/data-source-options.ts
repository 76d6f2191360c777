import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** TypeORM options for the configured database. Migrations run on start; synchronize stays off. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (db.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: db.location,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // trace: false — mysql2 otherwise captures a stack trace on every query (for its error
      // messages): 4.6% of a submission's CPU on MariaDB. Errors keep their code and SQL message.
      extra: { connectionLimit: 20, trace: false },
      migrationsTransactionMode: 'each',
    };
  }
  if (db.location !== ':memory:') mkdirSync(dirname(db.location), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.location,
    // Prepared statements kept per SQL text (TypeORM's default keeps 100, first in first out, which
    // the app's few hundred distinct statements churn through).
    statementCacheSize: 2000,
    migrationsTransactionMode: 'each',
    prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
      conn.pragma('journal_mode = WAL');
      conn.pragma('synchronous = NORMAL');
      conn.pragma('busy_timeout = 5000');
      conn.pragma('foreign_keys = ON');
      // 64 MB page cache (the default is 2 MB): a district's households and their indexes stay in memory.
      conn.pragma('cache_size = -65536');
      conn.pragma('temp_store = MEMORY');
      conn.pragma('wal_autocheckpoint = 16384');
    },
  };
}
