import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/*
 * Trust: a resident's identity binding is verified (face check or staff) before it grants any household
 * scope; a TOTP code is used once.
 */
export class Trust1764700000000 implements MigrationInterface {
  name = 'Trust1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('app_user', [
      new TableColumn({ name: 'identityVerifiedAt', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'identityVerifiedBy', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'totpLastStep', type: 'int', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('app_user', 'totpLastStep');
    await q.dropColumn('app_user', 'identityVerifiedBy');
    await q.dropColumn('app_user', 'identityVerifiedAt');
  }
}
