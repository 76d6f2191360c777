import { ScreeningsService } from '../src/screenings/screenings.service.js';
import { giveConsent, householdBody, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/** 订阅消息 through the real WeChat client against the local fake WeChat server (issue 16). */
describe('subscription messages: the policy found you, and review results', () => {
  let t: TestApp;
  let resident: string;
  let householdId: string;
  let district: string;
  beforeAll(async () => {
    // Enough households that the demo resident's community has a family with help to find.
    t = await startTestApp({ DEMO_HOUSEHOLDS: '400' });
    resident = await t.tokenFor('resident');
    district = await t.tokenFor('district_reviewer');
    householdId = (await t.http().get('/api/v1/auth/me').set(bearer(resident)).expect(200)).body.householdId as string;
  });
  afterAll(() => t.close());

  /** The household's eligible results, as a screening before a raised standard would have left them. */
  async function forgetEligible(): Promise<string[]> {
    const rows = await t.dataSource.query<Array<{ policyCode: string }>>(
      "SELECT policyCode FROM eligibility_current WHERE householdId = ? AND outcome = 'eligible'",
      [householdId],
    );
    await t.dataSource.query("DELETE FROM eligibility_current WHERE householdId = ? AND outcome = 'eligible'", [householdId]);
    return rows.map((r) => r.policyCode);
  }

  async function screen(): Promise<void> {
    const run = await t
      .http()
      .post('/api/v1/screenings')
      .set(bearer(district))
      .send({})
      .expect((r) => expect([200, 201]).toContain(r.status));
    for (let i = 0; i < 200; i++) {
      const s = await t
        .http()
        .get(`/api/v1/screenings/${run.body.id as string}`)
        .set(bearer(district))
        .expect(200);
      if (s.body.status !== 'running') {
        expect(s.body.status).toBe('completed');
        // Messages go out after the run completes, in the same background task (afterFinish): wait
        // for that, not for a fixed time, which a slow machine or a slow WeChat answer outlasts.
        await t.app.get(ScreeningsService).finished(run.body.id as string);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('screening did not finish');
  }

  const templates = async (): Promise<Array<{ kind: string; templateId: string; remaining: number }>> =>
    (await t.http().get('/api/v1/notifications/subscriptions').set(bearer(resident)).expect(200)).body;

  it('tells a bound resident once, in plain words, when a screening finds their household newly eligible — and only as often as they subscribed', async () => {
    expect((await templates()).map((x) => [x.kind, x.remaining])).toEqual([
      ['policy_found', 0],
      ['status_change', 0],
    ]);

    // Not subscribed: kept for the resident's own list, nothing sent to WeChat.
    const found = await forgetEligible();
    expect(found.length).toBeGreaterThan(0);
    await screen();
    expect(t.wechat.messages).toHaveLength(0);
    let mine = (await t.http().get('/api/v1/notifications').set(bearer(resident)).expect(200)).body as Array<{
      kind: string;
      status: string;
      title: string;
      fields: Array<{ label: string; value: string }>;
    }>;
    expect(mine[0]).toMatchObject({ kind: 'policy_found', status: 'not_subscribed' });

    // Subscribed once (wx.requestSubscribeMessage answered "accept"): exactly one message.
    const policyFound = (await templates()).find((x) => x.kind === 'policy_found')!;
    const after = (
      await t
        .http()
        .post('/api/v1/notifications/subscriptions')
        .set(bearer(resident))
        .send({ accepted: [policyFound.templateId] })
        .expect(200)
    ).body as Array<{ kind: string; remaining: number }>;
    expect(after.find((x) => x.kind === 'policy_found')!.remaining).toBe(1);
    await forgetEligible();
    await screen();
    expect(t.wechat.messages).toHaveLength(1);
    const msg = t.wechat.messages[0]!;
    expect(msg).toMatchObject({ touser: 'demo-openid-resident', template_id: policyFound.templateId, page: 'pages/help/index', miniprogram_state: 'formal' });
    const words = Object.values(msg.data).map((v) => v.value);
    expect(words).toHaveLength(4);
    expect(words.join(' ')).toMatch(/身份证|便民服务中心/); // how to apply
    expect(words.join(' ')).not.toMatch(/\d{4,}|[a-z]{4,}/); // no raw amounts, no field names
    expect((await templates()).find((x) => x.kind === 'policy_found')!.remaining).toBe(0);
    mine = (await t.http().get('/api/v1/notifications').set(bearer(resident)).expect(200)).body;
    expect(mine[0]).toMatchObject({ kind: 'policy_found', status: 'sent', title: '有新的帮助可能适合您家' });
    expect(mine[0]!.fields.map((f) => f.label)).toEqual(['可能符合', '可以得到', '怎么申请', '温馨提示']);

    // The subscription is spent: a third finding is not sent.
    await forgetEligible();
    await screen();
    expect(t.wechat.messages).toHaveLength(1);

    // The grid worker's outreach stays: the screening-found warning and its task are still open for this family.
    const tasks = await t.http().get(`/api/v1/tasks?householdId=${householdId}`).set(bearer(district)).expect(200);
    expect(tasks.body.items.filter((x: { status: string }) => x.status === 'closed')).toHaveLength(0);
  });

  it('gives an undelivered message back, and stops at a refusal (43101)', async () => {
    const policyFound = (await templates()).find((x) => x.kind === 'policy_found')!;
    await t
      .http()
      .post('/api/v1/notifications/subscriptions')
      .set(bearer(resident))
      .send({ accepted: [policyFound.templateId] })
      .expect(200);
    t.wechat.sendErrcode = 43101;
    await forgetEligible();
    await screen();
    t.wechat.sendErrcode = 0;
    expect(t.wechat.messages).toHaveLength(1);
    expect((await templates()).find((x) => x.kind === 'policy_found')!.remaining).toBe(0);
    const mine = (await t.http().get('/api/v1/notifications').set(bearer(resident)).expect(200)).body as Array<{ status: string }>;
    expect(mine[0]!.status).toBe('failed');
  });

  it('tells a resident the review result of their own report', async () => {
    const login = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'notify-me' }).expect(200);
    const token = login.body.accessToken as string;
    const head = person('吴秀兰', 1960, true);
    await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(token))
      .send({ realName: head.name, idNumber: head.idNumber, consentToIdentityProcessing: true, faceVerifyResult: 'demo-face-pass' })
      .expect(200);
    const status = (await t.http().get('/api/v1/notifications/subscriptions').set(bearer(token)).expect(200)).body.find(
      (x: { kind: string }) => x.kind === 'status_change',
    ) as { templateId: string };
    await t
      .http()
      .post('/api/v1/notifications/subscriptions')
      .set(bearer(token))
      .send({ accepted: [status.templateId, 'not-a-template-of-ours'] })
      .expect(200);
    const consentId = await giveConsent(t, token, head, { method: 'self_online', signatureImage: undefined });
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(token))
      .set('Idempotency-Key', 'notify-me-create-1')
      .send(householdBody(consentId, await workerPlacement(t), head))
      .expect(201);
    const street = await t.tokenFor('street_reviewer');
    const before = t.wechat.messages.length;
    await t
      .http()
      .post(`/api/v1/submissions/${created.body.submissionId as string}/review`)
      .set(bearer(street))
      .send({ decision: 'return', reason: '请补充收入证明' })
      .expect(200);
    for (let i = 0; i < 50 && t.wechat.messages.length < before + 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.wechat.messages).toHaveLength(before + 1);
    const msg = t.wechat.messages[before]!;
    expect(msg.touser).toBe('openid-notify-me');
    expect(msg.template_id).toBe(status.templateId);
    expect(msg.data.phrase2!.value).toBe('需修改');
    expect(msg.data.thing3!.value).toContain('请补充收入证明');
  });

  it('is for residents only, and refuses templates that are not ours', async () => {
    const worker = await t.tokenFor('grid_worker');
    expect((await t.http().get('/api/v1/notifications').set(bearer(worker))).status).toBe(403);
    expect((await t.http().post('/api/v1/notifications/subscriptions').set(bearer(worker)).send({ accepted: [] })).status).toBe(403);
    expect(await t.http().get('/api/v1/notifications')).toHaveProperty('status', 401);
    const bad = await t
      .http()
      .post('/api/v1/notifications/subscriptions')
      .set(bearer(resident))
      .send({ accepted: ['someone-elses-template'] });
    expect(bad.status).toBe(400);
    expect((await t.http().post('/api/v1/notifications/subscriptions').set(bearer(resident)).send({ accepted: 'x' })).status).toBe(400);
  });
});
