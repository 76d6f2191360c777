import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { Clock } from '../src/common/time.js';
import { ScreeningsService } from '../src/screenings/screenings.service.js';
import { DashboardRepository } from '../src/dashboard/dashboard.repository.js';
import { DashboardService } from '../src/dashboard/dashboard.service.js';
import { InvalidationBus } from '../src/shared-state/invalidation-bus.js';
import { generate } from 'otplib';
import { createHouseholdAsStaff, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

interface Run {
  id: string;
  status: string;
  progress: number;
  processed: number;
  total: number;
  policies: Array<{ policyCode: string; eligible: number; newlyEligible: number; exitCandidates: number; unknown: number }>;
}
interface Task {
  id: string;
  householdId: string;
  status: string;
  assigneeId: string | null;
  dueDate: string;
  overdue: boolean;
  escalationLevel: string;
  history: Array<{ status: string; note?: string }>;
}
type Count = number | '<5';

/** Reads a whole text/event-stream response (the stream ends when the run is over). */
function sseParser(res: Response, cb: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => cb(null, text));
}

function events(text: string): Array<{ event: string | null; data: unknown }> {
  return text
    .split('\n\n')
    .filter((b) => b.includes('data:'))
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? null;
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n');
      return { event, data: data ? JSON.parse(data) : null };
    });
}

/** Every count in a dashboard body: none may be 1–4 (they leave the API as "<5"). */
function countsIn(value: unknown, path = ''): Array<{ path: string; v: Count }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => countsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => countsIn(v, `${path}.${k}`));
  return typeof value === 'number' || value === '<5' ? [{ path, v: value as Count }] : [];
}

