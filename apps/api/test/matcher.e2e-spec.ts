import { person, workerPlacement, giveConsent, type Placement } from './fixtures.js';
import { bearer, keepChinaDay, startTestApp, type TestApp } from './harness.js';

interface Result {
  policyCode: string;
  policyVersion?: number;
  outcome: string;
  missingFacts: string[];
  summary: string;
  explanation: { label: string; children?: unknown[] };
  benefit?: { amount: number };
}

/** The matcher through the API: eligibility with explanations, re-match, preview, publish, screening. */
describe('matcher', () => {
  let t: TestApp;
  let place: Placement;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '150' });
    // Screenings take ages and periods on the API's day in China: "nothing changed" between two runs
    // holds only if China's midnight (16:00 UTC) does not pass between them (a birthday, a month).
    keepChinaDay(t);
    place = await workerPlacement(t);
  });
  afterAll(() => t.close());

  /** A poor elderly person living alone: the classic 低保 / 特困 case. */
  async function createPoorHousehold(monthlyIncome: number): Promise<{ id: string; version: number }> {
    const token = await t.tokenFor('district_reviewer');
    const head = person('孙孤老', 1948);
    const consentId = await giveConsent(t, token, head);
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(token))
      .send({
        consentId,
        address: '温江区柳城街道测试社区 8 号',
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
        incomes: [{ type: 'pension', monthlyAmount: monthlyIncome }],
        assets: [
          { type: 'deposit', value: 2000 },
          { type: 'home', area: 40 },
        ],
        expenses: [],
        hardships: [],
        benefits: [],
      })
      .expect(201);
    return { id: res.body.household.id as string, version: res.body.household.version as number };
  }

  it('explains every published policy for a household in scope, and hides it out of scope', async () => {
    const hh = await createPoorHousehold(200);
    const street = await t.tokenFor('street_reviewer');
    const res = await t.http().get(`/api/v1/households/${hh.id}/eligibility`).set(bearer(street)).expect(200);
    const results = res.body.results as Result[];
    expect(results.length).toBeGreaterThanOrEqual(60);
    const dibao = results.find((r) => r.policyCode === 'dibao')!;
    expect(dibao.outcome).toBe('eligible');
    expect(dibao.summary).toMatch(/[\u4e00-\u9fa5]/);
    expect(dibao.explanation.children?.length).toBeGreaterThan(0);
    expect(dibao.benefit?.amount).toBeGreaterThan(0);
    expect(dibao.policyVersion).toBe(1);
    const resident = await t.tokenFor('resident');
    await t.http().get(`/api/v1/households/${hh.id}/eligibility`).set(bearer(resident)).expect(404);
  });

  it('re-matches one household at once when it changes', async () => {
    const hh = await createPoorHousehold(100);
    const stored = async (): Promise<string[]> =>
      (await t.dataSource.query('SELECT policyCode FROM eligibility_current WHERE householdId = ? AND outcome = ?', [hh.id, 'eligible'])).map(
        (r: { policyCode: string }) => r.policyCode,
      );
    expect(await stored()).toContain('dibao');
    const district = await t.tokenFor('district_reviewer');
    await t
      .http()
      .patch(`/api/v1/households/${hh.id}`)
      .set(bearer(district))
      .send({ version: hh.version, incomes: [{ type: 'pension', monthlyAmount: 6000 }] })
      .expect(200);
    expect(await stored()).not.toContain('dibao');
    const res = await t.http().get(`/api/v1/households/${hh.id}/eligibility`).set(bearer(district)).expect(200);
    expect((res.body.results as Result[]).find((r) => r.policyCode === 'dibao')!.outcome).toBe('ineligible');
  });

  it('shows the policy library to anyone, drafts only to staff', async () => {
    const list = await t.http().get('/api/v1/policies').expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(60);
    const pub = await t.http().get('/api/v1/policies/dibao').expect(200);
    expect(pub.body.versions).toEqual([]);
    expect(pub.body.definition.rule.label).toMatch(/[\u4e00-\u9fa5]/);
    const staff = await t
      .http()
      .get('/api/v1/policies/dibao')
      .set(bearer(await t.tokenFor('district_reviewer')))
      .expect(200);
    expect(staff.body.references.length).toBeGreaterThanOrEqual(3);
    expect(staff.body.references.every((r: { ok: boolean }) => r.ok)).toBe(true);
  });

  it('previews a draft rule: who would newly qualify or stop qualifying, by street', async () => {
    const district = await t.tokenFor('district_reviewer');
    const detail = await t.http().get('/api/v1/policies/dibao').set(bearer(district)).expect(200);
    const rule = detail.body.definition.rule;
    const same = await t.http().post('/api/v1/policies/dibao/preview').set(bearer(district)).send({ rule }).expect(200);
    expect(same.body).toMatchObject({ newlyEligible: 0, noLongerEligible: 0 });
    expect(same.body.households).toBeGreaterThan(100);
    const wider = {
      label: '放宽：家庭人均收入低于 3 倍低保标准',
      all: [{ id: 'wide_income', label: '家庭人均月收入低于 3 倍低保标准', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standard', times: 3 } }],
    };
    const res = await t.http().post('/api/v1/policies/dibao/preview').set(bearer(district)).send({ rule: wider }).expect(200);
    expect(res.body.newlyEligible).toBeGreaterThan(0);
    expect(res.body.byStreet.length).toBeGreaterThan(0);
    expect(res.body.byStreet[0].streetName).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.body.sample.length).toBeGreaterThan(0);
    const worker = await t.tokenFor('grid_worker');
    await t.http().post('/api/v1/policies/dibao/preview').set(bearer(worker)).send({ rule: wider }).expect(403);
    const bad = await t
      .http()
      .post('/api/v1/policies/dibao/preview')
      .set(bearer(district))
      .send({ rule: { label: '错', fact: 'noSuchFact', op: 'lt', value: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_RULE');
  });

  it('refuses to publish while a reference household fails; publishes a sound edit as a new version', async () => {
    const district = await t.tokenFor('district_reviewer');
    const detail = await t.http().get('/api/v1/policies/dibao').set(bearer(district)).expect(200);
    const definition = detail.body.definition;
    const broken = {
      ...definition,
      rule: { label: '错误规则：要求家庭人数超过 100 人', all: [{ id: 'size', label: '家庭人数超过 100 人', fact: 'householdSize', op: 'gt', value: 100 }] },
    };
    const draft = await t.http().put('/api/v1/policies/dibao/draft').set(bearer(district)).send({ definition: broken, changeNote: '测试' }).expect(200);
    expect(draft.body.latestVersion).toBe(2);
    expect(draft.body.publishedVersion).toBe(1);
    const refused = await t.http().post('/api/v1/policies/dibao/publish').set(bearer(district)).send({ version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('REFERENCES_FAILING');
    expect(refused.body.details.length).toBeGreaterThan(0);
    const sound = { ...definition, name: `${definition.name as string}`, benefit: `${definition.benefit as string}（已更新说明）` };
    await t.http().put('/api/v1/policies/dibao/draft').set(bearer(district)).send({ definition: sound }).expect(200);
    const street = await t.tokenFor('street_reviewer');
    await t.http().post('/api/v1/policies/dibao/publish').set(bearer(street)).send({ version: 2 }).expect(403);
    const published = await t.http().post('/api/v1/policies/dibao/publish').set(bearer(district)).send({ version: 2 }).expect(200);
    expect(published.body.publishedVersion).toBe(2);
    expect(published.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const hh = await createPoorHousehold(150);
    const res = await t.http().get(`/api/v1/households/${hh.id}/eligibility`).set(bearer(district)).expect(200);
    expect((res.body.results as Result[]).find((r) => r.policyCode === 'dibao')!.policyVersion).toBe(2);
  });

  it('runs a population screening in the background to completion, with counts and drill-down', async () => {
    const admin = await t.tokenFor('district_reviewer');
    const started = await t.http().post('/api/v1/screenings').set(bearer(admin)).expect(201);
    expect(started.body.status).toBe('running');
    let run = started.body;
    const progress: number[] = [];
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.http().get(`/api/v1/screenings/${started.body.id}`).set(bearer(admin)).expect(200)).body;
      progress.push(run.progress);
    }
    expect({ status: run.status, error: run.error }).toEqual({ status: 'completed', error: null });
    expect(run.progress).toBe(100);
    expect(run.processed).toBeGreaterThan(100);
    const dibao = run.policies.find((p: { policyCode: string }) => p.policyCode === 'dibao');
    expect(dibao.version).toBe(2);
    expect(dibao.eligible).toBeGreaterThan(0);
    const hits = await t.http().get(`/api/v1/screenings/${run.id}/hits`).query({ policyCode: 'dibao', category: 'unknown' }).set(bearer(admin)).expect(200);
    expect(hits.body).toMatchObject({ page: 1, pageSize: 20 });
    const again = await t.http().post(`/api/v1/screenings/${run.id}/cancel`).set(bearer(admin));
    expect(again.status).toBe(409);
    const street = await t.tokenFor('street_reviewer');
    await t.http().post('/api/v1/screenings').set(bearer(street)).expect(403);
  });

  it('a second screening reports nobody as newly eligible when nothing changed', async () => {
    const admin = await t.tokenFor('district_reviewer');
    const started = await t.http().post('/api/v1/screenings').set(bearer(admin)).expect(201);
    let run = started.body;
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.http().get(`/api/v1/screenings/${started.body.id}`).set(bearer(admin)).expect(200)).body;
    }
    expect(run.status).toBe('completed');
    const newly = run.policies.reduce((n: number, p: { newlyEligible: number }) => n + p.newlyEligible, 0);
    expect(newly).toBe(0);
  });
});
