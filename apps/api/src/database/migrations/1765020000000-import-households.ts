import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/*
 * An import's rules run in shards of the households it touched, on any worker (a phase of the import
 * job after its rows are stored). Each shard commits, with its records, one row per household it gave
 * records (import_household); the rules phase is cut, and each of its shards reads its range, there.
 * An index on department_record (importId, householdId) did the same but cost the write path 15%
 * (random inserts into a second index per record; one row per household here). Imports running at
 * the upgrade get theirs from the records stored so far.
 */
export class ImportHouseholds1765020000000 implements MigrationInterface {
  name = 'ImportHouseholds1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'import_household',
        columns: [
          { name: 'importId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'householdId', type: 'varchar', length: '36', isPrimary: true },
        ],
      }),
    );
    const mysql = q.connection.options.type === 'mysql';
    const c = (n: string): string => (mysql ? `\`${n}\`` : `"${n}"`);
    await q.query(
      `INSERT INTO ${c('import_household')} (${c('importId')}, ${c('householdId')})
       SELECT DISTINCT r.${c('importId')}, r.${c('householdId')} FROM ${c('department_record')} r
       JOIN ${c('import_run')} i ON i.${c('id')} = r.${c('importId')} WHERE i.${c('status')} = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('import_household');
  }
}
