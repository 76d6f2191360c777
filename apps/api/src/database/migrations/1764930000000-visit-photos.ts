import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/* Visit photos: an attachment taken at the door for a verification task (kind visit_photo) names the task. */
export class VisitPhotos1764930000000 implements MigrationInterface {
  name = 'VisitPhotos1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('attachment', new TableColumn({ name: 'taskId', type: 'varchar', length: '36', isNullable: true }));
    await q.createIndex('attachment', new TableIndex({ name: 'idx_attachment_task', columnNames: ['taskId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('attachment', 'idx_attachment_task');
    await q.dropColumn('attachment', 'taskId');
  }
}
