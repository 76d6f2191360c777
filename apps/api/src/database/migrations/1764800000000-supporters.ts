import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/* Legal supporters (赡养、抚养、扶养义务人) of a household's applicant: encrypted JSON (names and incomes); null = not recorded. */
export class Supporters1764800000000 implements MigrationInterface {
  name = 'Supporters1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('household', new TableColumn({ name: 'supportersEnc', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('household', 'supportersEnc');
  }
}
