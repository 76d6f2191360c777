import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/* The matcher's schema: policies and their versions, parameters as data, current results, screenings. */

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const double = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'double', isNullable: nullable });

export class Eligibility1763910000000 implements MigrationInterface {
  name = 'Eligibility1763910000000';

  async up(q: QueryRunner): Promise<void> {
    // What the matcher reads of a household, encrypted (it holds health and disability facts).
    await q.addColumn('household', new TableColumn(text('snapshotEnc', true)));
    // Population runs walk the active households of a district in id order, page by page.
    await q.createIndex('household', new TableIndex({ name: 'idx_household_active', columnNames: ['status', 'districtCode', 'id'] }));
    await q.createTable(
      new Table({
        name: 'policy',
        columns: [
          { ...str('code', 40), isPrimary: true },
          str('name', 100),
          str('policyGroup', 24),
          str('department', 24),
          int('publishedVersion', true),
          int('latestVersion'),
          str('updatedAt', 30),
        ],
        indices: [new TableIndex({ name: 'idx_policy_group', columnNames: ['policyGroup'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'policy_version',
        columns: [
          { ...str('policyCode', 40), isPrimary: true },
          { ...int('version'), isPrimary: true },
          str('status', 12),
          text('definition'),
          str('changeNote', 255, true),
          str('createdBy', 36),
          str('createdAt', 30),
          str('publishedBy', 36, true),
          str('publishedAt', 30, true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'policy_parameter',
        columns: [
          { ...str('name', 64), isPrimary: true },
          { ...str('region', 12), isPrimary: true },
          { ...str('effectiveFrom', 10), isPrimary: true },
          str('effectiveTo', 10, true),
          double('value'),
          str('label', 100),
          str('unit', 16, true),
          str('source', 255, true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'eligibility_current',
        columns: [
          { ...str('householdId', 36), isPrimary: true },
          { ...str('policyCode', 40), isPrimary: true },
          str('outcome', 12),
          int('policyVersion'),
          str('missingFacts', 500),
          double('benefitAmount', true),
          str('since', 30),
          str('updatedAt', 30),
        ],
        indices: [new TableIndex({ name: 'idx_eligibility_policy', columnNames: ['policyCode', 'outcome'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'screening_run',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('status', 12),
          str('districtCode', 6),
          str('asOf', 10),
          int('total'),
          int('processed'),
          text('summary'),
          str('startedBy', 36),
          str('startedAt', 30),
          str('finishedAt', 30, true),
          str('error', 500, true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'screening_hit',
        columns: [
          {
            name: 'id',
            type: q.connection.driver.options.type === 'mysql' ? 'int' : 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          str('runId', 36),
          str('policyCode', 40),
          str('householdId', 36),
          str('category', 16),
          str('missingFacts', 500),
          str('graceUntil', 10, true),
        ],
        indices: [new TableIndex({ name: 'idx_screening_hit_run', columnNames: ['runId', 'policyCode', 'category'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['screening_hit', 'screening_run', 'eligibility_current', 'policy_parameter', 'policy_version', 'policy']) await q.dropTable(t);
    await q.dropIndex('household', 'idx_household_active');
    await q.dropColumn('household', 'snapshotEnc');
  }
}
