import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/*
 * Parameter changes (参数调整) under four eyes: proposed by one district user, approved or rejected by
 * another; an approved change becomes a policy_parameter row, and `appliedAt` marks the re-screening
 * on its effective date (claimed by a conditional UPDATE, so one process runs it).
 */
export class ParameterChanges1764900000000 implements MigrationInterface {
  name = 'ParameterChanges1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'parameter_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'region', type: 'varchar', length: '12' },
          { name: 'districtCode', type: 'varchar', length: '6' },
          { name: 'effectiveFrom', type: 'varchar', length: '10' },
          { name: 'value', type: 'double' },
          { name: 'previousValue', type: 'double', isNullable: true },
          { name: 'basis', type: 'varchar', length: '255' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'proposedBy', type: 'varchar', length: '36' },
          { name: 'proposedAt', type: 'varchar', length: '30' },
          { name: 'decidedBy', type: 'varchar', length: '36', isNullable: true },
          { name: 'decidedAt', type: 'varchar', length: '30', isNullable: true },
          { name: 'decisionNote', type: 'varchar', length: '255', isNullable: true },
          { name: 'appliedAt', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await q.createIndex('parameter_change', new TableIndex({ name: 'idx_parameter_change_status', columnNames: ['status', 'effectiveFrom'] }));
    await q.createIndex('parameter_change', new TableIndex({ name: 'idx_parameter_change_name', columnNames: ['name', 'region', 'effectiveFrom'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('parameter_change');
  }
}
