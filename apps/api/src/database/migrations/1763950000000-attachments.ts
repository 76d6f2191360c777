import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/* Attachments: photos of papers in a household's file (content in the attachment store). */

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });

export class Attachments1763950000000 implements MigrationInterface {
  name = 'Attachments1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachment',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('householdId', 36),
          int('memberIndex', true),
          str('kind', 24),
          str('contentKey', 64),
          str('mimeType', 32),
          int('size'),
          int('width'),
          int('height'),
          str('uploadedBy', 36),
          str('uploadedByRole', 24),
          str('createdAt', 30),
        ],
        indices: [
          new TableIndex({ name: 'idx_attachment_household', columnNames: ['householdId', 'createdAt'] }),
          new TableIndex({ name: 'idx_attachment_content', columnNames: ['contentKey'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachment');
  }
}
