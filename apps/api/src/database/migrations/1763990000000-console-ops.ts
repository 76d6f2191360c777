import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/*
 * The console's operational half: staff accounts can be disabled (kept for the audit trail, never
 * deleted); each screening stores coverage per street and policy (eligible vs receiving, and the
 * "silent" eligible who receive nothing) so the dashboard reads a few hundred rows instead of
 * re-deriving it from every household; the audit log is filtered by actor.
 */

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int' });

export class ConsoleOps1763990000000 implements MigrationInterface {
  name = 'ConsoleOps1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('app_user', new TableColumn({ name: 'disabledAt', type: 'varchar', length: '30', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'screening_coverage',
        columns: [
          { ...str('runId', 36), isPrimary: true },
          { ...str('streetCode', 9), isPrimary: true },
          { ...str('policyCode', 40), isPrimary: true },
          int('eligibleHouseholds'),
          int('eligiblePeople'),
          int('receivingHouseholds'),
          int('receivingPeople'),
          int('silentHouseholds'),
          int('silentPeople'),
          int('exitHouseholds'),
        ],
      }),
    );
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_actor', columnNames: ['actorId', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'idx_audit_actor');
    await q.dropTable('screening_coverage');
    await q.dropColumn('app_user', 'disabledAt');
  }
}
