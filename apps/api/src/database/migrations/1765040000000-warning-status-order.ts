import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/*
 * The warnings board by severity (open before tasked before closed, orange before yellow before
 * blue, newest first) read per status and colour in order, with the household id for the scope
 * check, instead of a sort of every warning per page (about a second at 1,000,000 households).
 */
export class WarningStatusOrder1765040000000 implements MigrationInterface {
  name = 'WarningStatusOrder1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('warning', new TableIndex({ name: 'idx_warning_status_order', columnNames: ['status', 'severity', 'raisedAt', 'id', 'householdId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('warning', 'idx_warning_status_order');
  }
}
