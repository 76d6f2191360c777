import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/* 订阅消息: what each resident allowed (per template, counted), and every message sent or withheld. */
export class Notifications1764840000000 implements MigrationInterface {
  name = 'Notifications1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'message_subscription',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20', isPrimary: true },
          { name: 'templateId', type: 'varchar', length: '64' },
          { name: 'remaining', type: 'int' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'householdId', type: 'varchar', length: '36', isNullable: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'eventKey', type: 'varchar', length: '100' },
          { name: 'title', type: 'varchar', length: '100' },
          { name: 'content', type: 'text' },
          { name: 'page', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'errcode', type: 'int', isNullable: true },
          { name: 'createdAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex('notification', new TableIndex({ name: 'idx_notification_user', columnNames: ['userId', 'createdAt'] }));
    await q.createIndex('notification', new TableIndex({ name: 'uq_notification_event', columnNames: ['userId', 'eventKey'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification');
    await q.dropTable('message_subscription');
  }
}
