import { createHouseholdAsStaff, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

type Listed = { total: number; totalExact?: boolean; items: unknown[] };

/**
 * A console list counts its matches exactly up to LIST_COUNT_CAP (50,000; 3 here) and above that
 * answers with a lower bound, `totalExact: false`, while the exact count runs in the background;
 * a later request gets the exact number. The same for households, tasks, warnings and drill-downs.
 */
describe('list totals above the count cap', () => {
  let t: TestApp;
  let district: string;
  beforeAll(async () => {
    // 200 households: the demo seed's monitoring pass raises warnings too.
    t = await startTestApp({ LIST_COUNT_CAP: '3', DEMO_HOUSEHOLDS: '200' });
    district = await t.tokenFor('district_reviewer');
  });
  afterAll(() => t.close());

  /** The first answer, then the answers until the exact total is in (the background count). */
  async function totals(path: string, query: Record<string, string | number>): Promise<{ first: Listed; exact: Listed }> {
    const get = async (): Promise<Listed> => (await t.http().get(path).query(query).set(bearer(district)).expect(200)).body as Listed;
    const first = await get();
    let exact = first;
    for (let i = 0; i < 100 && exact.totalExact === false; i++) {
      await new Promise((r) => setTimeout(r, 20));
      exact = await get();
    }
    return { first, exact };
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await t.dataSource.query(sql, params)) as Array<{ n: number | string }>)[0]!.n);

  it('tasks: a lower bound first, then the exact number; a page within the cap is exact at once', async () => {
    const place = await workerPlacement(t);
    for (const name of ['甲测试', '乙测试', '丙测试', '丁测试', '戊测试']) {
      const h = await createHouseholdAsStaff(t, place, person(name));
      await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: h.id }).expect(201);
    }
    const n = await count('SELECT COUNT(*) AS n FROM verification_task');
    expect(n).toBeGreaterThanOrEqual(5);
    const { first, exact } = await totals('/api/v1/tasks', { pageSize: 2 });
    expect(first).toMatchObject({ total: 4, totalExact: false });
    expect(first.items).toHaveLength(2);
    expect(exact).toMatchObject({ total: n, totalExact: true });
    // A filter that matches fewer than the cap: exact at once.
    const one = (await t.http().get('/api/v1/tasks').query({ pageSize: 2, status: 'closed' }).set(bearer(district)).expect(200)).body as Listed;
    expect(one).toMatchObject({ total: await count("SELECT COUNT(*) AS n FROM verification_task WHERE status = 'closed'"), totalExact: true });
  });

  it('warnings, households and a drill-down the same way', async () => {
    const warnings = await count('SELECT COUNT(*) AS n FROM warning');
    expect(warnings).toBeGreaterThan(3);
    const w = await totals('/api/v1/warnings', { pageSize: 2 });
    expect(w.first).toMatchObject({ total: 4, totalExact: false });
    expect(w.exact).toMatchObject({ total: warnings, totalExact: true });

    const households = await count('SELECT COUNT(*) AS n FROM household');
    const h = await totals('/api/v1/households', { pageSize: 2 });
    expect(h.first).toMatchObject({ total: 4, totalExact: false });
    expect(h.exact).toMatchObject({ total: households, totalExact: true });

    const runs = (await t.http().get('/api/v1/screenings').set(bearer(district)).expect(200)).body as { items: Array<{ id: string }> };
    const [top] = (await t.dataSource.query(
      "SELECT e.policyCode AS policyCode, COUNT(*) AS n FROM eligibility_current e JOIN household h ON h.id = e.householdId WHERE e.outcome = 'eligible' AND h.status = 'active' GROUP BY e.policyCode ORDER BY COUNT(*) DESC LIMIT 1",
    )) as Array<{ policyCode: string; n: number | string }>;
    expect(Number(top!.n)).toBeGreaterThan(3);
    const d = await totals(`/api/v1/screenings/${runs.items[0]!.id}/households`, { policyCode: top!.policyCode, category: 'eligible', pageSize: 2 });
    expect(d.first).toMatchObject({ total: 4, totalExact: false });
    expect(d.first.items).toHaveLength(2);
    expect(d.exact).toMatchObject({ total: Number(top!.n), totalExact: true });
  });

  it('households: once the exact length is known, numbered pages of the second half (read from the other end) give the same rows as the cursor', async () => {
    const walk = async (query: Record<string, string>): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get('/api/v1/households')
          .query({ pageSize: 7, ...query, ...(cursor ? { cursor } : {}) })
          .set(bearer(district))
          .expect(200);
        ids.push(...(res.body.items as Array<{ id: string }>).map((r) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return ids;
    };
    for (const query of [{}, { status: 'active' }]) {
      const expected = await walk(query);
      expect(expected.length).toBeGreaterThan(14);
      const { exact } = await totals('/api/v1/households', { pageSize: 7, ...query });
      expect(exact.total).toBe(expected.length);
      const byPage: string[] = [];
      const pages = Math.ceil(expected.length / 7);
      for (let page = 1; page <= pages + 1; page++) {
        const res = (
          await t
            .http()
            .get('/api/v1/households')
            .query({ pageSize: 7, page, ...query })
            .set(bearer(district))
            .expect(200)
        ).body as Listed & {
          nextCursor: string | null;
        };
        byPage.push(...(res.items as Array<{ id: string }>).map((r) => r.id));
        expect(res.totalExact).toBe(true);
        // A next page is offered exactly when there is one.
        expect(res.nextCursor !== null).toBe(page < pages);
      }
      expect(byPage).toEqual(expected);
    }
    // A list not counted yet whose first request is a page past the count cap: it is counted first
    // (waited for), then read from the other end; the same rows as the cursor's last ones.
    const [top] = (await t.dataSource.query('SELECT streetCode, COUNT(*) AS n FROM household GROUP BY streetCode ORDER BY COUNT(*) DESC LIMIT 1')) as Array<{
      streetCode: string;
      n: number | string;
    }>;
    const pages = Math.ceil(Number(top!.n) / 7);
    expect(pages).toBeGreaterThan(2);
    const last = (await t.http().get('/api/v1/households').query({ pageSize: 7, page: pages, streetCode: top!.streetCode }).set(bearer(district)).expect(200))
      .body as Listed;
    const all = await walk({ streetCode: top!.streetCode });
    expect(all).toHaveLength(Number(top!.n));
    expect((last.items as Array<{ id: string }>).map((r) => r.id)).toEqual(all.slice((pages - 1) * 7));
    // A page past the end: empty, with the exact total; a page number beyond the largest allowed: 400.
    const beyond = (
      await t.http().get('/api/v1/households').query({ pageSize: 7, page: 100000, streetCode: top!.streetCode }).set(bearer(district)).expect(200)
    ).body as Listed;
    expect(beyond).toMatchObject({ items: [], total: Number(top!.n), totalExact: true });
    const refused = await t.http().get('/api/v1/households').query({ pageSize: 7, page: 100001 }).set(bearer(district)).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
  });
});
