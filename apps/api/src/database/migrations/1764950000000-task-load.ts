import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/*
 * The dispatcher counts each worker's open tasks for every page of a monitoring run or an import
 * (`TasksRepository.activeLoad`). By (assigneeId, seq) that read every task the worker ever had,
 * open or closed, row by row: a run over a million households counted a growing table a thousand
 * times. By (assigneeId, status) it is a count over the open ones in the index alone.
 */
export class TaskLoad1764950000000 implements MigrationInterface {
  name = 'TaskLoad1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('verification_task', new TableIndex({ name: 'idx_task_assignee_status', columnNames: ['assigneeId', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('verification_task', 'idx_task_assignee_status');
  }
}
