/**
 * Two-tier approval and 公示 (issue 15, DOMAIN §7): for 低保 and 特困 the street reviews and the
 * district confirms; the decision is posted 7 days and takes effect only if no objection is raised.
 * The tiers and days are data per policy group, set by district staff.
 */
import type { TaskView } from '@zczr/contract';
import { generate } from 'otplib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Clock } from '../src/common/time.js';
import { TasksService } from '../src/tasks/tasks.service.js';
import { createHouseholdAsStaff, otherStreetPlacement, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

const DAY = 86_400_000;

describe('two-tier approval and 公示', () => {
  let t: TestApp;
  let worker: string;
  let street: string;
  let district: string;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await t.tokenFor('grid_worker');
    street = await t.tokenFor('street_reviewer');
    district = await t.tokenFor('district_reviewer');
  });
  afterAll(() => t.close());

  /** A household with a task whose findings (the family met, nothing changed) wait for review. */
  async function submittedTask(name: string): Promise<{ householdId: string; taskId: string }> {
    const h = await createHouseholdAsStaff(t, await workerPlacement(t), person(name, 1950));
    const task = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: h.id }).expect(201)).body as TaskView;
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set(bearer(worker)).expect(200);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({ visitedAt: new Date().toISOString(), outcome: 'met', gps: { lat: 30.68, lng: 103.85 }, notes: '家中仅老人一人，无收入来源。' })
      .expect(200);
    return { householdId: h.id, taskId: task.id };
  }

  const grantDibao = { outcome: 'accept', decision: { kind: 'benefit_granted', policyCode: 'dibao', reason: '符合低保条件' } };
  const benefitsOf = async (id: string): Promise<string[]> =>
    ((await t.http().get(`/api/v1/households/${id}`).set(bearer(district)).expect(200)).body.benefits as Array<{ policyCode: string }>).map(
      (b) => b.policyCode,
    );
  const task = async (id: string): Promise<TaskView> => (await t.http().get(`/api/v1/tasks/${id}`).set(bearer(district)).expect(200)).body as TaskView;

  it('低保: the street proposes, the district confirms, 7 days of 公示, then the benefit takes effect', async () => {
    const { householdId, taskId } = await submittedTask('曹守业');
    // The district cannot skip the street.
    const skipped = await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(district)).send(grantDibao).expect(409);
    expect(skipped.body).toMatchObject({ code: 'NEEDS_STREET_REVIEW' });

    const proposed = (await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(street)).send(grantDibao).expect(200)).body as TaskView;
    expect(proposed.status).toBe('confirming');
    expect(proposed.statusLabel).toBe('街道已审核待区县确认');
    expect(proposed.proposal).toMatchObject({ kind: 'benefit_granted', policyCode: 'dibao' });
    expect(await benefitsOf(householdId)).not.toContain('dibao');
    // It waits in the district's queue as a confirmation, and no longer in the street's.
    const districtQueue = (await t.http().get('/api/v1/review-queue').query({ kind: 'task' }).set(bearer(district)).expect(200)).body.items as Array<{
      id: string;
      stage: string;
      title: string;
    }>;
    expect(districtQueue.find((i) => i.id === taskId)).toMatchObject({ stage: 'confirm', title: expect.stringMatching(/^区县确认/) });
    const streetQueue = (await t.http().get('/api/v1/review-queue').query({ kind: 'task' }).set(bearer(street)).expect(200)).body.items as Array<{
      id: string;
    }>;
    expect(streetQueue.some((i) => i.id === taskId)).toBe(false);
    // The street reviewer's 已办 lists the proposal, with the household.
    const done = (await t.http().get('/api/v1/review-queue/done').set(bearer(street)).expect(200)).body as {
      items: Array<{ id: string; action: string; actionLabel: string; kind: string; householdId: string; headName: string }>;
    };
    expect(done.items.find((i) => i.id === taskId)).toMatchObject({
      kind: 'task',
      action: 'task.propose',
      actionLabel: '街道审核通过，报区县确认',
      householdId,
      headName: '曹守业',
    });
    await t.http().get('/api/v1/review-queue/done').query({ pageSize: 1000 }).set(bearer(street)).expect(400);
    // The street cannot confirm its own proposal.
    await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(street)).send(grantDibao).expect(403);

    // 公示 starts on the day of the confirmation in China: the API's today before or after the request
    // (the same day, unless China's midnight, 16:00 UTC, fell during it).
    const dayBefore = t.app.get(Clock).today();
    const confirmed = (await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(district)).send(grantDibao).expect(200)).body as TaskView;
    const dayAfter = t.app.get(Clock).today();
    expect(confirmed.status).toBe('in_notice');
    const notice = confirmed.decision!.notice!;
    expect([dayBefore, dayAfter]).toContain(notice.from);
    expect((Date.parse(notice.to) - Date.parse(notice.from)) / DAY).toBe(6);
    expect(confirmed.decision!.proposedBy).toBeTruthy();
    expect(await benefitsOf(householdId)).not.toContain('dibao');
    // The 告知书 of a district-confirmed decision is the bureau's, and names the 公示 dates.
    const pdf = await t
      .http()
      .get(`/api/v1/tasks/${taskId}/forms/notice`)
      .set(bearer(district))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const doc = await getDocument({ data: new Uint8Array(pdf.body as Buffer), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    expect(text).toContain('温江区民政局');
    expect(text).toContain(`${notice.from} 至 ${notice.to}`);

    const tasks = t.app.get(TasksService);
    expect(await tasks.settleNotices()).toBe(0);
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    try {
      clock.now = () => new Date(Date.now() + 7 * DAY);
      expect(await tasks.settleNotices()).toBe(1);
      expect(await tasks.settleNotices()).toBe(0); // once
    } finally {
      clock.now = realNow;
    }
    const closed = await task(taskId);
    expect(closed.status).toBe('closed');
    expect(closed.history.at(-1)?.note).toMatch(/公示期满无异议/);
    expect(await benefitsOf(householdId)).toContain('dibao');

    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'task.' })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    const actions = (audit.body.items as Array<{ action: string; entityId: string }>).filter((e) => e.entityId === taskId).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['task.propose', 'task.confirm', 'task.notice_passed']));
  });

  it('the bell counts what is due for each reviewer in their own scope: queue, confirmations, overdue tasks, parameter approvals, notices ending', async () => {
    type Reminders = { asOf: string; total: number; items: Array<{ kind: string; label: string; count: number; earliest: string | null }> };
    const bell = async (token: string): Promise<Record<string, number>> => {
      const body = (await t.http().get('/api/v1/review-queue/reminders').set(bearer(token)).expect(200)).body as Reminders;
      expect(body.total).toBe(body.items.reduce((n, i) => n + i.count, 0));
      expect(body.items.every((i) => /[\u4e00-\u9fff]/.test(i.label))).toBe(true);
      return Object.fromEntries(body.items.map((i) => [i.kind, i.count]));
    };
    const s0 = await bell(street);
    const d0 = await bell(district);
    // The street deals with neither confirmations nor parameters.
    expect(Object.keys(s0)).toEqual(['review_queue', 'overdue_tasks', 'notices_ending']);
    expect(Object.keys(d0)).toEqual(['review_queue', 'district_confirm', 'overdue_tasks', 'parameter_approvals', 'notices_ending']);

    const { taskId } = await submittedTask('冯提醒');
    expect((await bell(street)).review_queue).toBe(s0.review_queue! + 1);
    await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(street)).send(grantDibao).expect(200);
    expect((await bell(street)).review_queue).toBe(s0.review_queue);
    expect((await bell(district)).district_confirm).toBe(d0.district_confirm! + 1);
    await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(district)).send(grantDibao).expect(200);
    // Posted for 7 days: not yet ending; five days on it ends within three.
    expect((await bell(district)).notices_ending).toBe(d0.notices_ending);
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    try {
      clock.now = () => new Date(Date.now() + 5 * DAY);
      expect((await bell(street)).notices_ending).toBeGreaterThanOrEqual(1);
    } finally {
      clock.now = realNow;
    }

    // An overdue task in another street counts for the district, not for this street.
    const away = await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('褚远街', 1955));
    const awayTask = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: away.id }).expect(201)).body as TaskView;
    const s1 = await bell(street);
    const d1 = await bell(district);
    await t.dataSource.query("UPDATE verification_task SET dueDate = '2020-01-01' WHERE id = ?", [awayTask.id]);
    expect((await bell(street)).overdue_tasks).toBe(s1.overdue_tasks);
    expect((await bell(district)).overdue_tasks).toBe(d1.overdue_tasks! + 1);

    // A parameter change waits for a second district user, not for its proposer.
    const password = 'Strong#Pass2026';
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(await t.tokenFor('admin')))
      .send({ username: 'chu.qu', displayName: '褚区审', role: 'district_reviewer', regionCode: t.config.districtCode, password })
      .expect(201);
    const other = (
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'chu.qu', password, totp: await generate({ secret: created.body.totpSecret as string }) })
        .expect(200)
    ).body.accessToken as string;
    const d2 = await bell(other);
    await t
      .http()
      .post('/api/v1/parameters/changes')
      .set(bearer(district))
      .send({ name: 'dibao_standard', region: t.config.districtCode, effectiveFrom: '2099-01-01', value: 999, basis: '温民发〔2099〕1号' })
      .expect(201);
    expect((await bell(district)).parameter_approvals).toBe(d1.parameter_approvals);
    expect((await bell(other)).parameter_approvals).toBe(d2.parameter_approvals! + 1);

    for (const role of ['grid_worker', 'resident', 'admin', 'audit_admin'] as const) {
      expect(
        (
          await t
            .http()
            .get('/api/v1/review-queue/reminders')
            .set(bearer(await t.tokenFor(role)))
        ).status,
      ).toBe(403);
    }
  });

  it('an objection during 公示 reopens the investigation and the benefit never takes effect', async () => {
    const { householdId, taskId } = await submittedTask('彭有异');
    await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(street)).send(grantDibao).expect(200);
    await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(district)).send(grantDibao).expect(200);
    const bad = await t.http().post(`/api/v1/tasks/${taskId}/objection`).set(bearer(street)).send({ reason: ' ' });
    expect(bad.status).toBe(400);
    await t
      .http()
      .post(`/api/v1/tasks/${taskId}/objection`)
      .set(bearer(worker))
      .send({ reason: '邻居反映其子女经营门店' })
      .expect((r) => expect([403, 404]).toContain(r.status));
    const reopened = (await t.http().post(`/api/v1/tasks/${taskId}/objection`).set(bearer(street)).send({ reason: '邻居反映其子女经营门店' }).expect(200))
      .body as TaskView;
    expect(reopened.status).toBe('returned');
    expect(reopened.decision?.notice?.objection).toBe('邻居反映其子女经营门店');
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    try {
      clock.now = () => new Date(Date.now() + 30 * DAY);
      await t.app.get(TasksService).settleNotices();
    } finally {
      clock.now = realNow;
    }
    expect(await benefitsOf(householdId)).not.toContain('dibao');
    // Back with the worker, who can visit again.
    const mine = await t.http().get('/api/v1/tasks').query({ mine: true, pageSize: 100 }).set(bearer(worker)).expect(200);
    expect((mine.body.items as TaskView[]).some((x) => x.id === taskId && x.status === 'returned')).toBe(true);
  });

  it('the district sends a proposal back to the street; one-tier groups decide at once', async () => {
    const { taskId } = await submittedTask('马退回');
    await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(street)).send(grantDibao).expect(200);
    const back = (await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(district)).send({ outcome: 'return', reason: '请补充收入证明' }).expect(200))
      .body as TaskView;
    expect(back.status).toBe('submitted');
    expect(back.proposal).toBeUndefined();
    expect(back.history.at(-1)?.note).toMatch(/区县退回街道：请补充收入证明/);

    const one = await submittedTask('苗临时');
    const decided = (
      await t
        .http()
        .post(`/api/v1/tasks/${one.taskId}/review`)
        .set(bearer(street))
        .send({ outcome: 'accept', decision: { kind: 'benefit_granted', policyCode: 'temporary_emergency' } })
        .expect(200)
    ).body as TaskView;
    expect(decided.status).toBe('closed');
    expect(await benefitsOf(one.householdId)).toContain('temporary_emergency');
  });

  it('district staff set the tiers and days per policy group; others read them; every change is audited', async () => {
    const list = (await t.http().get('/api/v1/approval-settings').set(bearer(street)).expect(200)).body as Array<{
      policyGroup: string;
      tiers: number;
      noticeDays: number;
      groupLabel: string;
    }>;
    expect(list.find((s) => s.policyGroup === 'dibao')).toMatchObject({ tiers: 2, noticeDays: 7, groupLabel: '低保' });
    expect(list.find((s) => s.policyGroup === 'temporary')).toMatchObject({ tiers: 1, noticeDays: 0 });
    await t.http().put('/api/v1/approval-settings/dibao').set(bearer(street)).send({ tiers: 1, noticeDays: 0 }).expect(403);
    await t.http().put('/api/v1/approval-settings/dibao').set(bearer(district)).send({ tiers: 3, noticeDays: 0 }).expect(400);
    await t.http().put('/api/v1/approval-settings/dibao').set(bearer(district)).send({ tiers: 1, noticeDays: 99 }).expect(400);
    await t.http().put('/api/v1/approval-settings/nonsense').set(bearer(district)).send({ tiers: 1, noticeDays: 0 }).expect(404);
    const set = await t.http().put('/api/v1/approval-settings/dibao').set(bearer(district)).send({ tiers: 1, noticeDays: 0 }).expect(200);
    expect(set.body).toMatchObject({ policyGroup: 'dibao', tiers: 1, noticeDays: 0 });
    try {
      const { householdId, taskId } = await submittedTask('沈一级');
      const decided = (await t.http().post(`/api/v1/tasks/${taskId}/review`).set(bearer(street)).send(grantDibao).expect(200)).body as TaskView;
      expect(decided.status).toBe('closed');
      expect(await benefitsOf(householdId)).toContain('dibao');
    } finally {
      await t.http().put('/api/v1/approval-settings/dibao').set(bearer(district)).send({ tiers: 2, noticeDays: 7 }).expect(200);
    }
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'approval.update' })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(audit.body.items[0].detail).toMatchObject({ before: { tiers: 1, noticeDays: 0 }, after: { tiers: 2, noticeDays: 7 } });
  });
});
