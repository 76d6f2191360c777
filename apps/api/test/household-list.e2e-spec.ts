import { AddressGrams1764990000000 } from '../src/database/migrations/1764990000000-address-grams.js';
import { addressGrams } from '../src/households/address-grams.js';
import { householdBody, person, workerPlacement, giveConsent } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

type Row = { id: string; riskColour: string | null; updatedAt: string; address: string };

/**
 * The household list picks a plan by how common a colour, category or address bigram is (its own
 * index first when rare, the households newest first when common). LIST_INDEX_FIRST_MAX=0 forces the
 * second plan; with LIST_LEAD_PER_ROW=2 as well, page 1 walks and deeper numbered pages lead. Every
 * plan must give the same rows in the same order, and the count is exact once counted.
 */
describe.each([
  ['households newest first', '0', '0'],
  ['colour or category index first', '100000', '6'],
  ['index first for deeper numbered pages only', '0', '2'],
])('household list, plan: %s', (_plan, max, perRow) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIST_INDEX_FIRST_MAX: max, LIST_LEAD_PER_ROW: perRow });
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
      // Numbered pages (an OFFSET, possibly another plan at depth) give the same rows as the cursor.
      const byPage: Row[] = [];
      for (let page = 1; (page - 1) * 5 < rows.length; page++) {
        byPage.push(...((await t.http().get('/api/v1/households').query({ colour, pageSize: 5, page }).set(bearer(token)).expect(200)).body.items as Row[]));
      }
      expect(byPage.map((r) => r.id)).toEqual(rows.map((r) => r.id));
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

  /** The first answer may be a lower bound; within a few seconds it is the exact total. */
  async function exactTotal(token: string, query: Record<string, string>): Promise<{ total: number; totalExact: boolean }> {
    let res = await t
      .http()
      .get('/api/v1/households')
      .query({ pageSize: 5, ...query })
      .set(bearer(token))
      .expect(200);
    for (let i = 0; i < 50 && !res.body.totalExact; i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await t
        .http()
        .get('/api/v1/households')
        .query({ pageSize: 5, ...query })
        .set(bearer(token))
        .expect(200);
    }
    return { total: res.body.total, totalExact: res.body.totalExact };
  }

  it('"address contains" gives exactly the households whose address holds the text, for rare, common, one-character and absent texts', async () => {
    const token = await t.tokenFor('district_reviewer');
    const stored = await t.dataSource.query<Array<{ id: string; address: string }>>('SELECT id, address FROM household');
    const some = stored[Math.floor(stored.length / 2)]!.address;
    const chars = Array.from(some);
    const queries = [
      chars.slice(-6).join(''), // the end of one address: a street number, rare
      chars.slice(-3, -1).join(''), // two characters
      chars.slice(0, 5).join(''), // the province and city every address starts with
      chars[chars.length - 2]!, // one character: no bigram, found by walking
      '不存在的地址',
      `${chars.slice(-4, -2).join('')}%_`, // LIKE's wildcards are taken out, not obeyed
    ];
    for (const q of queries) {
      const text = q.replace(/[%_]/g, '');
      const expected = stored.filter((h) => h.address.includes(text)).map((h) => h.id);
      const rows = await all(token, { address: q });
      expect({ q, ids: rows.map((r) => r.id).sort() }).toEqual({ q, ids: [...expected].sort() });
      const keys = rows.map((r) => `${r.updatedAt}|${r.id}`);
      expect([...keys].sort().reverse()).toEqual(keys);
      // Numbered pages (an OFFSET, possibly another plan at depth) give the same rows as the cursor.
      const byPage: Row[] = [];
      for (let page = 1; (page - 1) * 5 < rows.length; page++) {
        byPage.push(
          ...((await t.http().get('/api/v1/households').query({ address: q, pageSize: 5, page }).set(bearer(token)).expect(200)).body.items as Row[]),
        );
      }
      expect(byPage.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      expect(await exactTotal(token, { address: q })).toEqual({ total: expected.length, totalExact: true });
    }
  });

  it("the address index's migration indexes the households already stored, every bigram of every address", async () => {
    const migration = new AddressGrams1764990000000(7); // pages of 7: the paging is exercised too
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const stored = await t.dataSource.query<Array<{ id: string; address: string }>>('SELECT id, address FROM household');
    expect(stored.length).toBeGreaterThan(14);
    const grams = await t.dataSource.query<Array<{ gram: string; householdId: string }>>('SELECT gram, householdId FROM household_address_gram');
    const key = (g: { gram: string; householdId: string }): string => `${g.householdId}|${g.gram}`;
    expect(grams.map(key).sort()).toEqual(stored.flatMap((h) => addressGrams(h.address).map((gram) => key({ gram, householdId: h.id }))).sort());
  });

  it('an address written again is found by its new text, not its old', async () => {
    const token = await t.tokenFor('district_reviewer');
    const [h] = await t.dataSource.query<Array<{ id: string; version: number | string; address: string }>>(
      'SELECT id, version, address FROM household WHERE status = ? ORDER BY id LIMIT 1',
      ['active'],
    );
    const renamed = `${Array.from(h!.address).slice(0, 9).join('')}鹭鸶巷 77 号`;
    await t
      .http()
      .patch(`/api/v1/households/${h!.id}`)
      .set(bearer(token))
      .send({ version: Number(h!.version), address: renamed })
      .expect(200);
    expect((await all(token, { address: '鹭鸶巷 77' })).map((r) => r.id)).toEqual([h!.id]);
    // Typed with an IME's full-width digits: the same address, on either database.
    expect((await all(token, { address: '鹭鸶巷　７７' })).map((r) => r.id)).toEqual([h!.id]);
    const oldEnd = Array.from(h!.address).slice(-6).join('');
    const stillOld = (await t.dataSource.query<Array<{ id: string }>>('SELECT id FROM household WHERE address LIKE ?', [`%${oldEnd}%`]))
      .map((r) => r.id)
      .sort();
    expect((await all(token, { address: oldEnd })).map((r) => r.id).sort()).toEqual(stillOld);
    expect(stillOld).not.toContain(h!.id);
    const grams = await t.dataSource.query<Array<{ gram: string }>>('SELECT gram FROM household_address_gram WHERE householdId = ?', [h!.id]);
    expect(grams.map((g) => g.gram).sort()).toEqual(addressGrams(renamed).sort());
  });

  it('a colour and a category together: households that have both', async () => {
    const token = await t.tokenFor('district_reviewer');
    const [top] = await t.dataSource.query<Array<{ policyCode: string }>>(
      "SELECT policyCode FROM eligibility_current WHERE outcome = 'eligible' GROUP BY policyCode ORDER BY COUNT(*) DESC, policyCode LIMIT 1",
    );
    const [colour] = await t.dataSource.query<Array<{ colour: string }>>('SELECT colour FROM household_risk GROUP BY colour ORDER BY COUNT(*) DESC LIMIT 1');
    expect(top && colour).toBeTruthy();
    const expected = (
      await t.dataSource.query<Array<{ id: string }>>(
        "SELECT h.id FROM household h JOIN household_risk r ON r.householdId = h.id JOIN eligibility_current e ON e.householdId = h.id WHERE r.colour = ? AND e.policyCode = ? AND e.outcome = 'eligible'",
        [colour!.colour, top!.policyCode],
      )
    )
      .map((r) => r.id)
      .sort();
    const rows = await all(token, { colour: colour!.colour, category: top!.policyCode });
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
  });
});

