import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/*
 * Imports run as jobs (kind `import`): the finish reads the households an import gave new records
 * (department_record by importId) from the database, whichever worker ran the shards. An import
 * left running by a version that ran imports in the process that received them has no job to
 * resume it: it ends failed, as that version did at start-up.
 */
export class ImportsJobs1764940000000 implements MigrationInterface {
  name = 'ImportsJobs1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('department_record', new TableIndex({ name: 'idx_department_record_import', columnNames: ['importId'] }));
    const mysql = q.connection.options.type === 'mysql';
    const c = (n: string): string => (mysql ? `\`${n}\`` : `"${n}"`);
    await q.query(
      `UPDATE ${c('import_run')} SET ${c('status')} = 'failed', ${c('finishedAt')} = ?, ${c('error')} = ? WHERE ${c('status')} = 'running' AND ${c('id')} NOT IN (SELECT ${c('id')} FROM ${c('job')})`,
      [new Date().toISOString(), '服务升级，导入中断；已导入的行保留，重新导入同一文件可继续'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('department_record', 'idx_department_record_import');
  }
}
