/**
 * Issue 12 "Facts the rules miss", end to end through the API as a caseworker would build the households:
 * legal supporters, person-level 特困 tests, declared events in the monitoring loop, and visit findings as a
 * patch shown to the reviewer as a field-level diff.
 */
import type { TestApp } from './harness.js';
import { bearer, startTestApp } from './harness.js';
import { freshIdNumber, giveConsent, person, workerPlacement, type Placement, type PersonFixture, chinaDay } from './fixtures.js';

const day = chinaDay;
const YEAR = Number(day(0).slice(0, 4));

interface Result {
  policyCode: string;
  outcome: string;
  summary: string;
  missingFacts: string[];
}
interface Warning {
  householdId: string;
  ruleCode: string;
  source: string;
  evidence: Record<string, unknown>;
  taskId: string | null;
}

describe('facts the rules miss (issue 12)', () => {
  let t: TestApp;
  let place: Placement;
  let district: string;

  beforeAll(async () => {
    t = await startTestApp();
    place = await workerPlacement(t);
    district = await t.tokenFor('district_reviewer');
  });
  afterAll(() => t.close());

  /** An old man living alone with no income, no labour capacity, no assets: everything but supporters collected. */
  function oldManBody(consentId: string, head: PersonFixture, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      consentId,
      address: '四川省成都市温江区测试路 12 号',
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
          health: { chronicIllness: false, seriousIllness: false },
          disability: null,
          coResident: true,
          selfCare: { eating: false, dressing: false, gettingUp: false, toileting: false, walkingIndoors: false, bathing: false },
        },
      ],
      incomes: [{ type: 'other_transfer', monthlyAmount: 0, note: '无收入' }],
      assets: [
        { type: 'deposit', value: 0 },
        { type: 'home', area: 40 },
      ],
      expenses: [],
      hardships: [],
      benefits: [],
      ...extra,
    };
  }

  async function create(body: (consentId: string, head: PersonFixture) => Record<string, unknown>, head = person('赵老汉', YEAR - 72)): Promise<string> {
    const consentId = await giveConsent(t, district, head);
    const res = await t.http().post('/api/v1/households').set(bearer(district)).send(body(consentId, head));
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { household: { id: string } }).household.id;
  }

  async function result(id: string, code: string): Promise<Result> {
    const res = await t.http().get(`/api/v1/households/${id}/eligibility`).set(bearer(district)).expect(200);
    return (res.body.results as Result[]).find((r) => r.policyCode === code)!;
  }

  const son = { name: '赵大儿', relation: 'child', birthDate: `${YEAR - 45}-03-01`, coResident: false, monthlyIncome: 9200, conditions: [] };

  it('特困: a son living elsewhere who earns ten times the 低保 standard rules it out, and the explanation says why', async () => {
    const id = await create((c, h) => oldManBody(c, h, { supporters: [son] }));
    const tekun = await result(id, 'tekun');
    expect(tekun.outcome).toBe('ineligible');
    expect(tekun.summary).toContain('9200 元');
    expect(tekun.summary).toContain('履行能力收入线');
    // 低保 counts the support he owes: (9200 − 1840) × 30% a month.
    const dibao = await result(id, 'dibao');
    expect(dibao.outcome).toBe('ineligible');
    expect(dibao.summary).toContain('赡养费 2208 元/月');

    // Stored encrypted: neither his name nor his income is readable in the row.
    const [row] = await t.dataSource.query('SELECT economics, supportersEnc, snapshotEnc FROM household WHERE id = ?', [id]);
    expect(JSON.stringify(row)).not.toContain('9200');
    expect(JSON.stringify(row)).not.toContain('赵大儿');
    // Reviewers see him in full; a grid worker sees a masked name and no income.
    const full = await t.http().get(`/api/v1/households/${id}`).set(bearer(district)).expect(200);
    expect(full.body.supporters).toEqual([{ ...son, conditions: [] }]);
    const masked = await t
      .http()
      .get(`/api/v1/households/${id}`)
      .set(bearer(await t.tokenFor('grid_worker')))
      .expect(200);
    expect(masked.body.supporters[0]).toMatchObject({ relation: 'child', monthlyIncome: null });
    expect(JSON.stringify(masked.body.supporters)).not.toContain('赵大儿');
  });

  it('特困: supporters not recorded → unknown (never eligible); recorded as none → eligible; a 60+ 低保 son → eligible', async () => {
    const unrecorded = await create((c, h) => oldManBody(c, h));
    const u = await result(unrecorded, 'tekun');
    expect(u.outcome).toBe('unknown');
    expect(u.missingFacts).toEqual(expect.arrayContaining(['supporterCount', 'supporterMaxIncome']));
    expect(u.summary).toContain('法定赡养、抚养、扶养义务人情况');

    const none = await create((c, h) => oldManBody(c, h, { supporters: [] }));
    expect((await result(none, 'tekun')).outcome).toBe('eligible');

    const poorSon = await create((c, h) =>
      oldManBody(c, h, { supporters: [{ ...son, birthDate: `${YEAR - 63}-01-01`, monthlyIncome: 700, conditions: ['dibao'] }] }),
    );
    expect((await result(poorSon, 'tekun')).outcome).toBe('eligible');

    // Recording the well-off son later (a staff change) turns it round.
    const hh = await t.http().get(`/api/v1/households/${none}`).set(bearer(district)).expect(200);
    await t
      .http()
      .patch(`/api/v1/households/${none}`)
      .set(bearer(district))
      .send({ version: hh.body.version, supporters: [son] })
      .expect(200);
    expect((await result(none, 'tekun')).outcome).toBe('ineligible');
  });

  it("特困 tests the applicant's own income: a grandmother with her own pension of 1.2 × the standard, living with a grandchild, is not eligible", async () => {
    const grandma = person('钱奶奶', YEAR - 70, true);
    const kid = { name: '钱小孙', idNumber: freshIdNumber(YEAR - 10) };
    const id = await create(
      (c, h) => ({
        ...oldManBody(c, h, { supporters: [] }),
        members: [
          {
            relation: 'head',
            name: h.name,
            idNumber: h.idNumber,
            employment: 'retired',
            labourCapacity: 'none',
            health: { chronicIllness: false, seriousIllness: false },
            disability: null,
            coResident: true,
          },
          {
            relation: 'grandchild',
            name: kid.name,
            idNumber: kid.idNumber,
            employment: 'student',
            education: 'primary',
            labourCapacity: 'none',
            health: { chronicIllness: false, seriousIllness: false },
            disability: null,
            coResident: true,
          },
        ],
        incomes: [{ type: 'pension', monthlyAmount: 1104, memberIndex: 0 }],
      }),
      grandma,
    );
    const tekun = await result(id, 'tekun');
    expect(tekun.outcome).toBe('ineligible');
    expect(tekun.summary).toContain('申请对象本人月收入 1104 元');
  });

  it("a worker's submission that records supporters but leaves out the spouse living in is flagged for the reviewer", async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('吴老伯', YEAR - 68);
    const wife = { name: '吴大娘', idNumber: freshIdNumber(YEAR - 66, true) };
    const consentId = await giveConsent(t, worker, head);
    const body = oldManBody(consentId, head, { supporters: [{ ...son, monthlyIncome: null }] });
    (body.members as unknown[]).push({
      relation: 'spouse',
      name: wife.name,
      idNumber: wife.idNumber,
      employment: 'retired',
      labourCapacity: 'none',
      health: { chronicIllness: false, seriousIllness: false },
      disability: null,
      coResident: true,
    });
    const created = await t.http().post('/api/v1/households').set(bearer(worker)).send(body).expect(201);
    const sub = await t
      .http()
      .get(`/api/v1/submissions/${created.body.submissionId as string}`)
      .set(bearer(await t.tokenFor('street_reviewer')))
      .expect(200);
    const check = (sub.body.checks as Array<{ code: string; outcome: string; message: string }>).find((c) => c.code === 'missing_facts')!;
    expect(check.outcome).toBe('warn');
    expect(check.message).toContain('第 2 名成员（配偶）未登记为法定义务人');
    expect(check.message).toContain('第 1 名法定义务人缺少本人月收入');
  });

  it('rejects bad supporter input with a stable code and a Chinese message', async () => {
    const head = person('孙测试', YEAR - 70);
    const consentId = await giveConsent(t, district, head);
    for (const bad of [
      { ...son, conditions: ['rich'] },
      { ...son, monthlyIncome: -1 },
      { ...son, relation: 'boss' },
      { ...son, birthDate: '2999-01-01' },
      { ...son, name: '' },
      { ...son, coResident: 'no' },
      { ...son, conditions: ['dibao', 'dibao'] },
    ]) {
      const res = await t
        .http()
        .post('/api/v1/households')
        .set(bearer(district))
        .send(oldManBody(consentId, head, { supporters: [bad] }));
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a declared death of the main earner raises one warning; the department record of the same death raises no second one', async () => {
    const spouse = { name: '李顶梁', idNumber: freshIdNumber(YEAR - 45) };
    const id = await create(
      (c, h) => ({
        ...oldManBody(c, h, { supporters: [] }),
        members: [
          {
            relation: 'head',
            name: h.name,
            idNumber: h.idNumber,
            employment: 'unemployed',
            labourCapacity: 'full',
            health: { chronicIllness: false, seriousIllness: false },
            disability: null,
            coResident: true,
          },
          {
            relation: 'spouse',
            name: spouse.name,
            idNumber: spouse.idNumber,
            employment: 'employed',
            labourCapacity: 'full',
            health: { chronicIllness: false, seriousIllness: false },
            disability: null,
            coResident: true,
          },
        ],
        incomes: [{ type: 'wage', monthlyAmount: 900 }],
        hardships: [{ type: 'earner_death', occurredOn: day(-5), note: '丈夫因病去世' }],
      }),
      person('李大嫂', YEAR - 42, true),
    );
    const listed = async (): Promise<Warning[]> =>
      (await t.http().get('/api/v1/warnings').query({ householdId: id, rule: 'earner_event' }).set(bearer(district)).expect(200)).body.items as Warning[];
    const first = await listed();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ source: 'declared', evidence: { events: [{ event: 'death', source: 'declared' }] } });
    expect(first[0]!.taskId).not.toBeNull();

    const res = await t
      .http()
      .post('/api/v1/imports/death')
      .set(bearer(district))
      .attach('file', Buffer.from(`身份证号,死亡日期\n${spouse.idNumber},${day(-5)}\n`), 'death.csv');
    expect(res.status).toBe(202);
    let run = res.body as { id: string; status: string; takenRows: number };
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      run = (await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body;
    }
    expect(run).toMatchObject({ status: 'completed', takenRows: 1 });
    expect(await listed()).toHaveLength(1);
  });

  it('80,000 yuan of self-paid medical costs reported by the family (a staff change) raise a large-medical-cost warning', async () => {
    const id = await create((c, h) => oldManBody(c, h, { supporters: [], incomes: [{ type: 'pension', monthlyAmount: 3000 }] }));
    const none = await t.http().get('/api/v1/warnings').query({ householdId: id, rule: 'medical_self_paid' }).set(bearer(district)).expect(200);
    expect(none.body.total).toBe(0);
    const hh = await t.http().get(`/api/v1/households/${id}`).set(bearer(district)).expect(200);
    await t
      .http()
      .patch(`/api/v1/households/${id}`)
      .set(bearer(district))
      .send({ version: hh.body.version, expenses: [{ type: 'medical_self_paid', amount12m: 80000 }] })
      .expect(200);
    const raised = await t.http().get('/api/v1/warnings').query({ householdId: id, rule: 'medical_self_paid' }).set(bearer(district)).expect(200);
    expect(raised.body.total).toBe(1);
    expect(raised.body.items[0]).toMatchObject({ source: 'declared', evidence: { selfPaid12m: 80000, source: 'declared' } });
  });

  it('a visit that records a new wage keeps the pension and the disability allowance, and the reviewer sees the patch as a labelled diff', async () => {
    const worker = await t.tokenFor('grid_worker');
    const street = await t.tokenFor('street_reviewer');
    const son2 = { name: '周二子', idNumber: freshIdNumber(YEAR - 40) };
    const id = await create(
      (c, h) => ({
        ...oldManBody(c, h, { supporters: [] }),
        members: [
          {
            relation: 'head',
            name: h.name,
            idNumber: h.idNumber,
            employment: 'retired',
            labourCapacity: 'none',
            health: { chronicIllness: false, seriousIllness: false },
            disability: { category: 4, grade: 3 },
            coResident: true,
          },
          {
            relation: 'child',
            name: son2.name,
            idNumber: son2.idNumber,
            employment: 'employed',
            labourCapacity: 'full',
            health: { chronicIllness: false, seriousIllness: false },
            disability: null,
            coResident: true,
          },
        ],
        incomes: [
          { type: 'pension', monthlyAmount: 1800, memberIndex: 0 },
          { type: 'other_transfer', monthlyAmount: 240, memberIndex: 0, note: '残疾人生活补贴' },
          { type: 'wage', monthlyAmount: 3000, memberIndex: 1 },
        ],
      }),
      person('周老伯', YEAR - 70),
    );
    const task = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: id }).expect(201)).body as { id: string };
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set(bearer(worker)).expect(200);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({
        visitedAt: new Date().toISOString(),
        gps: { lat: 30.68, lng: 103.85 },
        notes: '儿子工厂停工，改打零工。',
        factUpdates: { incomes: [{ type: 'wage', monthlyAmount: 1200, memberIndex: 1 }], hardships: [{ type: 'job_loss', occurredOn: day(-3) }] },
      })
      .expect(200);

    const seen = (await t.http().get(`/api/v1/tasks/${task.id}`).set(bearer(street)).expect(200)).body as {
      findingsDiff: Array<{ path: string; label: string; beforeText: string; afterText: string }>;
    };
    expect(seen.findingsDiff).toEqual(
      expect.arrayContaining([
        { path: 'incomes[2].monthlyAmount', label: '收入3 · 月金额（元）', before: 3000, after: 1200, beforeText: '3,000', afterText: '1,200' },
        { path: 'hardships[0].type', label: '突发困难1 · 类型', before: null, after: 'job_loss', beforeText: '—', afterText: '失业' },
      ]),
    );
    // Nothing about the pension or the allowance.
    expect(seen.findingsDiff.some((c) => c.path.startsWith('incomes[0]') || c.path.startsWith('incomes[1]'))).toBe(false);
    // The grid worker who did the visit gets no diff (staff only).
    const asWorker = (await t.http().get(`/api/v1/tasks/${task.id}`).set(bearer(worker)).expect(200)).body as { findingsDiff?: unknown };
    expect(asWorker.findingsDiff).toBeUndefined();

    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/review`)
      .set(bearer(street))
      .send({ outcome: 'accept', decision: { kind: 'referral', provider: '社区就业服务站', reason: '就业援助' } })
      .expect(200);
    const hh = await t.http().get(`/api/v1/households/${id}`).set(bearer(district)).expect(200);
    expect(hh.body.incomes).toEqual([
      { type: 'pension', monthlyAmount: 1800, memberIndex: 0 },
      { type: 'other_transfer', monthlyAmount: 240, memberIndex: 0, note: '残疾人生活补贴' },
      { type: 'wage', monthlyAmount: 1200, memberIndex: 1 },
    ]);
    // The job loss the worker found feeds the warning rules like a department record.
    const w = await t.http().get('/api/v1/warnings').query({ householdId: id, rule: 'only_earner_job_loss' }).set(bearer(district)).expect(200);
    expect(w.body.total).toBe(1);
    expect(w.body.items[0].evidence).toMatchObject({ source: 'declared' });
  });

  it('a visit that did not meet the family records why, carries no fact changes, and the reviewer sees the outcome', async () => {
    const worker = await t.tokenFor('grid_worker');
    const id = await create((c, h) => oldManBody(c, h, { supporters: [] }), person('何独居', YEAR - 75));
    const task = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: id }).expect(201)).body as { id: string };
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set(bearer(worker)).expect(200);
    const visit = { visitedAt: new Date().toISOString(), gps: { lat: 30.68, lng: 103.85 }, notes: '敲门无人应答，邻居说去女儿家了。' };
    const refused = await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({ ...visit, outcome: 'not_home', factUpdates: { incomes: [{ type: 'wage', monthlyAmount: 500, memberIndex: 0 }] } })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'VISIT_NOT_MET' });
    const bad = await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({ ...visit, outcome: 'asleep' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({ ...visit, outcome: 'not_home', factUpdates: { incomes: [] } })
      .expect(200);
    const seen = (await t.http().get(`/api/v1/tasks/${task.id}`).set(bearer(district)).expect(200)).body as {
      findings: { outcome: string; notes: string };
      findingsDiff: unknown[];
    };
    expect(seen.findings).toMatchObject({ outcome: 'not_home', notes: visit.notes });
    expect(seen.findingsDiff).toEqual([]);
  });
});
