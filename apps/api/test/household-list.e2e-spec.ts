import { bearer, startTestApp, type TestApp } from './harness.js';

type Row = { id: string; riskColour: string | null; updatedAt: string };

/**
 * The household list picks a plan by how common a colour or category is (its own index first when
 * rare, the households newest first when common). LIST_INDEX_FIRST_MAX=0 forces the second plan:
 * both must give the same rows in the same order, and the count is exact once counted.
 */
describe.each([
  ['households newest first', '0'],
  ['colour or category index first', '100000'],
])('household list, plan: %s', (_plan, max) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIST_INDEX_FIRST_MAX: max });
  });
  afterAll(() => t.close());

  async function all(token: string, query: Record<string, string>): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const res = await t
        .http()
        .get('/api/v1/households')
        .query({ pageSize: 10, ...query, ...(cursor ? { cursor } : {}) })
        .set(bearer(token))
        .expect(200);
      rows.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return rows;
  }

  it('a colour filter gives exactly the households of that colour, newest first, with a lower bound then the exact total', async () => {
    const token = await t.tokenFor('district_reviewer');
    // Colours for the demo households that have none: every seventh orange, every third yellow, the rest green.
    const ids = (
      await t.dataSource.query<Array<{ id: string }>>('SELECT id FROM household WHERE id NOT IN (SELECT householdId FROM household_risk) ORDER BY id')
    ).map((r) => r.id);
    for (const [i, id] of ids.entries()) {
      await t.dataSource.query(
        "INSERT INTO household_risk (householdId, score, colour, circle, indicators, monthlyIncome, updatedAt) VALUES (?, 0.5, ?, NULL, '{}', NULL, '2026-12-01T00:00:00.000Z')",
        [id, i % 7 === 0 ? 'orange' : i % 3 === 0 ? 'yellow' : 'green'],
      );
    }
    const stored = await t.dataSource.query<Array<{ colour: string; n: number | string }>>('SELECT colour, COUNT(*) AS n FROM household_risk GROUP BY colour');
    expect(stored.length).toBeGreaterThan(0);
    for (const { colour, n } of stored) {
      const rows = await all(token, { colour });
      expect(rows).toHaveLength(Number(n));
      expect(rows.every((r) => r.riskColour === colour)).toBe(true);
      const keys = rows.map((r) => `${r.updatedAt}|${r.id}`);
      expect([...keys].sort().reverse()).toEqual(keys);
      let first = await t.http().get('/api/v1/households').query({ colour, pageSize: 5 }).set(bearer(token)).expect(200);
      if (Number(n) > 5) {
        expect(first.body.total).toBeLessThanOrEqual(Number(n));
        for (let i = 0; i < 50 && !first.body.totalExact; i++) {
          await new Promise((r) => setTimeout(r, 50));
          first = await t.http().get('/api/v1/households').query({ colour, pageSize: 5 }).set(bearer(token)).expect(200);
        }
      }
      expect(first.body).toMatchObject({ total: Number(n), totalExact: true });
    }
  });

  it('a category filter gives exactly the households currently eligible for that policy', async () => {
    const token = await t.tokenFor('district_reviewer');
    const [top] = await t.dataSource.query<Array<{ policyCode: string; n: number | string }>>(
      "SELECT policyCode, COUNT(*) AS n FROM eligibility_current WHERE outcome = 'eligible' GROUP BY policyCode ORDER BY COUNT(*) DESC, policyCode LIMIT 1",
    );
    expect(top).toBeDefined();
    const expected = (
      await t.dataSource.query<Array<{ householdId: string }>>(
        "SELECT e.householdId FROM eligibility_current e JOIN household h ON h.id = e.householdId WHERE e.policyCode = ? AND e.outcome = 'eligible'",
        [top!.policyCode],
      )
    )
      .map((r) => r.householdId)
      .sort();
    const rows = await all(token, { category: top!.policyCode });
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
  });
});
