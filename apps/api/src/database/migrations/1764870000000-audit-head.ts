import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/*
 * The audit chain's head in the database: one row, locked (SELECT … FOR UPDATE on MySQL/TiDB) by
 * every group commit, so any number of API processes append to one chain. Seeded from the chain
 * as it stands.
 */
export class AuditHead1764870000000 implements MigrationInterface {
  name = 'AuditHead1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'lastId', type: 'int' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'entries', type: 'bigint' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    const tail = (await q.query('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')) as Array<{ id: number; hash: string }>;
    const [total] = (await q.query('SELECT COUNT(*) AS n FROM audit_log')) as Array<{ n: number | string }>;
    await q.query('INSERT INTO audit_head (id, lastId, hash, entries, updatedAt) VALUES (1, ?, ?, ?, ?)', [
      tail[0]?.id ?? 0,
      tail[0]?.hash ?? '0'.repeat(64),
      Number(total?.n ?? 0),
      new Date().toISOString(),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_head');
  }
}
