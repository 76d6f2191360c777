import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/*
 * A run's hits in id order (the export, a page of 2,000 at a time after the last id; the drill-down
 * pages). By (runId, policyCode, category) alone, every page without both a policy and a category
 * read all the run's hits and sorted them: at 100,000 households 227,000 hits, 0.86 s a page, 114
 * pages, all on the event loop. By (runId, id) a page reads its own rows.
 */
export class ScreeningHitOrder1764960000000 implements MigrationInterface {
  name = 'ScreeningHitOrder1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('screening_hit', new TableIndex({ name: 'idx_screening_hit_run_order', columnNames: ['runId', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('screening_hit', 'idx_screening_hit_run_order');
  }
}
