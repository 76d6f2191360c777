import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The dashboard's last figures per scope, kept in the database: a process that starts (or a second
 * API process) answers from them at once, marked `refreshing`, instead of making its first readers
 * wait for the aggregates (18 s for the district at a million households on SQLite). The body is the
 * response as sent: counts already suppressed, no personal data.
 */
export class DashboardSnapshot1765000000000 implements MigrationInterface {
  name = 'DashboardSnapshot1765000000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.query(
        'CREATE TABLE `dashboard_snapshot` (`scopeKey` varchar(64) NOT NULL, `computedAt` varchar(32) NOT NULL, `body` mediumtext NOT NULL, PRIMARY KEY (`scopeKey`))',
      );
    } else {
      await q.query('CREATE TABLE "dashboard_snapshot" ("scopeKey" varchar(64) PRIMARY KEY NOT NULL, "computedAt" varchar(32) NOT NULL, "body" text NOT NULL)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(q.connection.options.type === 'mysql' ? 'DROP TABLE `dashboard_snapshot`' : 'DROP TABLE "dashboard_snapshot"');
  }
}