/** The console's operational half through the API: screening, board, dashboard, administration, audit. */
describe('console operations', () => {
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let security: string;
  let district: string;
  let street: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    auditor = await t.tokenFor('audit_admin');
    security = await t.tokenFor('security_admin');
    district = await t.tokenFor('district_reviewer');
    street = await t.tokenFor('street_reviewer');
  });
  afterAll(() => t.close());

  describe('screening', () => {
    it('lists runs, streams progress as server-sent events to 100 %, names the policies', async () => {
      const listed = await t.http().get('/api/v1/screenings').set(bearer(district)).expect(200);
      expect(listed.body.total).toBeGreaterThanOrEqual(1); // the demo seed's first run
      const started = await t.http().post('/api/v1/screenings').set(bearer(district)).expect(201);
      const res = await t.http().get(`/api/v1/screenings/${started.body.id}/events`).set(bearer(district)).buffer(true).parse(sseParser).expect(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
      const progress = events(res.body as string)
        .filter((e) => e.event === 'progress')
        .map((e) => e.data as Run);
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(progress.at(-1)).toMatchObject({ id: started.body.id, status: 'completed', progress: 100 });
      // Progress never goes back.
      expect(progress.map((p) => p.processed)).toEqual([...progress.map((p) => p.processed)].sort((a, b) => a - b));

      const results = await t.http().get(`/api/v1/screenings/${started.body.id}/results`).set(bearer(district)).expect(200);
      expect(results.body.run).toMatchObject({ id: started.body.id, status: 'completed' });
      const dibao = (results.body.policies as Array<{ policyCode: string; policyName: string }>).find((p) => p.policyCode === 'dibao');
      expect(dibao?.policyName).toMatch(/最低生活保障/);

      const after = await t.http().get('/api/v1/screenings').set(bearer(district)).expect(200);
      expect(after.body.items[0]).toMatchObject({ id: started.body.id });
    });

    it('needs the bearer token for the event stream (no token in the URL), and answers 404 for an unknown run', async () => {
      await t
        .http()
        .get(`/api/v1/screenings/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/events`)
        .set(bearer(district))
        .expect(404);
      const runs = await t.http().get('/api/v1/screenings').set(bearer(district)).expect(200);
      await t.http().get(`/api/v1/screenings/${runs.body.items[0].id}/events`).expect(401);
      await t.http().get(`/api/v1/screenings/${runs.body.items[0].id}/events`).set(bearer(street)).expect(403);
    });

    it('drills down to households with masked names, in every category, and audits the view', async () => {
      const runs = await t.http().get('/api/v1/screenings').set(bearer(district)).expect(200);
      const seedRun = (runs.body.items as Run[]).at(-1)!;
      const results = await t.http().get(`/api/v1/screenings/${seedRun.id}/results`).set(bearer(district)).expect(200);
      const withNew = (results.body.policies as Array<{ policyCode: string; newlyEligible: number; eligible: number; unknown: number }>).find(
        (p) => p.newlyEligible > 0,
      )!;
      expect(withNew).toBeDefined();
      const page = await t
        .http()
        .get(`/api/v1/screenings/${seedRun.id}/households`)
        .query({ policyCode: withNew.policyCode, category: 'newly_eligible', pageSize: 5 })
        .set(bearer(district))
        .expect(200);
      expect(page.body.total).toBe(withNew.newlyEligible);
      const first = page.body.items[0];
      expect(first.headNameMasked).toMatch(/^.\*+$/);
      expect(first.streetName).toMatch(/街道|镇/);
      const heads = await t.dataSource.query('SELECT headName FROM household WHERE id = ?', [first.householdId]);
      expect(JSON.stringify(page.body)).not.toContain((heads[0] as { headName: string }).headName);
      const eligible = await t
        .http()
        .get(`/api/v1/screenings/${seedRun.id}/households`)
        .query({ policyCode: withNew.policyCode, category: 'eligible' })
        .set(bearer(district))
        .expect(200);
      expect(eligible.body.total).toBeGreaterThanOrEqual(1);
      await t
        .http()
        .get(`/api/v1/screenings/${seedRun.id}/households`)
        .query({ policyCode: withNew.policyCode, category: 'bogus' })
        .set(bearer(district))
        .expect(400);
      const audit = await t.http().get('/api/v1/audit-logs').query({ action: 'screening.view_households' }).set(bearer(auditor)).expect(200);
      expect(audit.body.total).toBeGreaterThanOrEqual(2);
    });

    it('exports an .xlsx, streamed: a summary sheet and the flagged households, names masked', async () => {
      const runs = await t.http().get('/api/v1/screenings').set(bearer(district)).expect(200);
      const seedRun = (runs.body.items as Run[]).at(-1)!;
      const res = await t
        .http()
        .get(`/api/v1/screenings/${seedRun.id}/export`)
        .set(bearer(district))
        .buffer(true)
        .parse((r, cb) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => cb(null, Buffer.concat(parts)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('attachment');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as Buffer);
      const summary = wb.getWorksheet('各政策统计')!;
      expect(summary.getRow(1).getCell(2).value).toBe('政策名称');
      const detail = wb.getWorksheet('家庭明细')!;
      expect(detail.getRow(1).getCell(3).value).toBe('户主（脱敏）');
      const hits = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM screening_hit WHERE runId = ?', [seedRun.id]))[0].n);
      expect(detail.actualRowCount - 1).toBe(hits);
      for (let i = 2; i <= Math.min(detail.actualRowCount, 50); i++) expect(String(detail.getRow(i).getCell(3).value)).toMatch(/^.\*+$/);
      const filtered = await t
        .http()
        .get(`/api/v1/screenings/${seedRun.id}/export`)
        .query({ policyCode: 'dibao', category: 'unknown' })
        .set(bearer(district))
        .expect(200);
      expect(filtered.headers['content-type']).toContain('spreadsheetml');
      const audit = await t.http().get('/api/v1/audit-logs').query({ action: 'screening.export' }).set(bearer(auditor)).expect(200);
      const full = (audit.body.items as Array<{ detail: Record<string, unknown> }>).find((e) => e.detail.policyCode === undefined);
      expect(full?.detail).toMatchObject({ rows: hits });
    });

    it('stores coverage per street and policy, with the household as a whole under "*"', async () => {
      const rows = await t.dataSource.query("SELECT * FROM screening_coverage WHERE policyCode = '*'");
      expect(rows.length).toBeGreaterThan(0);
      const total = (rows as Array<{ eligibleHouseholds: number; silentHouseholds: number; receivingHouseholds: number }>).reduce(
        (n, r) => n + Number(r.eligibleHouseholds),
        0,
      );
      expect(total).toBeGreaterThan(0);
    });
  });

  describe('dashboard', () => {
    const dashboard = (): Promise<Response> => t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
    /** Reads again while the answer is the last figures marked `refreshing` (at most 100 times), checking each such answer. */
    async function untilFresh(res: Response, pauseMs = 20, eachRefreshing: (r: Response) => void = () => undefined): Promise<Response> {
      for (let i = 0; res.body.refreshing && i < 100; i++) {
        eachRefreshing(res);
        await new Promise((r) => setTimeout(r, pauseMs));
        res = await dashboard();
      }
      return res;
    }
    /** Holds the dashboard's household aggregate until `release`: its recomputation is slow. */
    function slowRecomputation() {
      const repo = t.app.get(DashboardRepository);
      const original = repo.householdCells.bind(repo);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      const slow = jest.spyOn(repo, 'householdCells').mockImplementation(async (...args) => (await gate, original(...args)));
      return { slow, release: () => release(), restore: () => (release(), slow.mockRestore()) };
    }
    it('aggregates the district: by colour, circle, category, street; coverage; 12 months of trends; never a count of 1–4', async () => {
      const res = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
      const d = res.body;
      expect(d.scope).toMatchObject({ level: 'district', code: '510115', districtName: '温江区', cityName: '成都市' });
      expect(d.suppressBelow).toBe(5);
      const active = Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM household WHERE status = 'active'"))[0].n);
      expect(d.totals.households).toBe(active);
      expect(d.byStreet.length).toBeGreaterThan(1);
      expect(d.byColour.map((c: { colour: string }) => c.colour)).toEqual(['orange', 'yellow', 'blue', 'green', 'none']);
      expect(d.trends.months).toHaveLength(12);
      expect(d.coverage.run).not.toBeNull();
      expect(d.coverage.byPolicy.length).toBeGreaterThan(0);
      const counts = countsIn({
        totals: d.totals,
        byColour: d.byColour,
        byCircle: d.byCircle,
        byCategory: d.byCategory,
        byStreet: d.byStreet,
        coverage: d.coverage.byPolicy,
        streets: d.coverage.byStreet,
        trends: d.trends.series,
      });
      const small = counts.filter((c) => typeof c.v === 'number' && c.v > 0 && c.v < 5 && !c.path.endsWith('.circle') && !c.path.endsWith('Rate'));
      expect(small).toEqual([]);
      expect(counts.some((c) => c.v === '<5')).toBe(true); // 60 households over 9 streets: small cells exist
    });

    it('answers from the screening just finished, not from the figures it kept before it', async () => {
      const before = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
      const kept = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
      expect(kept.body.generatedAt).toBe(before.body.generatedAt); // the second read is the kept result
      const started = await t.http().post('/api/v1/screenings').set(bearer(district)).expect(201);
      expect(before.body.coverage.run?.id).not.toBe(started.body.id);
      await t.app.get(ScreeningsService).finished(started.body.id);
      // The recomputation begins with the next read; a slow one is answered from the old figures,
      // marked `refreshing`, until it is in (here it usually is at once).
      const after = await untilFresh(await dashboard(), 50, (r) => expect(r.body.coverage.run?.id).toBe(before.body.coverage.run?.id));
      expect(after.body.refreshing).toBeUndefined();
      expect(after.body.coverage.run?.id).toBe(started.body.id);
      expect(after.body.coverage.byPolicy.length).toBeGreaterThan(0);
    });

    it('answers a slow recomputation with the last figures marked "refreshing", then with the new ones', async () => {
      const first = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
      expect(first.body.refreshing).toBeUndefined();
      const { slow, release, restore } = slowRecomputation();
      try {
        t.app.get(InvalidationBus).publish('aggregates');
        const began = Date.now();
        const stale = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
        expect(Date.now() - began).toBeLessThan(2000); // the reader did not wait for the gate
        expect(stale.body.refreshing).toBe(true);
        expect(stale.body.generatedAt).toBe(first.body.generatedAt);
        expect(stale.body.totals).toEqual(first.body.totals);
        // A second reader joins the computation under way rather than starting another.
        await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
        expect(slow).toHaveBeenCalledTimes(1);
        release();
        const fresh = await untilFresh(stale);
        expect(fresh.body.refreshing).toBeUndefined();
        expect(fresh.body.generatedAt >= first.body.generatedAt).toBe(true);
        expect(slow).toHaveBeenCalledTimes(1);
      } finally {
        restore();
      }
    });

    it('a process that has not computed the dashboard yet answers from the figures kept by the last computation, marked "refreshing"', async () => {
      const first = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
      // Kept in the database once computed (written after the answer: wait for it).
      let kept: Array<{ computedAt: string; body: string }> = [];
      for (let i = 0; i < 100; i++) {
        kept = await t.dataSource.query('SELECT computedAt, body FROM dashboard_snapshot WHERE scopeKey = ?', ['v1|510115|']);
        if (kept[0]?.computedAt === first.body.generatedAt) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(kept[0]?.computedAt).toBe(first.body.generatedAt);
      expect(JSON.parse(kept[0]!.body)).toEqual(first.body);
      // A new process: nothing in memory, and its first computation is slow.
      (t.app.get(DashboardService) as unknown as { cache: Map<string, unknown> }).cache.clear();
      const { release, restore } = slowRecomputation();
      try {
        const answered = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
        expect(answered.body).toEqual({ ...first.body, refreshing: true });
        release();
        const fresh = await untilFresh(answered);
        expect(fresh.body.refreshing).toBeUndefined();
        expect(fresh.body.generatedAt > first.body.generatedAt || fresh.body.generatedAt === first.body.generatedAt).toBe(true);
      } finally {
        restore();
      }
    });

    it('scopes a street reviewer to their street', async () => {
      const res = await t.http().get('/api/v1/dashboard').set(bearer(street)).expect(200);
      const me = await t.http().get('/api/v1/auth/me').set(bearer(street)).expect(200);
      expect(res.body.scope).toMatchObject({ level: 'street', code: me.body.regionCode });
      expect(res.body.byStreet.map((s: { code: string }) => s.code)).toEqual([me.body.regionCode]);
      expect(res.body.coverage.byStreet.map((s: { code: string }) => s.code)).toEqual([me.body.regionCode]);
      // Below the street: its communities, which add up to the street (counts of 1–4 as "<5").
      const communities = res.body.byCommunity as Array<{ code: string; streetCode: string; households: number | '<5' }>;
      expect(communities.length).toBeGreaterThan(1);
      expect(communities.every((c) => c.streetCode === me.body.regionCode && c.code.startsWith(me.body.regionCode))).toBe(true);
      expect(communities.every((c) => c.households === 0 || c.households === '<5' || c.households >= 5)).toBe(true);
      const inStreet = Number(
        (await t.dataSource.query("SELECT COUNT(*) AS n FROM household WHERE status = 'active' AND streetCode = ?", [me.body.regionCode]))[0].n,
      );
      const exact = communities.filter((c) => typeof c.households === 'number').reduce((n, c) => n + (c.households as number), 0);
      const small = communities.filter((c) => c.households === '<5').length;
      expect(inStreet).toBeGreaterThanOrEqual(exact + small);
      expect(inStreet).toBeLessThanOrEqual(exact + 4 * small);
      const districtView = await t.http().get('/api/v1/dashboard').set(bearer(district)).expect(200);
      expect(districtView.body.byCommunity).toEqual([]);
      await t
        .http()
        .get('/api/v1/dashboard')
        .set(bearer(await t.tokenFor('grid_worker')))
        .expect(403);
      await t
        .http()
        .get('/api/v1/dashboard')
        .set(bearer(await t.tokenFor('resident')))
        .expect(403);
    });
  });

  describe('warnings and tasks board', () => {
    it('lists overdue tasks first, escalates by hand (never back down), offers the grid workers for reassignment', async () => {
      const place = await workerPlacement(t);
      const a = await createHouseholdAsStaff(t, place, person('甲测试'));
      const b = await createHouseholdAsStaff(t, place, person('乙测试'));
      const older = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: a.id }).expect(201)).body as Task;
      const clock = t.app.get(Clock);
      const realNow = clock.now.bind(clock);
      try {
        // A second task created 30 days later: the first one is then overdue, the second not.
        clock.now = () => new Date(Date.now() + 30 * 86_400_000);
        const newer = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: b.id }).expect(201)).body as Task;
        const board = await t
          .http()
          .get('/api/v1/tasks')
          .query({ sort: 'urgency', streetCode: place.streetCode, pageSize: 200 })
          .set(bearer(street))
          .expect(200);
        const items = board.body.items as Task[];
        const firstNotOverdue = items.findIndex((x) => !x.overdue);
        const lastOverdue = items.map((x) => x.overdue).lastIndexOf(true);
        expect(lastOverdue).toBeLessThan(firstNotOverdue === -1 ? Infinity : firstNotOverdue);
        expect(items.find((x) => x.id === older.id)).toMatchObject({ overdue: true });
        expect(items.find((x) => x.id === newer.id)).toMatchObject({ overdue: false });
        const overdueOnly = await t.http().get('/api/v1/tasks').query({ overdue: true, active: true }).set(bearer(street)).expect(200);
        expect((overdueOnly.body.items as Task[]).every((x) => x.overdue)).toBe(true);

        const summary = await t.http().get('/api/v1/dashboard/board').set(bearer(street)).expect(200);
        expect(summary.body.overdueTasks).toBeGreaterThanOrEqual(1);
        expect(summary.body.byStreet).toHaveLength(1);

        await t.http().post(`/api/v1/tasks/${older.id}/escalate`).set(bearer(street)).send({ reason: '  ' }).expect(400);
        const toStreet = await t.http().post(`/api/v1/tasks/${older.id}/escalate`).set(bearer(street)).send({ reason: '社区多次催办未果' }).expect(200);
        expect(toStreet.body).toMatchObject({ escalationLevel: 'street' });
        const toDistrict = await t.http().post(`/api/v1/tasks/${older.id}/escalate`).set(bearer(street)).send({ reason: '需区级协调' }).expect(200);
        expect(toDistrict.body.escalationLevel).toBe('district');
        expect((toDistrict.body as Task).history.at(-1)).toMatchObject({ status: 'escalated_district', note: '需区级协调' });
        await t.http().post(`/api/v1/tasks/${older.id}/escalate`).set(bearer(street)).send({ reason: '再升' }).expect(409);
        // The automatic escalation (a few working days late → community) does not step it back.
        const run = await t.http().post('/api/v1/monitoring/runs').set(bearer(district)).expect(202);
        for (let i = 0; i < 400; i++) {
          const r = await t.http().get(`/api/v1/monitoring/runs/${run.body.id}`).set(bearer(district)).expect(200);
          if (r.body.status !== 'running') break;
          await new Promise((res) => setTimeout(res, 25));
        }
        expect((await t.http().get(`/api/v1/tasks/${older.id}`).set(bearer(district)).expect(200)).body.escalationLevel).toBe('district');
      } finally {
        clock.now = realNow;
      }
      const assignees = await t.http().get(`/api/v1/tasks/${older.id}/assignees`).set(bearer(street)).expect(200);
      expect(assignees.body.length).toBeGreaterThanOrEqual(1);
      expect(assignees.body[0]).toEqual({ id: expect.any(String), displayName: expect.any(String), openTasks: expect.any(Number) });
      const audit = await t.http().get('/api/v1/audit-logs').query({ action: 'task.escalate_manual' }).set(bearer(auditor)).expect(200);
      expect(audit.body.total).toBe(2);
      await t
        .http()
        .post(`/api/v1/tasks/${older.id}/escalate`)
        .set(bearer(await t.tokenFor('grid_worker')))
        .send({ reason: 'x' })
        .expect(403);
    });

    it('counts on the board exactly the warnings and tasks in the reader’s scope: by status, overdue, escalation level, street', async () => {
      const place = await workerPlacement(t);
      const task = async (name: string): Promise<Task> =>
        (
          await t
            .http()
            .post('/api/v1/tasks')
            .set(bearer(district))
            .send({ householdId: (await createHouseholdAsStaff(t, place, person(name))).id })
            .expect(201)
        ).body as Task;
      const late = await task('丙测试');
      await task('戊测试');
      await t.http().post(`/api/v1/tasks/${late.id}/escalate`).set(bearer(street)).send({ reason: '社区多次催办未果' }).expect(200);
      const clock = t.app.get(Clock);
      const realNow = clock.now.bind(clock);
      // A month on: the two tasks made now are overdue, the one made then is not.
      clock.now = () => new Date(Date.now() + 30 * 86_400_000);
      try {
        await task('丁测试');
        const today = clock.today();
        const active = "('open', 'assigned', 'in_progress', 'submitted', 'confirming', 'returned')";
        const truth = async (streetCode: string | null): Promise<Record<string, unknown>> => {
          const where = streetCode ? 'streetCode = ?' : '1 = 1';
          const params = streetCode ? [streetCode] : [];
          const rows = async (sql: string, extra: unknown[] = []): Promise<Array<{ k: string; n: number | string }>> =>
            t.dataSource.query(sql, [...params, ...extra]) as Promise<Array<{ k: string; n: number | string }>>;
          const asMap = (xs: Array<{ k: string; n: number | string }>): Record<string, number> => Object.fromEntries(xs.map((x) => [x.k, Number(x.n)]));
          const tasks = asMap(await rows(`SELECT status AS k, COUNT(*) AS n FROM verification_task WHERE ${where} GROUP BY status`));
          const escalation = asMap(
            await rows(`SELECT escalationLevel AS k, COUNT(*) AS n FROM verification_task WHERE ${where} AND status IN ${active} GROUP BY escalationLevel`),
          );
          const [overdue] = await rows(`SELECT 'all' AS k, COUNT(*) AS n FROM verification_task WHERE ${where} AND status IN ${active} AND dueDate < ?`, [
            today,
          ]);
          const warnings: Record<string, Record<string, number>> = {};
          for (const r of (await t.dataSource.query(
            `SELECT severity AS c, status AS s, COUNT(*) AS n FROM warning WHERE ${where} GROUP BY severity, status`,
            params,
          )) as Array<{ c: string; s: string; n: number | string }>)
            (warnings[r.c] ??= {})[r.s] = Number(r.n);
          return { tasks, escalation, overdueTasks: Number(overdue?.n ?? 0), warnings };
        };
        const whole = await t.http().get('/api/v1/dashboard/board').set(bearer(district)).expect(200);
        const expected = await truth(null);
        expect(expected.overdueTasks).toBeGreaterThanOrEqual(2);
        expect(Object.keys(expected.escalation as object).length).toBeGreaterThanOrEqual(2);
        expect(whole.body).toMatchObject(expected);
        const inStreet = await t.http().get('/api/v1/dashboard/board').set(bearer(street)).expect(200);
        expect(inStreet.body).toMatchObject(await truth(place.streetCode));
        const row = (whole.body.byStreet as Array<{ code: string; activeTasks: number; overdueTasks: number }>).find((s) => s.code === place.streetCode);
        const [activeHere] = (await t.dataSource.query(
          `SELECT COUNT(*) AS n FROM verification_task WHERE streetCode = ? AND status NOT IN ('closed', 'accepted')`,
          [place.streetCode],
        )) as Array<{ n: number | string }>;
        expect(row).toMatchObject({ activeTasks: Number(activeHere!.n), overdueTasks: (await truth(place.streetCode)).overdueTasks });
      } finally {
        clock.now = realNow;
      }
    });

    it('pages of the urgency order and of the active and status filters are those of a sort of every task in scope', async () => {
      // Tasks in every kind of status (written straight into the table: the order is what is tested).
      const place = await workerPlacement(t);
      for (const name of ['壹测试', '贰测试', '叁测试', '肆测试']) {
        await t
          .http()
          .post('/api/v1/tasks')
          .set(bearer(district))
          .send({ householdId: (await createHouseholdAsStaff(t, place, person(name))).id })
          .expect(201);
      }
      const ids = ((await t.dataSource.query('SELECT id FROM verification_task ORDER BY id')) as Array<{ id: string }>).map((r) => r.id);
      const statuses = ['closed', 'in_notice', 'accepted', 'returned', 'submitted'];
      for (const [i, id] of ids.entries()) {
        if (i % 2 === 0) await t.dataSource.query('UPDATE verification_task SET status = ? WHERE id = ?', [statuses[(i / 2) % statuses.length], id]);
      }
      const active = ['open', 'assigned', 'in_progress', 'submitted', 'confirming', 'returned'];
      const all = (await t.dataSource.query('SELECT id, status, dueDate FROM verification_task')) as Array<{ id: string; status: string; dueDate: string }>;
      const byDue = (a: { dueDate: string; id: string }, b: { dueDate: string; id: string }): number =>
        a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      const rank = (s: string): number => (active.includes(s) ? 0 : 1);
      const cases: Array<[Record<string, string | boolean>, string[]]> = [
        [{ sort: 'urgency' }, [...all].sort((a, b) => rank(a.status) - rank(b.status) || byDue(a, b)).map((x) => x.id)],
        [
          { sort: 'urgency', active: true },
          all
            .filter((x) => active.includes(x.status))
            .sort(byDue)
            .map((x) => x.id),
        ],
        [
          { status: 'closed' },
          all
            .filter((x) => x.status === 'closed')
            .sort(byDue)
            .map((x) => x.id),
        ],
        [
          { active: true },
          all
            .filter((x) => active.includes(x.status))
            .sort(byDue)
            .map((x) => x.id),
        ],
        [{}, [...all].sort(byDue).map((x) => x.id)],
      ];
      for (const [query, expected] of cases) {
        expect(expected.length).toBeGreaterThan(0);
        const got: string[] = [];
        for (let page = 1; page <= Math.ceil(expected.length / 3) + 1; page++) {
          const res = await t
            .http()
            .get('/api/v1/tasks')
            .query({ ...query, page, pageSize: 3 })
            .set(bearer(district))
            .expect(200);
          got.push(...(res.body.items as Task[]).map((x) => x.id));
          expect(res.body.total).toBe(expected.length);
        }
        expect({ query, ids: got }).toEqual({ query, ids: expected });
      }
    });

    it('sorts warnings by severity, open first', async () => {
      const res = await t.http().get('/api/v1/warnings').query({ sort: 'severity', pageSize: 200 }).set(bearer(district)).expect(200);
      const rank = (w: { status: string; colour: string }): number =>
        (w.status === 'open' ? 0 : w.status === 'tasked' ? 1 : 2) * 10 + ['orange', 'yellow', 'blue'].indexOf(w.colour);
      const ranks = (res.body.items as Array<{ status: string; colour: string }>).map(rank);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      // Page after page (each status and colour read in order and merged): a sort of every warning.
      const all = (await t.dataSource.query('SELECT id, status, severity AS colour, raisedAt FROM warning')) as Array<{
        id: string;
        status: string;
        colour: string;
        raisedAt: string;
      }>;
      expect(all.length).toBeGreaterThan(3);
      const expected = [...all]
        .sort((a, b) => rank(a) - rank(b) || (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map((w) => w.id);
      const got: string[] = [];
      for (let page = 1; page <= Math.ceil(expected.length / 4) + 1; page++) {
        const p = await t.http().get('/api/v1/warnings').query({ sort: 'severity', page, pageSize: 4 }).set(bearer(district)).expect(200);
        got.push(...(p.body.items as Array<{ id: string }>).map((w) => w.id));
      }
      expect(got).toEqual(expected);
    });
  });

  describe('administration', () => {
    it('creates a staff user with a role and region and a one-time TOTP secret; the user signs in with it', async () => {
      const me = await t.http().get('/api/v1/auth/me').set(bearer(street)).expect(200);
      const body = { username: 'li.shenhe', displayName: '李审核', role: 'street_reviewer', regionCode: me.body.regionCode, password: 'Strong#Pass2026' };
      await t
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(admin))
        .send({ ...body, password: 'short1' })
        .expect(400);
      await t
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(admin))
        .send({ ...body, regionCode: '510115' })
        .expect(400);
      await t.http().post('/api/v1/admin/users').set(bearer(district)).send(body).expect(403);
      const created = await t.http().post('/api/v1/admin/users').set(bearer(admin)).send(body).expect(201);
      expect(created.body.user).toMatchObject({ username: 'li.shenhe', role: 'street_reviewer', roleLabel: '街道审核人员', disabled: false, hasTotp: true });
      expect(created.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      const secret = created.body.totpSecret as string;
      await t.http().post('/api/v1/admin/users').set(bearer(admin)).send(body).expect(409);
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'li.shenhe', password: body.password, totp: await generate({ secret }) })
        .expect(200);
      const token = login.body.accessToken as string;
      await t.http().get('/api/v1/dashboard').set(bearer(token)).expect(200);
      const audit = await t.http().get('/api/v1/audit-logs').query({ action: 'user.', entityId: created.body.user.id }).set(bearer(auditor)).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['user.create']);
      expect(JSON.stringify(audit.body)).not.toContain(secret);
      expect(JSON.stringify(audit.body)).not.toContain(body.password);
      expect(audit.body.items[0].actorName).toMatch(/^demo-admin/);

      // Disabled: the token stops working at once, signing in is refused, and so is a refresh.
      await t.http().post(`/api/v1/admin/users/${created.body.user.id}/disable`).set(bearer(admin)).expect(200);
      await new Promise((r) => setTimeout(r, 10));
      await t.http().get('/api/v1/dashboard').set(bearer(token)).expect(401);
      const refused = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'li.shenhe', password: body.password, totp: await generate({ secret }) })
        .expect(403);
      expect(refused.body.code).toBe('ACCOUNT_DISABLED');
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
      const listed = await t.http().get('/api/v1/admin/users').query({ status: 'disabled' }).set(bearer(admin)).expect(200);
      expect(listed.body.items.map((u: { username: string }) => u.username)).toContain('li.shenhe');
      await t.http().post(`/api/v1/admin/users/${created.body.user.id}/enable`).set(bearer(admin)).expect(200);

      // New second factor: the old secret stops working.
      const reset = await t.http().post(`/api/v1/admin/users/${created.body.user.id}/reset-totp`).set(bearer(security)).expect(200);
      expect(reset.body.totpSecret).not.toBe(secret);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'li.shenhe', password: body.password, totp: await generate({ secret }) })
        .expect(401);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'li.shenhe', password: body.password, totp: await generate({ secret: reset.body.totpSecret as string }) })
        .expect(200);

      // The admin cannot disable themself.
      const adminMe = await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
      expect((await t.http().post(`/api/v1/admin/users/${adminMe.body.id}/disable`).set(bearer(admin)).expect(409)).body.code).toBe('CANNOT_CHANGE_SELF');
    });

    it('unlocks an account locked by failed sign-ins', async () => {
      const me = await t.http().get('/api/v1/auth/me').set(bearer(street)).expect(200);
      const created = await t
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(admin))
        .send({ username: 'wang.suo', displayName: '王锁定', role: 'grid_worker', regionCode: me.body.regionCode, password: 'Strong#Pass2026' })
        .expect(201);
      for (let i = 0; i < t.config.login.maxFailures; i++)
        await t.http().post('/api/v1/auth/login').send({ username: 'wang.suo', password: 'wrong', totp: '000000' });
      const locked = await t.http().get('/api/v1/admin/users').query({ status: 'locked' }).set(bearer(admin)).expect(200);
      expect(locked.body.items.map((u: { username: string }) => u.username)).toContain('wang.suo');
      const unlocked = await t.http().post(`/api/v1/admin/users/${created.body.user.id}/unlock`).set(bearer(security)).expect(200);
      expect(unlocked.body.locked).toBe(false);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'wang.suo', password: 'Strong#Pass2026', totp: await generate({ secret: created.body.totpSecret as string }) })
        .expect(200);
    });

    it('assigns grid workers (own street only); a worker taken off a grid hands its open tasks over', async () => {
      const place = await workerPlacement(t);
      const grids = await t.http().get('/api/v1/admin/grids').query({ streetCode: place.streetCode }).set(bearer(admin)).expect(200);
      const grid = (grids.body as Array<{ id: string; workers: Array<{ id: string }>; households: number; streetName: string }>).find(
        (g) => g.id === place.gridId,
      )!;
      expect(grid.workers.length).toBeGreaterThanOrEqual(1);
      expect(grid.streetName).toBeTruthy();
      const created = await t
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(admin))
        .send({ username: 'zhao.wangge', displayName: '赵网格', role: 'grid_worker', regionCode: place.streetCode, password: 'Strong#Pass2026' })
        .expect(201);
      const newWorker = created.body.user.id as string;
      const oldWorker = grid.workers[0]!.id;
      const h = await createHouseholdAsStaff(t, place, person('丙测试'));
      const task = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: h.id }).expect(201)).body as Task;
      expect(task.assigneeId).toBe(oldWorker);

      const streetReviewer = (await t.http().get('/api/v1/auth/me').set(bearer(street)).expect(200)).body.id as string;
      await t
        .http()
        .put(`/api/v1/admin/grids/${place.gridId}/workers`)
        .set(bearer(admin))
        .send({ userIds: [streetReviewer] })
        .expect(400);
      const set = await t
        .http()
        .put(`/api/v1/admin/grids/${place.gridId}/workers`)
        .set(bearer(admin))
        .send({ userIds: [newWorker] })
        .expect(200);
      expect(set.body.workers.map((w: { id: string }) => w.id)).toEqual([newWorker]);
      const moved = (await t.http().get(`/api/v1/tasks/${task.id}`).set(bearer(district)).expect(200)).body as Task;
      expect(moved.assigneeId).toBe(newWorker);
      expect(moved.history.at(-1)).toMatchObject({ note: '网格员调整' });
      // The new worker sees the grid at once.
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'zhao.wangge', password: 'Strong#Pass2026', totp: await generate({ secret: created.body.totpSecret as string }) })
        .expect(200);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer(login.body.accessToken as string))
        .expect(200);
      expect(me.body.gridIds).toEqual([place.gridId]);
      // Restore the demo worker.
      await t
        .http()
        .put(`/api/v1/admin/grids/${place.gridId}/workers`)
        .set(bearer(admin))
        .send({ userIds: [oldWorker] })
        .expect(200);
      const audit = await t.http().get('/api/v1/audit-logs').query({ action: 'grid.set_workers' }).set(bearer(auditor)).expect(200);
      expect(audit.body.items[1].detail).toMatchObject({ before: [oldWorker], after: [newWorker] });
      expect(audit.body.items[1].detail.tasksHandedOver).toBeGreaterThanOrEqual(1);
    });

    it('serves the dictionaries read-only to staff', async () => {
      const res = await t.http().get('/api/v1/admin/dictionaries').set(bearer(street)).expect(200);
      const role = (res.body as Array<{ code: string; items: Array<{ value: string; label: string }> }>).find((d) => d.code === 'role')!;
      expect(role.items).toContainEqual({ value: 'grid_worker', label: '网格员' });
      await t
        .http()
        .get('/api/v1/admin/dictionaries')
        .set(bearer(await t.tokenFor('grid_worker')))
        .expect(403);
      await t.http().get('/api/v1/admin/users').set(bearer(street)).expect(403);
    });
  });

  describe('imports and the audit log', () => {
    it('lists imports and pages their row errors', async () => {
      const csv = ['身份证号,结算日期,医疗总费用,个人自付', '123,2026-01-01,100,50', '110105198001010011,not-a-date,100,50'].join('\n');
      const started = await t.http().post('/api/v1/imports/medical_settlement').set(bearer(district)).attach('file', Buffer.from(csv), '医保.csv').expect(202);
      let run = started.body as { id: string; status: string; errorRows: number };
      for (let i = 0; i < 200 && run.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        run = (await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body;
      }
      expect(run.errorRows).toBe(2);
      const list = await t.http().get('/api/v1/imports').set(bearer(district)).expect(200);
      expect(list.body.items[0]).toMatchObject({ id: run.id, fileName: '医保.csv' });
      const errors = await t.http().get(`/api/v1/imports/${run.id}/error-rows`).set(bearer(district)).expect(200);
      expect(errors.body.total).toBeGreaterThanOrEqual(2); // a row may fail on several columns
      expect(errors.body.items[0]).toMatchObject({ rowNumber: 2, column: expect.any(String), reason: expect.any(String) });
      expect(JSON.stringify(errors.body)).not.toContain('110105198001010011');
    });

    it('filters the audit log by actor, action prefix and date, and verifies the hash chain', async () => {
      const adminMe = await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
      const byActor = await t.http().get('/api/v1/audit-logs').query({ actorId: adminMe.body.id, pageSize: 200 }).set(bearer(auditor)).expect(200);
      expect(byActor.body.total).toBeGreaterThan(0);
      expect((byActor.body.items as Array<{ actorId: string }>).every((e) => e.actorId === adminMe.body.id)).toBe(true);
      // The day in China of the newest entry (not today's date: just after China's midnight, 16:00
      // UTC, nothing may have been logged yet today): filtered to that day, the list holds it.
      const newest = (await t.http().get('/api/v1/audit-logs').query({ pageSize: 1 }).set(bearer(auditor)).expect(200)).body.items[0] as {
        id: number;
        at: string;
      };
      const day = new Date(Date.parse(newest.at) + 8 * 3600_000).toISOString().slice(0, 10);
      const ofDay = await t.http().get('/api/v1/audit-logs').query({ from: day, to: day, pageSize: 1 }).set(bearer(auditor)).expect(200);
      expect(ofDay.body.total).toBeGreaterThan(0);
      expect(ofDay.body.items[0].id).toBeGreaterThanOrEqual(newest.id); // newest first, up to the end of that day
      const none = await t.http().get('/api/v1/audit-logs').query({ to: '2000-01-01' }).set(bearer(auditor)).expect(200);
      expect(none.body.total).toBe(0);
      const verify = await t.http().get('/api/v1/audit-logs/verify').set(bearer(auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: true });
      expect(verify.body.checked).toBeGreaterThan(10);
    });
  });
});
