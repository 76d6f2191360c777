import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { Clock } from '../src/common/time.js';
import { ParametersService } from '../src/parameters/parameters.service.js';
import { ScreeningRunEntity } from '../src/screenings/screening.entity.js';
import { giveConsent, person, workerPlacement, type Placement } from './fixtures.js';
import { bearer, keepChinaDay, startTestApp, type TestApp } from './harness.js';

interface Change {
  id: string;
  status: string;
  statusLabel: string;
  canDecide: boolean;
  previousValue: number | null;
  proposedByName: string;
  decidedByName: string | null;
  appliedAt: string | null;
}
interface Row {
  region: string;
  effectiveFrom: string;
  effectiveTo?: string;
  value: number;
  source?: string;
}

const DAY = 86_400_000;
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Issue 15: parameters (低保标准 …) changed by effective date, under four eyes, re-matched on the date. */
describe('parameters by effective date', () => {
  let t: TestApp;
  let district: string;
  let district2: string;
  let street: string;
  let auditor: string;
  let place: Placement;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '30', DEMO_ACTIVITY: 'false' });
    [district, street, auditor] = await Promise.all((['district_reviewer', 'street_reviewer', 'audit_admin'] as const).map((r) => t.tokenFor(r)));
    const admin = await t.tokenFor('admin');
    const password = 'Strong#Pass2026';
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({ username: 'wang.qu', displayName: '王区审', role: 'district_reviewer', regionCode: t.config.districtCode, password })
      .expect(201);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'wang.qu', password, totp: await generate({ secret: created.body.totpSecret as string }) })
      .expect(200);
    district2 = login.body.accessToken as string;
    place = await workerPlacement(t);
    // The API's day in China stays the one read here while the file runs (else, past China's midnight,
    // a change for "today" is refused as past and one for "tomorrow" is due at once).
    keepChinaDay(t);
    today = t.app.get(Clock).today();
  });
  afterAll(() => t.close());

  const rowsOf = async (name: string): Promise<Row[]> => {
    const table = (await t.http().get('/api/v1/policy-parameters').set(bearer(district)).expect(200)).body as Array<{ name: string; values: Row[] }>;
    return table.find((p) => p.name === name)!.values;
  };
  const propose = (token: string, body: Record<string, unknown>) => t.http().post('/api/v1/parameters/changes').set(bearer(token)).send(body);

  /** One retired person living alone on a pension just above the 低保 standard in force (920). */
  async function marginHousehold(pension: number): Promise<string> {
    const head = person('边缘甲', 1950);
    const consentId = await giveConsent(t, district, head);
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(district))
      .send({
        consentId,
        address: '温江区柳城街道测试社区 9 号',
        communityCode: place.communityCode,
        gridId: place.gridId,
        members: [
          {
            relation: 'head',
            name: head.name,
            idNumber: head.idNumber,
            employment: 'retired',
            labourCapacity: 'none',
            education: 'primary',
            health: { chronicIllness: true, seriousIllness: false },
            disability: null,
            selfCare: { eating: false, dressing: false, gettingUp: false, toileting: false, walkingIndoors: false, bathing: false },
            coResident: true,
          },
        ],
        incomes: [{ type: 'pension', monthlyAmount: pension }],
        assets: [
          { type: 'deposit', value: 2000 },
          { type: 'home', area: 40 },
        ],
        expenses: [],
        hardships: [],
        benefits: [],
      })
      .expect(201);
    return res.body.household.id as string;
  }

  const storedDibao = async (householdId: string): Promise<string> => {
    const rows = await t.dataSource.query<Array<{ outcome: string }>>(
      "SELECT outcome FROM eligibility_current WHERE householdId = ? AND policyCode = 'dibao'",
      [householdId],
    );
    return rows[0]?.outcome ?? 'ineligible';
  };
  const liveDibao = async (householdId: string): Promise<string> => {
    const res = await t.http().get(`/api/v1/households/${householdId}/eligibility`).set(bearer(district)).expect(200);
    return (res.body.results as Array<{ policyCode: string; outcome: string }>).find((r) => r.policyCode === 'dibao')!.outcome;
  };
  /** Screenings started by the system (the demo seed's first one included), oldest first. */
  const systemScreenings = async (): Promise<Array<{ id: string; status: string }>> =>
    t.dataSource.query("SELECT id, status FROM screening_run WHERE startedBy = 'system' ORDER BY startedAt");

  it('shows each parameter with its value in force for the district; street staff read but cannot propose or decide', async () => {
    const overview = await t.http().get('/api/v1/parameters').set(bearer(street)).expect(200);
    expect(overview.body).toMatchObject({ districtCode: t.config.districtCode, asOf: today, canPropose: false, regions: ['5101', t.config.districtCode] });
    const dibao = (overview.body.items as Array<Record<string, unknown>>).find((i) => i.name === 'dibao_standard');
    expect(dibao).toMatchObject({ label: '城乡低保标准', unit: '元/人/月', currentValue: 920, region: '5101', effectiveFrom: '2024-07-01', next: null });
    expect((await t.http().get('/api/v1/parameters').set(bearer(district)).expect(200)).body.canPropose).toBe(true);

    const body = { name: 'dibao_standard', region: '5101', effectiveFrom: addDays(today, 1), value: 1000, basis: '成公告〔2026〕1号' };
    const refused = await propose(street, body);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    await t
      .http()
      .get('/api/v1/parameters')
      .set(bearer(await t.tokenFor('resident')))
      .expect(403);
    const change = (await propose(district, { ...body, region: t.config.districtCode, effectiveFrom: addDays(today, 40) }).expect(201)).body as Change;
    await t.http().post(`/api/v1/parameters/changes/${change.id}/approve`).set(bearer(street)).send({}).expect(403);
    await t.http().post(`/api/v1/parameters/changes/${change.id}/reject`).set(bearer(street)).send({ note: '不同意' }).expect(403);
    await t.http().post(`/api/v1/parameters/changes/${change.id}/reject`).set(bearer(district2)).send({ note: '撤回重报' }).expect(200);
  });

  it('refuses values, dates and regions out of bounds, and a second change for the same day', async () => {
    const ok = { name: 'dibao_standard', region: '5101', effectiveFrom: addDays(today, 10), value: 950, basis: '测试依据' };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...ok, value: -1 }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, value: 'abc' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, value: 99_999 }, 400, 'PARAMETER_VALUE_OUT_OF_RANGE'],
      [{ ...ok, name: 'employment_cost_deduction_share', value: 1.5 }, 400, 'PARAMETER_VALUE_OUT_OF_RANGE'],
      [{ ...ok, effectiveFrom: addDays(today, -1) }, 400, 'PARAMETER_DATE_INVALID'],
      [{ ...ok, effectiveFrom: '2031-02-30' }, 400, 'PARAMETER_DATE_INVALID'],
      [{ ...ok, region: '5102' }, 400, 'UNKNOWN_REGION'],
      [{ ...ok, region: '510116' }, 400, 'UNKNOWN_REGION'],
      [{ ...ok, region: '510115001' }, 400, 'UNKNOWN_REGION'],
      [{ ...ok, region: '51' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, name: 'no_such_parameter' }, 400, 'PARAMETER_UNKNOWN'],
      [{ ...ok, basis: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, effectiveFrom: '2024-07-01' }, 400, 'PARAMETER_DATE_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await propose(district, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    const first = (await propose(district, ok).expect(201)).body as Change;
    const again = await propose(district2, ok);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PARAMETER_CHANGE_EXISTS' });
    await t.http().post(`/api/v1/parameters/changes/${first.id}/reject`).set(bearer(district2)).send({ note: '日期有误' }).expect(200);
  });

  it('a rejection needs a reason and leaves the parameter table as it was; the proposer cannot decide their own', async () => {
    const before = await rowsOf('deposit_limit_months');
    const change = (
      await propose(district, {
        name: 'deposit_limit_months',
        region: t.config.districtCode,
        effectiveFrom: addDays(today, 5),
        value: 30,
        basis: '温民发〔2026〕7号',
      }).expect(201)
    ).body as Change;
    expect(change).toMatchObject({ status: 'pending', statusLabel: '待审批', canDecide: false, previousValue: 24, proposedByName: expect.any(String) });
    const own = await t.http().post(`/api/v1/parameters/changes/${change.id}/reject`).set(bearer(district)).send({ note: '自己驳回' });
    expect({ status: own.status, code: own.body.code, message: own.body.message }).toEqual({
      status: 403,
      code: 'PARAMETER_SELF_APPROVAL',
      message: '不能审批本人提出的参数调整，须由区级其他工作人员审批',
    });
    const listed = (await t.http().get('/api/v1/parameters/changes').query({ status: 'pending' }).set(bearer(district2)).expect(200)).body as Change[];
    expect(listed.find((c) => c.id === change.id)?.canDecide).toBe(true);
    expect((await t.http().post(`/api/v1/parameters/changes/${change.id}/reject`).set(bearer(district2)).send({ note: ' ' }).expect(400)).body.code).toBe(
      'REASON_REQUIRED',
    );
    const rejected = (
      await t.http().post(`/api/v1/parameters/changes/${change.id}/reject`).set(bearer(district2)).send({ note: '依据文件尚未印发' }).expect(200)
    ).body as Change;
    expect(rejected).toMatchObject({ status: 'rejected', statusLabel: '已驳回', decidedByName: '王区审', canDecide: false });
    expect(await rowsOf('deposit_limit_months')).toEqual(before);
    const late = await t.http().post(`/api/v1/parameters/changes/${change.id}/approve`).set(bearer(district2)).send({});
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'INVALID_STATE' });
  });

  it('an approved change for tomorrow closes the old row, leaves today alone, and re-matches the district once on the day', async () => {
    const margin = await marginHousehold(960);
    expect(await storedDibao(margin)).toBe('ineligible');
    const tomorrow = addDays(today, 1);
    const change = (
      await propose(district, {
        name: 'dibao_standard',
        region: '5101',
        effectiveFrom: tomorrow,
        value: 1000,
        basis: '成民规〔2026〕3号 关于调整城乡低保标准的通知',
      }).expect(201)
    ).body as Change;
    expect(change.previousValue).toBe(920);
    const own = await t.http().post(`/api/v1/parameters/changes/${change.id}/approve`).set(bearer(district)).send({});
    expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'PARAMETER_SELF_APPROVAL' });
    expect((await rowsOf('dibao_standard')).some((r) => r.effectiveFrom === tomorrow)).toBe(false);

    const approved = (await t.http().post(`/api/v1/parameters/changes/${change.id}/approve`).set(bearer(district2)).send({ note: '同意' }).expect(200))
      .body as Change;
    expect(approved).toMatchObject({ status: 'approved', statusLabel: '已批准', appliedAt: null, decidedByName: '王区审' });
    const rows = (await rowsOf('dibao_standard')).filter((r) => r.region === '5101');
    expect(rows.map(({ effectiveFrom, effectiveTo, value }) => ({ effectiveFrom, effectiveTo, value }))).toEqual([
      { effectiveFrom: '2022-07-01', effectiveTo: '2024-07-01', value: 870 },
      { effectiveFrom: '2024-07-01', effectiveTo: tomorrow, value: 920 },
      { effectiveFrom: tomorrow, effectiveTo: undefined, value: 1000 },
    ]);
    expect(rows.at(-1)!.source).toMatch(/成民规〔2026〕3号/);
    const overview = (await t.http().get('/api/v1/parameters').set(bearer(street)).expect(200)).body as { items: Array<Record<string, unknown>> };
    expect(overview.items.find((i) => i.name === 'dibao_standard')).toMatchObject({
      currentValue: 920,
      next: { region: '5101', effectiveFrom: tomorrow, value: 1000 },
    });

    // Today nothing changes: the check finds nothing due, the household stays above the standard.
    const service = t.app.get(ParametersService);
    expect(await service.applyDue()).toBe(0);
    expect(await liveDibao(margin)).toBe('ineligible');
    expect(await storedDibao(margin)).toBe('ineligible');
    const screeningsBefore = (await systemScreenings()).length;

    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(realNow().getTime() + DAY);
    try {
      // Two checks at once (two processes' timers): one claims the change and starts one screening.
      const started = await Promise.all([service.applyDue(), service.applyDue()]);
      expect(started.sort()).toEqual([0, 1]);
      expect(await service.applyDue()).toBe(0);
      const runs = (await systemScreenings()).slice(screeningsBefore);
      expect(runs).toHaveLength(1);
      let run = { status: 'running', error: null as string | null };
      for (let i = 0; i < 400 && run.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        run = (await t.http().get(`/api/v1/screenings/${runs[0]!.id}`).set(bearer(district)).expect(200)).body;
      }
      expect(run).toMatchObject({ status: 'completed', error: null });
      expect(await storedDibao(margin)).toBe('eligible');
      expect(await liveDibao(margin)).toBe('eligible');
      const applied = (await t.http().get('/api/v1/parameters/changes').query({ name: 'dibao_standard', status: 'approved' }).set(bearer(district)).expect(200))
        .body as Change[];
      expect(applied.find((c) => c.id === change.id)?.appliedAt).toEqual(expect.any(String));
    } finally {
      clock.now = realNow;
    }

    const log = await t.http().get('/api/v1/audit-logs').query({ action: 'parameter.', pageSize: 100 }).set(bearer(auditor)).expect(200);
    const actions = (log.body.items as Array<{ action: string; entityId: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['parameter.propose', 'parameter.approve', 'parameter.reject', 'parameter.rematch']));
    expect((log.body.items as Array<{ action: string; entityId: string }>).filter((e) => e.action === 'parameter.rematch')).toHaveLength(1);
    expect((log.body.items as Array<{ action: string; entityId: string }>).some((e) => e.action === 'parameter.approve' && e.entityId === change.id)).toBe(
      true,
    );
  });

  it('a change approved for today re-matches at once, or at the next check while another screening runs', async () => {
    const service = t.app.get(ParametersService);
    const change = (
      await propose(district, {
        name: 'deposit_limit_months',
        region: t.config.districtCode,
        effectiveFrom: today,
        value: 36,
        basis: '温民发〔2026〕9号',
      }).expect(201)
    ).body as Change;
    const before = (await systemScreenings()).length;
    // Another screening of the district is under way: the change waits for the next check.
    const busy = {
      id: randomUUID(),
      status: 'running' as const,
      districtCode: t.config.districtCode,
      asOf: today,
      total: 0,
      processed: 0,
      summary: '[]',
      startedBy: 'test',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
    await t.dataSource.getRepository(ScreeningRunEntity).insert(busy);
    const waiting = (await t.http().post(`/api/v1/parameters/changes/${change.id}/approve`).set(bearer(district2)).send({}).expect(200)).body as Change;
    expect(waiting).toMatchObject({ status: 'approved', appliedAt: null });
    expect(await service.applyDue()).toBe(0);
    await t.dataSource.getRepository(ScreeningRunEntity).delete({ id: busy.id });
    expect(await service.applyDue()).toBe(1);
    expect(await service.applyDue()).toBe(0);
    const listed = (await t.http().get('/api/v1/parameters/changes').query({ status: 'approved' }).set(bearer(district)).expect(200)).body as Change[];
    expect(listed.find((c) => c.id === change.id)?.appliedAt).toEqual(expect.any(String));
    expect(await systemScreenings()).toHaveLength(before + 1);

    // Approved for today once nothing runs: screened at once (after the one just started has finished).
    const [latest] = (await systemScreenings()).slice(-1);
    let run = { status: 'running' };
    for (let i = 0; i < 400 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.http().get(`/api/v1/screenings/${latest!.id}`).set(bearer(district)).expect(200)).body;
    }
    const another = (
      await propose(district, {
        name: 'employment_cost_deduction_months',
        region: t.config.districtCode,
        effectiveFrom: today,
        value: 9,
        basis: '温民发〔2026〕10号',
      }).expect(201)
    ).body as Change;
    const approved = (await t.http().post(`/api/v1/parameters/changes/${another.id}/approve`).set(bearer(district2)).send({}).expect(200)).body as Change;
    expect(approved.appliedAt).toEqual(expect.any(String));
    expect(await systemScreenings()).toHaveLength(before + 2);
    const own = (await rowsOf('deposit_limit_months')).filter((r) => r.region === t.config.districtCode);
    expect(own).toEqual([expect.objectContaining({ effectiveFrom: today, value: 36 })]);
    expect(own[0]!.effectiveTo).toBeUndefined();
  });
});
