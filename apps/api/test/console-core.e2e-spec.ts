import { bearer, startTestApp, type TestApp } from './harness.js';

interface QueueItem {
  kind: 'submission' | 'task';
  id: string;
  householdId: string;
  streetCode: string;
  submittedAt: string;
  urgent: boolean;
  clean: boolean;
  checks: { pass: number; warn: number; fail: number } | null;
  headName: string;
}

/** The staff console's core API: review queue, bulk approval, household search and audit trail, policy versions. */
describe('console core: review queue, households, policy versions', () => {
  let t: TestApp;
  let street: string;
  let district: string;
  let worker: string;
  let streetCode: string;
  beforeAll(async () => {
    // Large enough for the demo seed to fill the review queue.
    t = await startTestApp({ DEMO_HOUSEHOLDS: '200' });
    [street, district, worker] = await Promise.all([t.tokenFor('street_reviewer'), t.tokenFor('district_reviewer'), t.tokenFor('grid_worker')]);
    streetCode = (await t.http().get('/api/v1/auth/me').set(bearer(street)).expect(200)).body.regionCode as string;
  });
  afterAll(() => t.close());

  it('tells the console who is signed in, with the name of their region', async () => {
    const me = await t.http().get('/api/v1/auth/me').set(bearer(street)).expect(200);
    expect(me.body.username).toBe('demo-street');
    expect(me.body.regionName).toMatch(/^温江区 .+/);
    const admin = await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer(await t.tokenFor('admin')))
      .expect(200);
    expect(admin.body.regionName).toBe('温江区');
  });

  it('the demo opens with a review queue: change reports and home-visit findings of the reviewer’s street, urgent first then oldest', async () => {
    const res = await t.http().get('/api/v1/review-queue').set(bearer(street)).expect(200);
    const items = res.body.items as QueueItem[];
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(items.some((i) => i.kind === 'submission')).toBe(true);
    expect(items.some((i) => i.kind === 'task')).toBe(true);
    expect(items.every((i) => i.streetCode === streetCode)).toBe(true);
    expect(items.every((i) => i.headName.length > 0)).toBe(true);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      if (a.urgent === b.urgent) expect(a.submittedAt <= b.submittedAt).toBe(true);
      else expect(a.urgent).toBe(true);
    }
    const onlyTasks = await t.http().get('/api/v1/review-queue').query({ kind: 'task' }).set(bearer(street)).expect(200);
    expect((onlyTasks.body.items as QueueItem[]).every((i) => i.kind === 'task' && i.checks === null && !i.clean)).toBe(true);
    // The district sees at least the street's items; a grid worker has no queue.
    const all = await t.http().get('/api/v1/review-queue').set(bearer(district)).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(res.body.total);
    await t.http().get('/api/v1/review-queue').set(bearer(worker)).expect(403);
  });

  it('bulk approval approves only clean submissions and says why it skipped the others', async () => {
    const queue = (await t.http().get('/api/v1/review-queue').query({ kind: 'submission' }).set(bearer(street)).expect(200)).body.items as QueueItem[];
    const clean = queue.filter((i) => i.clean);
    const notClean = queue.filter((i) => !i.clean);
    expect(notClean.length).toBeGreaterThan(0); // the seeded report without any income warns
    const target = clean[0] ?? null;
    const before = target ? ((await t.http().get(`/api/v1/households/${target.householdId}`).set(bearer(street)).expect(200)).body.version as number) : 0;
    const ids = [...clean.slice(0, 2), notClean[0]!].map((i) => i.id);
    const res = await t.http().post('/api/v1/review-queue/bulk-approve').set(bearer(street)).send({ ids }).expect(200);
    expect(res.body.approved).toEqual(clean.slice(0, 2).map((i) => i.id));
    expect(res.body.skipped).toEqual([{ id: notClean[0]!.id, code: 'NOT_CLEAN', message: '自动检查未全部通过，须逐条审核' }]);
    if (target) {
      const after = await t.http().get(`/api/v1/households/${target.householdId}`).set(bearer(street)).expect(200);
      expect(after.body.version).toBe(before + 1);
      const sub = await t.http().get(`/api/v1/submissions/${target.id}`).set(bearer(street)).expect(200);
      expect(sub.body.status).toBe('approved');
    }
    // Approving again is skipped, not an error; bad input is refused; grid workers may not.
    const again = await t
      .http()
      .post('/api/v1/review-queue/bulk-approve')
      .set(bearer(street))
      .send({ ids: ids.slice(0, 1) })
      .expect(200);
    expect(again.body.skipped[0].code).toBe('INVALID_STATE');
    expect(
      (
        await t
          .http()
          .post('/api/v1/review-queue/bulk-approve')
          .set(bearer(street))
          .send({ ids: ['x'] })
      ).status,
    ).toBe(400);
    await t.http().post('/api/v1/review-queue/bulk-approve').set(bearer(worker)).send({ ids }).expect(403);
  });

  it('searches households by risk colour and eligible policy, with the colour in each row', async () => {
    // Colours come from a monitoring run.
    const started = await t.http().post('/api/v1/monitoring/runs').set(bearer(district)).expect(202);
    let run = started.body as { id: string; status: string };
    for (let i = 0; i < 200 && run.status !== 'completed' && run.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.http().get(`/api/v1/monitoring/runs/${run.id}`).set(bearer(district)).expect(200)).body;
    }
    expect(run.status).toBe('completed');
    const page = await t.http().get('/api/v1/households').query({ pageSize: 100 }).set(bearer(district)).expect(200);
    const coloured = (page.body.items as Array<{ id: string; riskColour: string | null }>).find((h) => h.riskColour !== null);
    expect(coloured).toBeDefined();
    const byColour = await t.http().get('/api/v1/households').query({ colour: coloured!.riskColour, pageSize: 100 }).set(bearer(district)).expect(200);
    expect(byColour.body.total).toBeGreaterThan(0);
    expect((byColour.body.items as Array<{ riskColour: string }>).every((h) => h.riskColour === coloured!.riskColour)).toBe(true);
    const dibao = await t.http().get('/api/v1/households').query({ category: 'dibao', pageSize: 5 }).set(bearer(district)).expect(200);
    for (const h of dibao.body.items as Array<{ id: string }>) {
      const e = await t.http().get(`/api/v1/households/${h.id}/eligibility`).set(bearer(district)).expect(200);
      expect((e.body.results as Array<{ policyCode: string; outcome: string }>).find((r) => r.policyCode === 'dibao')?.outcome).toBe('eligible');
    }
    expect((await t.http().get('/api/v1/households').query({ colour: 'purple' }).set(bearer(district))).status).toBe(400);
    // A street reviewer's search stays inside the street.
    const mine = await t.http().get('/api/v1/households').query({ pageSize: 100 }).set(bearer(street)).expect(200);
    expect((mine.body.items as Array<{ streetCode: string }>).every((h) => h.streetCode === streetCode)).toBe(true);
  });

  it('shows who viewed a household, audits that read too, and keeps other streets out', async () => {
    const mine = (await t.http().get('/api/v1/households').query({ pageSize: 1 }).set(bearer(street)).expect(200)).body.items[0] as { id: string };
    await t.http().get(`/api/v1/households/${mine.id}`).set(bearer(street)).expect(200);
    const trail = await t.http().get(`/api/v1/households/${mine.id}/audit-trail`).query({ only: 'reads' }).set(bearer(street)).expect(200);
    const reads = trail.body.items as Array<{ actorName: string; action: string; actionLabel: string; read: boolean }>;
    expect(reads.every((e) => e.read)).toBe(true);
    expect(reads.find((e) => e.action === 'household.read_sensitive_full')).toMatchObject({
      actorName: '演示街道审核人员',
      actionLabel: '查阅档案（完整信息）',
    });
    const again = await t.http().get(`/api/v1/households/${mine.id}/audit-trail`).set(bearer(district)).expect(200);
    expect((again.body.items as Array<{ action: string }>).some((e) => e.action === 'household.read_audit_trail')).toBe(true);
    await t.http().get(`/api/v1/households/${mine.id}/audit-trail`).set(bearer(worker)).expect(403);
    const other = (await t.http().get('/api/v1/households').query({ pageSize: 100 }).set(bearer(district)).expect(200)).body.items.find(
      (h: { streetCode: string }) => h.streetCode !== streetCode,
    ) as { id: string };
    await t.http().get(`/api/v1/households/${other.id}/audit-trail`).set(bearer(street)).expect(404);
  });

  it('serves any policy version for diffs, and the parameter table for live reference checks', async () => {
    const admin = await t.tokenFor('district_reviewer');
    const v1 = await t.http().get('/api/v1/policies/dibao/versions/1').set(bearer(admin)).expect(200);
    expect(v1.body).toMatchObject({ policyCode: 'dibao', version: 1, status: 'published' });
    expect(v1.body.references.length).toBeGreaterThanOrEqual(3);
    const definition = { ...v1.body.definition, benefit: `${v1.body.definition.benefit as string}（已修订）` };
    await t.http().put('/api/v1/policies/dibao/draft').set(bearer(admin)).send({ definition, changeNote: '修订救助内容表述' }).expect(200);
    const v2 = await t.http().get('/api/v1/policies/dibao/versions/2').set(bearer(admin)).expect(200);
    expect(v2.body.status).toBe('draft');
    expect(v2.body.definition.benefit).toMatch(/已修订/);
    await t.http().get('/api/v1/policies/dibao/versions/99').set(bearer(admin)).expect(404);
    await t.http().get('/api/v1/policies/dibao/versions/1').set(bearer(worker)).expect(403);
    const params = await t.http().get('/api/v1/policy-parameters').set(bearer(street)).expect(200);
    const names = (params.body as Array<{ name: string; values: unknown[] }>).map((p) => p.name);
    expect(names.length).toBeGreaterThan(3);
    expect((params.body as Array<{ values: unknown[] }>).every((p) => p.values.length > 0)).toBe(true);
  });
});
