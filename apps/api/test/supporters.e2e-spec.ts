/**
 * Legal supporters (法定赡养、抚养、扶养义务人) along the paths the front ends use: the mini-program's
 * self-report and door-to-door collection (POST /households, a submission for review), then the
 * console's supporters section (PATCH /households/:id with the whole section). What is sent comes
 * back as sent for the reviewers, masked for the roles that do not see sensitive data in full.
 */
import type { TestApp } from './harness.js';
import { bearer, startTestApp } from './harness.js';
import { giveConsent, person, workerPlacement, type Placement, type PersonFixture } from './fixtures.js';

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));

interface Supporter {
  name: string;
  relation: string;
  birthDate: string | null;
  coResident: boolean;
  monthlyIncome: number | null;
  conditions: string[];
  note?: string;
}

describe('supporters from the phone and the console (issue 12)', () => {
  let t: TestApp;
  let place: Placement;
  let street: string;

  beforeAll(async () => {
    t = await startTestApp();
    place = await workerPlacement(t);
    street = await t.tokenFor('street_reviewer');
  });
  afterAll(() => t.close());

  /**
   * A household as the mini-program's wizard sends it: an old couple, the wife's pension typed against
   * her, and the supporters step answered "有": the spouse living in (taken from the members) and a son
   * working in another city.
   */
  function phoneBody(head: PersonFixture, wife: PersonFixture, supporters: Supporter[]): Record<string, unknown> {
    const member = (relation: string, p: PersonFixture) => ({
      relation,
      name: p.name,
      idNumber: p.idNumber,
      employment: 'retired',
      labourCapacity: 'none',
      health: { chronicIllness: true, seriousIllness: false },
      disability: null,
      coResident: true,
    });
    return {
      address: '柳城街道和平社区居委会柳台大道8号1栋1单元101室',
      communityCode: place.communityCode,
      gridId: place.gridId,
      members: [member('head', head), member('spouse', wife)],
      incomes: [{ type: 'pension', monthlyAmount: 900, memberIndex: 1 }],
      assets: [{ type: 'deposit', value: 0, note: '没有存款和其他财产' }],
      expenses: [],
      hardships: [],
      benefits: [],
      supporters,
    };
  }

  async function newResident(code: string, me: PersonFixture): Promise<{ token: string; consentId: string }> {
    const login = await t.http().post('/api/v1/auth/wechat-login').send({ code }).expect(200);
    const token = login.body.accessToken as string;
    await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: me.name, idNumber: me.idNumber, consentToIdentityProcessing: true, faceVerifyResult: 'demo-face-pass' })
      .expect(200);
    const consentId = await giveConsent(t, token, me, { method: 'self_online', signatureImage: undefined });
    return { token, consentId };
  }

  const masked = (list: Supporter[], names: string[]): void => {
    const text = JSON.stringify(list);
    for (const n of names) expect(text).not.toContain(n);
    for (const s of list) {
      expect(s.monthlyIncome).toBeNull();
      expect(s.note).toBeUndefined();
    }
  };

  it("a resident's self-report with supporters round-trips through review, the console's edit, and masking", async () => {
    const head = person('郑老汉', YEAR - 72);
    const wife = person('郑大娘', YEAR - 70, true);
    const { token: resident, consentId } = await newResident('supporters-resident-1', head);
    const wifeSupporter: Supporter = {
      name: wife.name,
      relation: 'spouse',
      // As the phone sends it: the birth date her ID number gives, her own pension, her labour capacity.
      birthDate: `${wife.idNumber.slice(6, 10)}-${wife.idNumber.slice(10, 12)}-${wife.idNumber.slice(12, 14)}`,
      coResident: true,
      monthlyIncome: 900,
      conditions: ['no_labour_capacity'],
    };
    const son: Supporter = {
      name: '郑在外',
      relation: 'child',
      birthDate: null,
      coResident: false,
      monthlyIncome: 6000,
      conditions: [],
      note: '在深圳打工',
    };
    const sent = [wifeSupporter, son];

    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(resident))
      .send({ ...phoneBody(head, wife, sent), consentId })
      .expect(201);
    expect(created.body.household.status).toBe('pending_review');
    const id = created.body.household.id as string;
    // The resident sees the file masked like any role without full access: relations and conditions, no names or incomes.
    expect(created.body.household.supporters.map((s: Supporter) => [s.relation, s.coResident, s.conditions])).toEqual([
      ['spouse', true, ['no_labour_capacity']],
      ['child', false, []],
    ]);
    masked(created.body.household.supporters, [wife.name, son.name, son.note!]);

    // The reviewer sees the supporters in the submission's diff, and no check asks for the spouse living in.
    const sub = await t
      .http()
      .get(`/api/v1/submissions/${created.body.submissionId as string}`)
      .set(bearer(street))
      .expect(200);
    const paths = (sub.body.changes as Array<{ path: string; after: unknown }>).filter((c) => c.path.startsWith('supporters'));
    expect(paths).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'supporters[1].monthlyIncome', after: 6000 })]));
    const missing = (sub.body.checks as Array<{ code: string; message: string }>).find((c) => c.code === 'missing_facts')!;
    expect(missing.message).not.toContain('法定义务人');
    await t
      .http()
      .post(`/api/v1/submissions/${created.body.submissionId as string}/review`)
      .set(bearer(street))
      .send({ decision: 'approve' })
      .expect(200);

    const approved = await t.http().get(`/api/v1/households/${id}`).set(bearer(street)).expect(200);
    expect(approved.body.status).toBe('active');
    expect(approved.body.supporters).toEqual(sent);

    // The console saves the whole section: the son's income corrected, a condition ticked, a daughter added.
    const edited: Supporter[] = [
      wifeSupporter,
      { ...son, monthlyIncome: 2500, conditions: ['severe_disability'], note: '工伤致残，收入下降' },
      { name: '郑小女', relation: 'child', birthDate: `${YEAR - 40}-05-06`, coResident: false, monthlyIncome: null, conditions: [] },
    ];
    const saved = await t.http().patch(`/api/v1/households/${id}`).set(bearer(street)).send({ version: approved.body.version, supporters: edited }).expect(200);
    expect(saved.body.applied).toBe(true);
    expect(saved.body.household.supporters).toEqual(edited);
    const reread = await t.http().get(`/api/v1/households/${id}`).set(bearer(street)).expect(200);
    expect(reread.body.supporters).toEqual(edited);
    expect(reread.body.version).toBe(approved.body.version + 1);

    // The revision names each changed supporter field.
    const revisions = await t.http().get(`/api/v1/households/${id}/revisions`).set(bearer(street)).expect(200);
    const last = (revisions.body as Array<{ version: number; source: string; changes: Array<{ path: string }> }>).find(
      (r) => r.version === reread.body.version,
    )!;
    expect(last.source).toBe('staff');
    expect(last.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(['supporters[1].monthlyIncome', 'supporters[1].conditions', expect.stringMatching(/^supporters\[2\]/)]),
    );

    // Another section saved later leaves the supporters alone; a stale version is refused.
    await t
      .http()
      .patch(`/api/v1/households/${id}`)
      .set(bearer(street))
      .send({ version: reread.body.version, hardships: [{ type: 'serious_illness', occurredOn: today }] })
      .expect(200);
    const stale = await t.http().patch(`/api/v1/households/${id}`).set(bearer(street)).send({ version: reread.body.version, supporters: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const after = await t.http().get(`/api/v1/households/${id}`).set(bearer(street)).expect(200);
    expect(after.body.supporters).toEqual(edited);

    // Roles without full access: the grid worker and the resident see relations and conditions only.
    for (const token of [await t.tokenFor('grid_worker'), resident]) {
      const view = await t.http().get(`/api/v1/households/${id}`).set(bearer(token)).expect(200);
      expect(view.body.masked).toBe(true);
      expect(view.body.supporters.map((s: Supporter) => s.conditions)).toEqual([['no_labour_capacity'], ['severe_disability'], []]);
      masked(view.body.supporters, [wife.name, son.name, '郑小女', '工伤致残']);
    }
  });

  it("a grid worker's collection carries supporters under the same consent rules", async () => {
    const worker = await t.tokenFor('grid_worker');
    const head = person('冯独居', YEAR - 75);
    const wife = person('冯老伴', YEAR - 74, true);
    const outside: Supporter = { name: '冯外地', relation: 'child', birthDate: `${YEAR - 48}-02-03`, coResident: false, monthlyIncome: 8000, conditions: [] };
    const body = phoneBody(head, wife, [outside]);

    // No separate consent to sensitive data: nothing is stored, supporters or not.
    const thin = await giveConsent(t, worker, head, { sensitiveData: false });
    const refused = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send({ ...body, consentId: thin });
    expect(refused.body.code).toBe('CONSENT_SENSITIVE_REQUIRED');

    // A bad supporter is refused with the field named.
    const consentId = await giveConsent(t, worker, head);
    const bad = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send({ ...phoneBody(head, wife, [{ ...outside, monthlyIncome: -5 }]), consentId });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send({ ...body, consentId })
      .expect(201);
    expect(created.body.household.status).toBe('pending_review');
    masked(created.body.household.supporters, [outside.name]);
    // The spouse living in was left out of the list: the reviewer is told.
    const sub = await t
      .http()
      .get(`/api/v1/submissions/${created.body.submissionId as string}`)
      .set(bearer(street))
      .expect(200);
    const missing = (sub.body.checks as Array<{ code: string; message: string }>).find((c) => c.code === 'missing_facts')!;
    expect(missing.message).toContain('（配偶）未登记为法定义务人');
    await t
      .http()
      .post(`/api/v1/submissions/${created.body.submissionId as string}/review`)
      .set(bearer(street))
      .send({ decision: 'approve' })
      .expect(200);
    const full = await t
      .http()
      .get(`/api/v1/households/${created.body.household.id as string}`)
      .set(bearer(street))
      .expect(200);
    expect(full.body.supporters).toEqual([outside]);
  });
});
