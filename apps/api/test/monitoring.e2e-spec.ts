import type { ImportRun } from '@zczr/contract';
import ExcelJS from 'exceljs';
import { Clock } from '../src/common/time.js';
import { MonitoringPipeline } from '../src/monitoring/monitoring-pipeline.js';
import { TaskDispatch } from '../src/tasks/task-dispatch.service.js';
import { DEMO_PASSWORD } from '../src/seed/demo-seed.service.js';
import { createHouseholdAsStaff, freshIdNumber, person, workerPlacement, type PersonFixture, type Placement, chinaDay } from './fixtures.js';
import { bearer, currentTotp, keepChinaDay, startTestApp, type TestApp } from './harness.js';

interface Task {
  id: string;
  householdId: string;
  status: string;
  assigneeId: string | null;
  dueDate: string;
  escalationLevel: string;
  overdue: boolean;
  decisionKind: string | null;
  decision?: Record<string, unknown>;
  seq: number;
  removed: boolean;
  reason: string;
  createdAt: string;
}
interface Warning {
  id: string;
  householdId: string;
  ruleCode: string;
  colour: string;
  status: string;
  source: string;
  evidence: Record<string, unknown>;
  taskId: string | null;
}

const day = chinaDay;
/** The date in China (UTC+8) of an instant, as the API's Clock.today() gives it. */
const chinaDate = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The loop through the API: department file → warning → task → claim → findings → accept → revised, re-matched, decided. */
describe('monitoring loop', () => {
  let t: TestApp;
  let place: Placement;
  let district: string;
  let street: string;
  let worker: string;
  let workerId: string;
  let head: PersonFixture;
  let child: PersonFixture;
  let household: { id: string; version: number };
  const medicalCsv = (): string =>
    ['身份证号,结算日期,医疗总费用,个人自付', `${head.idNumber},${day(-40)},60000,32000`, `${head.idNumber},${day(-10)},45000,28000`].join('\n');

  async function upload(source: string, body: Buffer | string, name = 'data.csv'): Promise<ImportRun> {
    const res = await t.http().post(`/api/v1/imports/${source}`).set(bearer(district)).attach('file', Buffer.from(body), name);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 202 });
    let run = res.body as ImportRun;
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      run = (await t.http().get(`/api/v1/imports/${run.id}`).set(bearer(district)).expect(200)).body as ImportRun;
    }
    return run;
  }

  async function monitoringRun(): Promise<{ status: string; summary: Record<string, number> }> {
    const started = await t.http().post('/api/v1/monitoring/runs').set(bearer(district)).expect(202);
    let run = started.body as { id: string; status: string; summary: Record<string, number> };
    for (let i = 0; i < 400 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      run = (await t.http().get(`/api/v1/monitoring/runs/${run.id}`).set(bearer(district)).expect(200)).body;
    }
    return run;
  }

  const count = async (table: string): Promise<number> => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    // "A second run changes nothing" holds on one day in China: past China's midnight (16:00 UTC) a
    // re-check may fall due, a 12-month window move, a member turn 60.
    keepChinaDay(t);
    place = await workerPlacement(t);
    district = await t.tokenFor('district_reviewer');
    street = await t.tokenFor('street_reviewer');
    worker = await t.tokenFor('grid_worker');
    workerId = (await t.http().get('/api/v1/auth/me').set(bearer(worker)).expect(200)).body.id as string;
    head = person('钱大病', 1980);
    child = person('钱小子', 1985);
    household = await createHouseholdAsStaff(t, place, head, [child]);
  });
  afterAll(() => t.close());

  it('walks the loop: medical import → warning → task on the grid worker → claim → findings → accept → household revised and re-matched, decision recorded', async () => {
    const run = await upload('medical_settlement', medicalCsv());
    expect(run).toMatchObject({ status: 'completed', processedRows: 2, takenRows: 2, errorRows: 0, duplicateRows: 0, unmatchedRows: 0 });
    expect(run.warningsRaised).toBeGreaterThanOrEqual(1);
    // Department records: the person only by keyed hash, the values encrypted.
    const stored = await t.dataSource.query('SELECT personHash, payloadEnc FROM department_record WHERE householdId = ?', [household.id]);
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(head.idNumber);
    expect(JSON.stringify(stored)).not.toContain('32000');

    const list = await t.http().get('/api/v1/warnings').query({ rule: 'medical_self_paid', colour: 'orange' }).set(bearer(street)).expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 20 });
    // One warning per event, whoever reported first: the family declared 30,000 yuan of self-paid costs (over 40% of its
    // income) when the record was made, which raised the warning; the settlements that follow raise no second one.
    const ours = (list.body.items as Warning[]).filter((w) => w.householdId === household.id);
    expect(ours).toHaveLength(1);
    const warning = ours[0]!;
    expect(warning).toMatchObject({ ruleCode: 'medical_self_paid', colour: 'orange', status: 'tasked', source: 'declared' });
    expect(warning.evidence).toMatchObject({ selfPaid12m: 30000, declaredSelfPaid12m: 30000, settlements: 0, source: 'declared', amountLine: 50000 });
    expect(JSON.stringify(list.body)).not.toContain(head.idNumber);
    // Out of scope: a resident may not list warnings at all.
    await t
      .http()
      .get('/api/v1/warnings')
      .set(bearer(await t.tokenFor('resident')))
      .expect(403);

    // The task is on the phone of the grid worker of the household's grid, due in 15 working days.
    const task = (await t.http().get(`/api/v1/tasks/${warning.taskId}`).set(bearer(worker)).expect(200)).body as Task;
    expect(task).toMatchObject({ householdId: household.id, status: 'assigned', assigneeId: workerId, reason: 'medical_self_paid', escalationLevel: 'none' });
    // 15 working days by the working calendar, counted from the day in China the task was made (not
    // from today: the task was made before this test, and China's midnight may have passed since);
    // more than 15 calendar days, as weekends do not count.
    const calendar = await t.app.get(TaskDispatch).calendar();
    const madeOn = chinaDate(task.createdAt);
    expect(task.dueDate).toBe(calendar.addWorkingDays(madeOn, 15));
    expect(task.dueDate > addDays(madeOn, 15)).toBe(true);
    const mine = await t.http().get('/api/v1/tasks').query({ mine: true, pageSize: 500 }).set(bearer(worker)).expect(200);
    expect((mine.body.items as Task[]).map((x) => x.id)).toContain(task.id);

    // Two claims at once (a retried phone request): exactly one wins.
    const claims = await Promise.all([1, 2].map(() => t.http().post(`/api/v1/tasks/${task.id}/claim`).set(bearer(worker))));
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    expect(claims.find((c) => c.status === 409)!.body.code).toBe('TASK_ALREADY_CLAIMED');

    const before = (
      await t.dataSource.query('SELECT policyCode FROM eligibility_current WHERE householdId = ? AND outcome = ? ORDER BY policyCode', [
        household.id,
        'eligible',
      ])
    ).map((r: { policyCode: string }) => r.policyCode);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({
        visitedAt: new Date().toISOString(),
        gps: { lat: 30.68, lng: 103.85 },
        notes: '入户核实：户主已在社区公益岗位就业，家庭医疗支出属实。',
        factUpdates: {
          incomes: [{ type: 'wage', monthlyAmount: 5200 }],
          expenses: [{ type: 'medical_self_paid', amount12m: 60000 }],
          members: [{ position: 0, employment: 'employed' }],
        },
      })
      .expect(200);
    // Street review: return once, the worker resubmits, then accept with a decision.
    const returned = await t
      .http()
      .post(`/api/v1/tasks/${task.id}/review`)
      .set(bearer(street))
      .send({ outcome: 'return', reason: '请补充就业单位名称' })
      .expect(200);
    expect(returned.body.status).toBe('returned');
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({
        visitedAt: new Date().toISOString(),
        gps: { lat: 30.68, lng: 103.85 },
        notes: '户主在社区公益岗位就业（温江区某社区）。',
        factUpdates: {
          incomes: [{ type: 'wage', monthlyAmount: 5200 }],
          expenses: [{ type: 'medical_self_paid', amount12m: 60000 }],
          members: [{ position: 0, employment: 'employed' }],
        },
      })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/review`)
      .set(bearer(street))
      .send({ outcome: 'accept', decision: { kind: 'no_action' } })
      .expect(400);
    const accepted = await t
      .http()
      .post(`/api/v1/tasks/${task.id}/review`)
      .set(bearer(street))
      .send({ outcome: 'accept', decision: { kind: 'referral', provider: '温江区社会工作服务中心', reason: '医疗负担重，转介医务社工' } })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'closed', decisionKind: 'referral' });
    const decision = accepted.body.decision as { revisedVersion: number; eligibleBefore: string[]; eligibleAfter: string[]; provider: string };
    expect(decision.provider).toBe('温江区社会工作服务中心');
    expect(decision.revisedVersion).toBe(household.version + 1);
    expect(decision.eligibleBefore).toEqual(before);
    expect(decision.eligibleAfter).not.toEqual(decision.eligibleBefore);
    expect((accepted.body.history as Array<{ status: string }>).map((h) => h.status)).toEqual([
      'open',
      'assigned',
      'in_progress',
      'submitted',
      'returned',
      'submitted',
      'accepted',
      'closed',
    ]);

    // The household was revised through a revision and re-matched.
    const hh = await t.http().get(`/api/v1/households/${household.id}`).set(bearer(district)).expect(200);
    expect(hh.body.version).toBe(household.version + 1);
    // Findings are a patch: the household-level wage is set, other income items are kept.
    expect(hh.body.incomes).toContainEqual({ type: 'wage', monthlyAmount: 5200 });
    expect((hh.body.incomes as Array<{ type: string; memberIndex?: number }>).filter((i) => i.type === 'wage' && i.memberIndex === undefined)).toHaveLength(1);
    const after = (
      await t.dataSource.query('SELECT policyCode FROM eligibility_current WHERE householdId = ? AND outcome = ? ORDER BY policyCode', [
        household.id,
        'eligible',
      ])
    ).map((r: { policyCode: string }) => r.policyCode);
    expect(after).toEqual(decision.eligibleAfter);
    const revisions = await t.http().get(`/api/v1/households/${household.id}/revisions`).set(bearer(district)).expect(200);
    expect(revisions.body[0].version).toBe(household.version + 1);
    const warnings = await t.http().get('/api/v1/warnings').query({ householdId: household.id, rule: 'medical_self_paid' }).set(bearer(district)).expect(200);
    expect(warnings.body.items[0].status).toBe('closed');
    // Risk was scored, with history.
    const risk = await t.http().get(`/api/v1/risk/households/${household.id}`).set(bearer(street)).expect(200);
    expect(['orange', 'yellow', 'blue', 'green']).toContain(risk.body.colour);
    expect(risk.body.history.length).toBeGreaterThanOrEqual(1);
    household = { id: household.id, version: hh.body.version as number };
  });

  it('a repeated import changes nothing', async () => {
    const tables = ['department_record', 'warning', 'verification_task', 'risk_history'];
    const counts = await Promise.all(tables.map(count));
    const run = await upload('medical_settlement', medicalCsv());
    expect(run).toMatchObject({ status: 'completed', processedRows: 2, takenRows: 0, duplicateRows: 2, errorRows: 0, warningsRaised: 0 });
    expect(await Promise.all(tables.map(count))).toEqual(counts);
  });

  it('a malformed import reports every row not taken (row, column, reason) and stores only the good rows', async () => {
    const records = await count('department_record');
    const empty = await t.http().post('/api/v1/imports/medical_settlement').set(bearer(district)).attach('file', Buffer.alloc(0), 'empty.csv');
    expect({ status: empty.status, code: empty.body.code }).toEqual({ status: 400, code: 'IMPORT_FILE_EMPTY' });
    const unknown = await t.http().post('/api/v1/imports/tax_records').set(bearer(district)).attach('file', Buffer.from('a,b\n1,2'), 'x.csv');
    expect(unknown.status).toBe(404);
    await t.http().post('/api/v1/imports/medical_settlement').set(bearer(street)).attach('file', Buffer.from(medicalCsv()), 'x.csv').expect(403);

    const wrong = await upload('medical_settlement', '姓名,日期,金额\n张三,2025-01-01,100');
    expect(wrong).toMatchObject({ status: 'rejected', takenRows: 0 });
    const wrongReport = await t.http().get(`/api/v1/imports/${wrong.id}/errors`).set(bearer(district)).expect(200);
    expect(wrongReport.headers['content-type']).toMatch(/text\/csv/);
    expect(wrongReport.text).toContain('1,"身份证号","缺少必需列“身份证号”"');

    const bad = head.idNumber.slice(0, 17) + (head.idNumber.endsWith('0') ? '1' : '0');
    const stranger = freshIdNumber(1970);
    const csv = [
      '身份证号,结算日期,医疗总费用,个人自付',
      `${bad},${day(-5)},1000,500`,
      `${child.idNumber},2025-13-45,1000,500`,
      `${child.idNumber},${day(30)},1000,500`,
      `${child.idNumber},${day(-3)},1000,1500`,
      `${child.idNumber},${day(-2)},1200,300`,
      `${child.idNumber},${day(-2)},1200,300`,
      `${stranger},${day(-2)},1200,300`,
      `${child.idNumber},${day(-1)},abc,300`,
    ].join('\n');
    const run = await upload('medical_settlement', csv);
    expect(run).toMatchObject({ status: 'completed', processedRows: 8, takenRows: 1, errorRows: 5, duplicateRows: 1, unmatchedRows: 1 });
    const report = (await t.http().get(`/api/v1/imports/${run.id}/errors`).set(bearer(district)).expect(200)).text;
    const lines = report
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('行号,列,原因');
    const rows = lines.slice(1).map((l) => Number(l.split(',')[0]));
    expect([...new Set(rows)].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 7, 8, 9]);
    expect(report).toMatch(/2,"身份证号","身份证号码无效/);
    expect(report).toContain('3,"结算日期","日期格式不正确');
    expect(report).toContain('4,"结算日期","日期不能晚于今天');
    expect(report).toContain('5,"个人自付","个人自付不能大于医疗总费用"');
    expect(report).toContain('7,"","与第 6 行重复，已忽略"');
    expect(report).toContain('8,"身份证号","未匹配到本辖区在册家庭成员，未导入"');
    expect(report).toContain('9,"医疗总费用"');
    expect(report).not.toContain(stranger);
    expect(await count('department_record')).toBe(records + 1);
  });

  it('imports an Excel file (streamed) and a death of an earner raises an orange warning', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('死亡登记');
    ws.addRow(['身份证号', '死亡日期']);
    ws.addRow([child.idNumber, new Date(`${day(-3)}T00:00:00Z`)]);
    const run = await upload('death', Buffer.from(await wb.xlsx.writeBuffer()), 'death.xlsx');
    expect(run).toMatchObject({ status: 'completed', takenRows: 1, errorRows: 0 });
    const res = await t.http().get('/api/v1/warnings').query({ householdId: household.id, rule: 'earner_event' }).set(bearer(district)).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ colour: 'orange', evidence: { events: [{ event: 'death', relation: 'child' }] } });
  });

  it("an import's rules page by page (the next page read while one is decided) raise each household's warning once", async () => {
    const pipeline = t.app.get(MonitoringPipeline);
    const families = [];
    for (let i = 0; i < 5; i++) {
      const adult = person(`孙${'甲乙丙丁戊'[i]}`, 1984 + i);
      families.push({ adult, household: await createHouseholdAsStaff(t, place, person(`孙${'一二三四五'[i]}`, 1960 + i), [adult]) });
    }
    pipeline.pageSize = 2; // three pages, each read while the one before it is decided
    try {
      const run = await upload('death', ['身份证号,死亡日期', ...families.map((f) => `${f.adult.idNumber},${day(-2)}`)].join('\n'));
      expect(run).toMatchObject({ status: 'completed', takenRows: 5, errorRows: 0 });
      // Every household's warnings from the import: the same rules for each (they are alike), none
      // twice, and what the import reports raising is what the households got.
      const rules = [];
      for (const f of families) {
        const res = await t.http().get('/api/v1/warnings').query({ householdId: f.household.id, pageSize: 50 }).set(bearer(district)).expect(200);
        const codes = (res.body.items as Warning[])
          .filter((w) => w.source === 'import')
          .map((w) => w.ruleCode)
          .sort();
        expect(new Set(codes).size).toBe(codes.length);
        expect(codes).toContain('earner_event');
        rules.push(codes);
      }
      expect(rules.every((c) => JSON.stringify(c) === JSON.stringify(rules[0]))).toBe(true);
      expect(run.warningsRaised).toBe(rules.flat().length);
    } finally {
      pipeline.pageSize = 1000;
    }
  });

  it('a monitoring run raises screening warnings and due re-checks; a second run changes nothing', async () => {
    const first = await monitoringRun();
    expect(first.status).toBe('completed');
    expect(first.summary.households).toBeGreaterThan(50);
    expect(first.summary.warnings).toBeGreaterThan(0);
    const tables = ['warning', 'verification_task', 'risk_history', 'household_risk'];
    const counts = await Promise.all(tables.map(count));
    const second = await monitoringRun();
    expect(second.status).toBe('completed');
    expect(second.summary).toMatchObject({ warnings: 0, tasks: 0, rechecks: 0, riskChanged: 0 });
    expect(await Promise.all(tables.map(count))).toEqual(counts);
    const screening = await t.http().get('/api/v1/warnings').query({ rule: 'screening_unknown', pageSize: 5 }).set(bearer(district)).expect(200);
    expect(screening.body.total).toBeGreaterThan(0);
    const rules = await t.http().get('/api/v1/warnings/rules').set(bearer(district)).expect(200);
    expect(rules.body.rules.length).toBe(10);
    expect(rules.body.parameters.find((p: { name: string }) => p.name === 'warn_medical_self_paid_amount').value).toBe(50000);
  });

  it('reassigns, balances and syncs; two workers racing for an open task: exactly one wins', async () => {
    // A second worker joins the grid.
    const other = (
      await t.dataSource.query("SELECT id, username FROM app_user WHERE role = 'grid_worker' AND username LIKE 'worker-%' ORDER BY username LIMIT 1")
    )[0] as { id: string; username: string };
    await t.dataSource.query('INSERT INTO grid_worker (gridId, userId) VALUES (?, ?)', [place.gridId, other.id]);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: other.username, password: DEMO_PASSWORD, totp: await currentTotp() })
      .expect(200);
    const otherToken = login.body.accessToken as string;

    const sync0 = await t.http().get('/api/v1/tasks').query({ since: 0, pageSize: 500 }).set(bearer(worker)).expect(200);
    const cursor = sync0.body.cursor as number;
    expect(cursor).toBeGreaterThan(0);
    expect((await t.http().get('/api/v1/tasks').query({ since: cursor }).set(bearer(worker)).expect(200)).body.items).toEqual([]);

    // Balanced: the new worker has no open tasks, so a new home visit goes to them.
    const created = await t.http().post('/api/v1/tasks').set(bearer(street)).send({ householdId: household.id }).expect(201);
    expect(created.body).toMatchObject({ status: 'assigned', assigneeId: other.id, reason: 'home_visit' });
    // Reassign to the demo worker: their phone sees it; then back to the pool: the phone learns it is gone.
    await t.http().post(`/api/v1/tasks/${created.body.id}/reassign`).set(bearer(street)).send({ assigneeId: workerId }).expect(200);
    const sync1 = await t.http().get('/api/v1/tasks').query({ since: cursor }).set(bearer(worker)).expect(200);
    expect(sync1.body.items).toHaveLength(1);
    expect(sync1.body.items[0]).toMatchObject({ id: created.body.id, status: 'assigned', removed: false });
    await t
      .http()
      .post(`/api/v1/tasks/${created.body.id}/reassign`)
      .set(bearer(street))
      .send({ assigneeId: '3f1d7c52-9d51-4c7e-8f0a-5c1f2b6f0e11' })
      .expect(400);
    await t.http().post(`/api/v1/tasks/${created.body.id}/reassign`).set(bearer(street)).send({ assigneeId: null }).expect(200);
    const sync2 = await t.http().get('/api/v1/tasks').query({ since: sync1.body.cursor }).set(bearer(worker)).expect(200);
    expect(sync2.body.items[0]).toMatchObject({ id: created.body.id, status: 'open', removed: true });

    const claims = await Promise.all([worker, otherToken].map((tok) => t.http().post(`/api/v1/tasks/${created.body.id}/claim`).set(bearer(tok))));
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = claims.find((c) => c.status === 200)!.body as Task;
    expect([workerId, other.id]).toContain(winner.assigneeId);
    expect(winner.status).toBe('in_progress');
    // A worker outside the grid cannot see it at all.
    const stranger = (
      await t.dataSource.query("SELECT username FROM app_user WHERE role = 'grid_worker' AND username LIKE 'worker-%' ORDER BY username DESC LIMIT 1")
    )[0] as { username: string };
    const strangerLogin = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: stranger.username, password: DEMO_PASSWORD, totp: await currentTotp() })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/tasks/${created.body.id}/claim`)
      .set(bearer(strangerLogin.body.accessToken as string))
      .expect(404);
  });

  it('escalates an overdue task community → street → district (fake clock)', async () => {
    const created = await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: household.id }).expect(201);
    const due = created.body.dueDate as string;
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    const at = (date: string): void => {
      clock.now = () => new Date(`${date}T02:00:00Z`);
    };
    // Late by working days (holidays do not count): the days a level is reached come from the API's
    // own calendar, not from a week of calendar days (a week over 国庆 has no working day at all).
    const calendar = await t.app.get(TaskDispatch).calendar();
    const step = t.config.monitoring.escalationStepDays;
    const level = async (): Promise<string> =>
      ((await t.http().get(`/api/v1/tasks/${created.body.id}`).set(bearer(district)).expect(200)).body as Task).escalationLevel;
    try {
      at(due);
      expect((await monitoringRun()).status).toBe('completed');
      expect(await level()).toBe('none');
      at(addDays(due, 1));
      await monitoringRun();
      expect(await level()).toBe('community');
      const overdue = await t.http().get('/api/v1/tasks').query({ overdue: true, pageSize: 500 }).set(bearer(street)).expect(200);
      expect((overdue.body.items as Task[]).find((x) => x.id === created.body.id)).toMatchObject({ overdue: true, escalationLevel: 'community' });
      at(calendar.addWorkingDays(due, step));
      await monitoringRun();
      expect(await level()).toBe('street');
      at(calendar.addWorkingDays(due, 2 * step));
      const run = await monitoringRun();
      expect(run.summary.escalated).toBeGreaterThan(0);
      expect(await level()).toBe('district');
      const history = (await t.http().get(`/api/v1/tasks/${created.body.id}`).set(bearer(district)).expect(200)).body.history as Array<{ status: string }>;
      expect(history.map((h) => h.status).filter((s) => s.startsWith('escalated'))).toEqual(['escalated_community', 'escalated_street', 'escalated_district']);
    } finally {
      clock.now = realNow;
    }
  });
});
