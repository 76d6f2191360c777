import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/* Co-resident adults who sign a consent beside the person who consented (经济状况核对授权): ID number and signature encrypted. */
export class ConsentSigners1764920000000 implements MigrationInterface {
  name = 'ConsentSigners1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'consent_signer',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'consentId', type: 'varchar', length: '36' },
          { name: 'position', type: 'int' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'relation', type: 'varchar', length: '16' },
          { name: 'idNumberEnc', type: 'varchar', length: '200' },
          { name: 'idNumberHash', type: 'varchar', length: '64' },
          { name: 'signatureEnc', type: 'text', isNullable: true },
          { name: 'signedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex('consent_signer', new TableIndex({ name: 'idx_consent_signer_consent', columnNames: ['consentId', 'position'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('consent_signer');
  }
}
