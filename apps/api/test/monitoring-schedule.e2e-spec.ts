import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MonitoringService, scheduledRunId } from '../src/monitoring/monitoring.service.js';
import { isMysql, keepChinaDay, startTestApp, type TestApp } from './harness.js';

/**
 * Several API processes each run the monthly timer: their ticks race for the same month. The run's id
 * is the month's own, so exactly one run is stored and the losers neither fail nor start another.
 */
describe('monthly monitoring timer in several processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zczr-schedule-'));
  const database = isMysql() ? {} : { DATABASE_URL: `sqlite:${join(dir, 'schedule.sqlite')}` };
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...database,
    DEMO_HOUSEHOLDS: '60',
    DEMO_ACTIVITY: 'false',
  };
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(env);
    // The ticks below all fall in one month: on a month's last day, China's midnight (16:00 UTC)
    // between the racing ticks and the last one would make the last one start the new month's run.
    keepChinaDay(t);
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('racing ticks store one scheduled run for the month, under the month’s own id', async () => {
    const monitoring = t.app.get(MonitoringService);
    const before = await t.dataSource.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM monitoring_run WHERE startedBy = 'system'");
    expect(Number(before[0]!.n)).toBe(0);
    await Promise.all([monitoring.tick(), monitoring.tick(), monitoring.tick()]);
    const runs = await t.dataSource.query<Array<{ id: string; period: string; districtCode: string }>>(
      "SELECT id, period, districtCode FROM monitoring_run WHERE startedBy = 'system'",
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]!.id).toBe(scheduledRunId(runs[0]!.districtCode, runs[0]!.period));
    const jobs = await t.dataSource.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM job WHERE id = ?', [runs[0]!.id]);
    expect(Number(jobs[0]!.n)).toBe(1);
    await monitoring.finished(runs[0]!.id);
    // The next tick of the same month starts nothing new.
    await monitoring.tick();
    const after = await t.dataSource.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM monitoring_run WHERE startedBy = 'system'");
    expect(Number(after[0]!.n)).toBe(1);
  });

  it('the id is a stable UUID shape per district and month', () => {
    const a = scheduledRunId('510104', '2026-12');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scheduledRunId('510104', '2026-12')).toBe(a);
    expect(scheduledRunId('510104', '2027-01')).not.toBe(a);
    expect(scheduledRunId('510105', '2026-12')).not.toBe(a);
  });
});
