import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/* Approval tiers and 公示 per policy group; 低保 and 特困 start two-tier with 7 days of 公示 (《最低生活保障审核确认办法》, 《特困人员认定办法》). */
export class Approvals1764910000000 implements MigrationInterface {
  name = 'Approvals1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'approval_setting',
        columns: [
          { name: 'policyGroup', type: 'varchar', length: '24', isPrimary: true },
          { name: 'tiers', type: 'int' },
          { name: 'noticeDays', type: 'int' },
          { name: 'updatedBy', type: 'varchar', length: '36', isNullable: true },
          { name: 'updatedAt', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await q.query('INSERT INTO approval_setting (policyGroup, tiers, noticeDays, updatedBy, updatedAt) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)', [
      'dibao',
      2,
      7,
      null,
      null,
      'tekun',
      2,
      7,
      null,
      null,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('approval_setting');
  }
}