describe('the address index when consent is withdrawn with WITHDRAWAL_RETENTION=erase', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WITHDRAWAL_RETENTION: 'erase' });
  });
  afterAll(() => t.close());

  it('keeps nothing of the erased address: the household is no longer found by it', async () => {
    const staff = await t.tokenFor('district_reviewer');
    const place = await workerPlacement(t);
    const head = person('韩素梅');
    const consentId = await giveConsent(t, staff, head);
    const body = householdBody(consentId, place, head);
    const address = `${body.address}白鹭湾 9 号`;
    const id = (
      await t
        .http()
        .post('/api/v1/households')
        .set(bearer(staff))
        .send({ ...body, address })
        .expect(201)
    ).body.household.id as string;
    const find = async (q: string): Promise<string[]> =>
      (await t.http().get('/api/v1/households').query({ address: q, pageSize: 100 }).set(bearer(staff)).expect(200)).body.items.map((r: Row) => r.id);
    expect(await find('白鹭湾 9')).toEqual([id]);
    await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(staff)).send({ reason: '本人当面提出撤回' }).expect(200);
    expect(await find('白鹭湾 9')).toEqual([]);
    const grams = await t.dataSource.query<Array<{ gram: string }>>('SELECT gram FROM household_address_gram WHERE householdId = ?', [id]);
    expect(grams.map((g) => g.gram).sort()).toEqual(addressGrams('（已删除）').sort());
  });
});
