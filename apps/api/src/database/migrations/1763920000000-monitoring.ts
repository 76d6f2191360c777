import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/* Monitor → warn → verify → act: department imports, warning rules, risk, verification tasks, monitoring runs. */

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const double = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'double', isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const serial = (q: QueryRunner): TableColumnOptions => ({
  name: 'id',
  type: q.connection.driver.options.type === 'mysql' ? 'int' : 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const index = (name: string, columnNames: string[], isUnique = false): TableIndex => new TableIndex({ name, columnNames, isUnique });

export class Monitoring1763920000000 implements MigrationInterface {
  name = 'Monitoring1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'import_run',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('source', 32),
          str('fileName', 200),
          str('format', 8),
          str('status', 12),
          str('districtCode', 6),
          int('processedRows'),
          int('takenRows'),
          int('duplicateRows'),
          int('unmatchedRows'),
          int('errorRows'),
          int('warningsRaised'),
          str('startedBy', 36),
          str('startedAt', 30),
          str('finishedAt', 30, true),
          str('error', 500, true),
        ],
        indices: [index('idx_import_run_started', ['districtCode', 'startedAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_error',
        columns: [serial(q), str('importId', 36), int('rowNumber'), str('columnName', 64), str('reason', 255)],
        indices: [index('idx_import_error_import', ['importId', 'rowNumber'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'department_record',
        columns: [
          serial(q),
          str('recordKey', 64),
          str('source', 32),
          str('importId', 36),
          int('rowNumber'),
          str('personHash', 64),
          str('householdId', 36),
          str('eventDate', 10),
          text('payloadEnc'),
          str('createdAt', 30),
        ],
        indices: [index('uq_department_record_key', ['recordKey'], true), index('idx_department_record_household', ['householdId', 'source', 'eventDate'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'warning_rule',
        columns: [
          { ...str('code', 40), isPrimary: true },
          str('name', 100),
          str('description', 500),
          str('severity', 8),
          int('windowDays'),
          bool('enabled'),
          str('updatedAt', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'monitoring_parameter',
        columns: [
          { ...str('name', 64), isPrimary: true },
          { ...str('region', 12), isPrimary: true },
          { ...str('effectiveFrom', 10), isPrimary: true },
          str('effectiveTo', 10, true),
          double('value'),
          str('label', 100),
          str('unit', 16, true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'warning',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('householdId', 36),
          str('ruleCode', 40),
          str('severity', 8),
          str('status', 12),
          text('evidence'),
          str('districtCode', 6),
          str('streetCode', 9),
          str('communityCode', 12),
          str('gridId', 20),
          str('source', 12),
          str('sourceRef', 36, true),
          str('taskId', 36, true),
          str('raisedAt', 30),
          str('updatedAt', 30),
        ],
        indices: [
          index('idx_warning_dedupe', ['householdId', 'ruleCode', 'raisedAt']),
          index('idx_warning_district', ['districtCode', 'status', 'severity']),
          index('idx_warning_street', ['streetCode', 'status']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'household_risk',
        columns: [
          { ...str('householdId', 36), isPrimary: true },
          double('score'),
          str('colour', 8),
          int('circle', true),
          text('indicators'),
          double('monthlyIncome', true),
          str('updatedAt', 30),
        ],
        indices: [index('idx_household_risk_colour', ['colour'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'risk_history',
        columns: [serial(q), str('householdId', 36), double('score'), str('colour', 8), int('circle', true), str('reason', 32), str('at', 30)],
        indices: [index('idx_risk_history_household', ['householdId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'verification_task',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('householdId', 36),
          str('kind', 12),
          str('reason', 40),
          str('warningId', 36, true),
          str('status', 12),
          str('assigneeId', 36, true),
          str('previousAssigneeId', 36, true),
          str('gridId', 20),
          str('communityCode', 12),
          str('streetCode', 9),
          str('districtCode', 6),
          str('dueDate', 10),
          str('escalationLevel', 12),
          text('findingsEnc', true),
          str('decisionKind', 16, true),
          text('decisionEnc', true),
          text('history'),
          int('seq'),
          str('createdAt', 30),
          str('updatedAt', 30),
        ],
        indices: [
          index('idx_task_assignee', ['assigneeId', 'seq']),
          index('idx_task_previous_assignee', ['previousAssigneeId', 'seq']),
          index('idx_task_grid', ['gridId', 'status']),
          index('idx_task_district', ['districtCode', 'status', 'dueDate']),
          index('idx_task_household', ['householdId', 'kind', 'createdAt']),
        ],
      }),
    );
    await q.createTable(new Table({ name: 'calendar_day', columns: [{ ...str('day', 10), isPrimary: true }, str('kind', 8), str('name', 32)] }));
    await q.createTable(new Table({ name: 'task_sequence', columns: [{ ...str('name', 16), isPrimary: true }, int('value')] }));
    await q.query('INSERT INTO task_sequence (name, value) VALUES (?, ?)', ['task', 0]);
    await q.createTable(
      new Table({
        name: 'monitoring_run',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('trigger', 12),
          str('period', 7),
          str('districtCode', 6),
          str('status', 12),
          int('processed'),
          text('summary'),
          str('startedBy', 36),
          str('startedAt', 30),
          str('finishedAt', 30, true),
          str('error', 500, true),
        ],
        indices: [index('idx_monitoring_run_period', ['districtCode', 'period'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'monitoring_run',
      'task_sequence',
      'calendar_day',
      'verification_task',
      'risk_history',
      'household_risk',
      'warning',
      'monitoring_parameter',
      'warning_rule',
      'department_record',
      'import_error',
      'import_run',
    ]) {
      await q.dropTable(t);
    }
  }
}
