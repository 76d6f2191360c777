import { bufferPoolAdvice, CONSOLE_TABLES, IMPORT_TABLES } from './database-sizing.js';

const MB = 1024 * 1024;

describe('bufferPoolAdvice', () => {
  it('says nothing while the pool holds the console tables with a quarter to spare', () => {
    expect(bufferPoolAdvice(128 * MB, { household: 60 * MB, warning: 20 * MB, member: 900 * MB })).toBeNull();
  });

  it('advises a pool of one and a half times the console tables, in steps of 256 MB, when it does not', () => {
    // The 100,000-household console benchmark on the server's default pool.
    const measured = {
      household: 474,
      household_address_gram: 496,
      screening_hit: 84,
      eligibility_current: 62,
      verification_task: 52,
      household_risk: 32,
      warning: 25,
    };
    const advice = bufferPoolAdvice(128 * MB, Object.fromEntries(Object.entries(measured).map(([t, mb]) => [t, mb * MB])));
    expect(advice).toContain('innodb_buffer_pool_size is 128 MB');
    expect(advice).toContain('take 1,225 MB');
    expect(advice).toContain('at least 2,048 MB');
  });

  it('counts only the tables read in bulk (members and the audit log are read one household at a time)', () => {
    expect(CONSOLE_TABLES).not.toContain('member');
    expect(bufferPoolAdvice(100 * MB, { audit_log: 10_000 * MB, member: 10_000 * MB })).toBeNull();
    expect(bufferPoolAdvice(100 * MB, { household: 90 * MB })).not.toBeNull();
  });

  it('adds the department records an import reads back, and says so', () => {
    expect(IMPORT_TABLES).toContain('department_record');
    // The million-row import benchmark: 687 MB of records beside a small console.
    const advice = bufferPoolAdvice(128 * MB, { household: 40 * MB, department_record: 687 * MB });
    expect(advice).toContain('the tables the console reads take 40 MB and the department records imports read back 687 MB');
    expect(advice).toContain('at least 1,280 MB');
    expect(bufferPoolAdvice(1024 * MB, { household: 40 * MB, department_record: 687 * MB })).toBeNull();
  });
});
