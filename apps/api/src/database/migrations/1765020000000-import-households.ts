import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/*
 * An import's rules run in shards of the households it touched, on any worker (a phase of the import
 * job after its rows are stored): each shard reads its range of those households from
 * department_record by (importId, householdId). The index replaces the one on importId alone, which
 * every query by importId still uses as its prefix.
 */
export class ImportHouseholds1765020000000 implements MigrationInterface {
  name = 'ImportHouseholds1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('department_record', new TableIndex({ name: 'idx_department_record_import_household', columnNames: ['importId', 'householdId'] }));
    await q.dropIndex('department_record', 'idx_department_record_import');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('department_record', new TableIndex({ name: 'idx_department_record_import', columnNames: ['importId'] }));
    await q.dropIndex('department_record', 'idx_department_record_import_household');
  }
}
