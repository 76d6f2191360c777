import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/*
 * The spine schema. Written with TypeORM's Table API so the same migration runs on SQLite and
 * MySQL/MariaDB; a dialect-specific migration goes into its own folder when SQL must differ.
 */

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, def?: number): TableColumnOptions => ({ name, type: 'int', ...(def !== undefined ? { default: def } : {}) });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
/** Auto-increment key: SQLite only allows AUTOINCREMENT on INTEGER. */
const serial = (q: QueryRunner): TableColumnOptions => ({
  name: 'id',
  type: q.connection.driver.options.type === 'mysql' ? 'int' : 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export class Spine1763900000000 implements MigrationInterface {
  name = 'Spine1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'region',
        columns: [{ ...str('code', 12), isPrimary: true }, str('name', 64), str('level', 16), str('parentCode', 12, true)],
        indices: [new TableIndex({ name: 'idx_region_parent', columnNames: ['parentCode'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'grid',
        columns: [{ ...str('id', 20), isPrimary: true }, str('name', 64), str('communityCode', 12), str('streetCode', 9), str('districtCode', 6)],
        indices: [
          new TableIndex({ name: 'idx_grid_community', columnNames: ['communityCode'] }),
          new TableIndex({ name: 'idx_grid_street', columnNames: ['streetCode'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'grid_worker',
        columns: [
          { ...str('gridId', 20), isPrimary: true },
          { ...str('userId', 36), isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'idx_grid_worker_user', columnNames: ['userId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          id(),
          str('role', 24),
          str('username', 64, true),
          str('passwordHash', 100, true),
          str('totpSecretEnc', 200, true),
          str('openid', 64, true),
          str('displayName', 64),
          str('realName', 64, true),
          str('idNumberEnc', 200, true),
          str('idNumberHash', 64, true),
          str('identityConsentAt', 30, true),
          str('regionCode', 12, true),
          str('householdId', 36, true),
          int('failedLogins', 0),
          str('lockedUntil', 30, true),
          int('tokenVersion', 0),
          str('createdAt', 30),
        ],
        indices: [
          new TableIndex({ name: 'uq_user_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'uq_user_openid', columnNames: ['openid'], isUnique: true }),
          new TableIndex({ name: 'uq_user_id_hash', columnNames: ['idNumberHash'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          serial(q),
          str('at', 30),
          str('actorId', 36, true),
          str('actorRole', 24),
          str('action', 48),
          str('entityType', 32),
          str('entityId', 36, true),
          str('householdId', 36, true),
          str('ip', 64, true),
          text('detail'),
          str('prevHash', 64),
          str('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_action', columnNames: ['action'] }),
          new TableIndex({ name: 'idx_audit_household', columnNames: ['householdId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consent',
        columns: [
          id(),
          str('status', 16),
          str('subjectName', 64),
          str('subjectIdEnc', 200),
          str('subjectIdHash', 64),
          str('purposes', 255),
          bool('sensitiveData'),
          str('textVersion', 16),
          str('method', 24),
          str('guardianName', 64, true),
          str('guardianIdEnc', 200, true),
          str('guardianRelation', 24, true),
          text('signatureEnc', true),
          str('recordedBy', 36),
          str('recordedByRole', 24),
          str('householdId', 36, true),
          str('givenAt', 30),
          str('withdrawnAt', 30, true),
          str('withdrawalReason', 255, true),
        ],
        indices: [
          new TableIndex({ name: 'idx_consent_subject', columnNames: ['subjectIdHash'] }),
          new TableIndex({ name: 'idx_consent_household', columnNames: ['householdId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'household',
        columns: [
          id(),
          str('status', 20),
          int('version'),
          str('districtCode', 6),
          str('streetCode', 9),
          str('communityCode', 12),
          str('gridId', 20),
          str('address', 200),
          str('headName', 64),
          int('memberCount'),
          str('consentId', 36),
          text('economics'),
          text('financialEnc', true),
          str('createdBy', 36),
          str('createdAt', 30),
          str('updatedAt', 30),
        ],
        indices: [
          new TableIndex({ name: 'idx_household_scope', columnNames: ['districtCode', 'streetCode', 'gridId'] }),
          new TableIndex({ name: 'idx_household_community', columnNames: ['communityCode'] }),
          new TableIndex({ name: 'idx_household_grid', columnNames: ['gridId'] }),
          new TableIndex({ name: 'idx_household_head_name', columnNames: ['headName'] }),
          new TableIndex({ name: 'idx_household_consent', columnNames: ['consentId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'member',
        columns: [
          id(),
          str('householdId', 36),
          int('position'),
          str('relation', 16),
          str('name', 64),
          str('idNumberEnc', 200, true),
          str('idNumberHash', 64, true),
          str('sex', 8),
          str('birthDate', 10),
          str('ethnicity', 16, true),
          str('phoneEnc', 200, true),
          str('education', 16, true),
          str('employment', 16, true),
          str('labourCapacity', 16, true),
          text('healthEnc', true),
          text('disabilityEnc', true),
          text('selfCareEnc', true),
          bool('coResident'),
        ],
        indices: [
          new TableIndex({ name: 'idx_member_household', columnNames: ['householdId'] }),
          new TableIndex({ name: 'uq_member_id_hash', columnNames: ['idNumberHash'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'revision',
        columns: [
          serial(q),
          str('householdId', 36),
          int('version'),
          str('actorId', 36),
          str('actorRole', 24),
          str('source', 16),
          str('submissionId', 36, true),
          text('diffEnc'),
          str('createdAt', 30),
        ],
        indices: [new TableIndex({ name: 'idx_revision_household', columnNames: ['householdId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'submission',
        columns: [
          id(),
          str('kind', 8),
          str('status', 16),
          str('householdId', 36),
          int('baseVersion'),
          str('districtCode', 6),
          str('streetCode', 9),
          str('gridId', 20),
          text('payloadEnc'),
          text('checks'),
          text('history'),
          str('submittedBy', 36),
          str('submittedByRole', 24),
          str('reviewedBy', 36, true),
          str('reviewReason', 500, true),
          str('createdAt', 30),
          str('updatedAt', 30),
        ],
        indices: [
          new TableIndex({ name: 'idx_submission_scope', columnNames: ['districtCode', 'streetCode', 'status'] }),
          new TableIndex({ name: 'idx_submission_household', columnNames: ['householdId'] }),
          new TableIndex({ name: 'idx_submission_submitter', columnNames: ['submittedBy'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_record',
        columns: [
          { ...str('id', 64), isPrimary: true },
          str('requestHash', 64),
          { name: 'statusCode', type: 'int', isNullable: true },
          text('responseEnc', true),
          str('createdAt', 30),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'idempotency_record',
      'submission',
      'revision',
      'member',
      'household',
      'consent',
      'audit_log',
      'app_user',
      'grid_worker',
      'grid',
      'region',
    ]) {
      await q.dropTable(t);
    }
  }
}
