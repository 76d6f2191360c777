import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/*
 * One job abstraction for screenings and monitoring runs: a job and its shards, so any worker
 * process can take a shard, progress is read from the database by any API process, and a shard's
 * work is committed once (with its "done" mark) even when a worker dies and the shard is retried.
 */

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int' });

export class Jobs1764810000000 implements MigrationInterface {
  name = 'Jobs1764810000000';

  async up(q: QueryRunner): Promise<void> {
    // A shard's result (counts, coverage cells) can pass MySQL's 64 KB TEXT.
    const long = q.connection.options.type === 'mysql' ? 'mediumtext' : 'text';
    await q.createTable(
      new Table({
        name: 'job',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('kind', 20),
          str('status', 12),
          int('shardsTotal'),
          int('shardsDone'),
          int('processed'),
          str('createdAt', 30),
          str('finishedAt', 30, true),
          str('error', 500, true),
        ],
      }),
    );
    await q.createIndex('job', new TableIndex({ name: 'idx_job_status', columnNames: ['status', 'kind'] }));
    await q.createTable(
      new Table({
        name: 'job_shard',
        columns: [
          { ...str('jobId', 36), isPrimary: true },
          { ...int('shardIndex'), isPrimary: true },
          str('fromKey', 64),
          str('toKey', 64, true),
          str('status', 12),
          int('attempts'),
          str('takenBy', 64, true),
          int('processed'),
          { name: 'result', type: long, isNullable: true },
          str('doneBy', 64, true),
          str('doneAt', 30, true),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_shard');
    await q.dropIndex('job', 'idx_job_status');
    await q.dropTable('job');
  }
}
