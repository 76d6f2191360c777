import type { TaskView } from '@zczr/contract';
import { createHouseholdAsStaff, person, workerPlacement, type Placement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/**
 * 发起核实 on the worker's phone: POST /api/v1/tasks by a grid worker, for a family of their own grid
 * with no visit under way; the task is theirs. Attacks: another grid, a guessed id, a resident, a
 * second tap (no twin task), a submission the worker may not attach, a bloated body.
 */
describe('a grid worker starts a visit', () => {
  let t: TestApp;
  let worker: string;
  let workerId: string;
  let own: string | undefined;
  let neighbour: string;

  beforeAll(async () => {
    t = await startTestApp();
    const place = await workerPlacement(t);
    worker = await t.tokenFor('grid_worker');
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(worker)).expect(200)).body as { id: string; gridIds: string[] };
    workerId = me.id;
    const grids = (
      await t
        .http()
        .get('/api/v1/grids')
        .set(bearer(await t.tokenFor('admin')))
        .expect(200)
    ).body as Array<{
      id: string;
      communityCode: string;
      streetCode: string;
    }>;
    const g = grids.find((x) => x.streetCode === place.streetCode && !me.gridIds.includes(x.id))!;
    const otherGrid: Placement = { gridId: g.id, communityCode: g.communityCode, streetCode: g.streetCode };
    // A family of the worker's grid with no visit under way (a new file gets its screening tasks at once).
    const district = await t.tokenFor('district_reviewer');
    const listed = (await t.http().get('/api/v1/households').query({ pageSize: 100 }).set(bearer(worker)).expect(200)).body as {
      items: Array<{ id: string; status: string }>;
    };
    for (const h of listed.items.filter((x) => x.status === 'active')) {
      const open = await t.http().get('/api/v1/tasks').query({ householdId: h.id, active: true }).set(bearer(district)).expect(200);
      if (open.body.total === 0) {
        own = h.id;
        break;
      }
    }
    expect(own).toBeDefined();
    neighbour = (await createHouseholdAsStaff(t, otherGrid, person('戊邻访'))).id;
  });
  afterAll(() => t.close());

  it('creates a home visit assigned to the worker, once', async () => {
    const res = await t.http().post('/api/v1/tasks').set(bearer(worker)).send({ householdId: own }).expect(201);
    const task = res.body as TaskView;
    expect(task).toMatchObject({ householdId: own, kind: 'home_visit', reason: 'home_visit', status: 'assigned', assigneeId: workerId });
    const again = await t.http().post('/api/v1/tasks').set(bearer(worker)).send({ householdId: own }).expect(409);
    expect(again.body.code).toBe('INVALID_STATE');
    expect(again.body.message).toContain('已有进行中的核实任务');
    const open = await t.http().get('/api/v1/tasks').query({ householdId: own, active: true }).set(bearer(worker)).expect(200);
    expect(open.body.total).toBe(1);
    const mine = await t.http().get('/api/v1/tasks').query({ mine: true, pageSize: 100 }).set(bearer(worker)).expect(200);
    expect((mine.body.items as TaskView[]).some((x) => x.id === task.id)).toBe(true);
  });

  it("refuses another grid's family and a guessed id with 404", async () => {
    const district = await t.tokenFor('district_reviewer');
    const count = async () => (await t.http().get('/api/v1/tasks').query({ householdId: neighbour }).set(bearer(district)).expect(200)).body.total as number;
    const before = await count();
    const other = await t.http().post('/api/v1/tasks').set(bearer(worker)).send({ householdId: neighbour }).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    await t.http().post('/api/v1/tasks').set(bearer(worker)).send({ householdId: '3f1d7c52-9d51-4c7e-8f0a-5c1f2b6f0e11' }).expect(404);
    await t.http().post('/api/v1/tasks').set(bearer(worker)).send({ householdId: 'not-a-uuid' }).expect(400);
    expect(await count()).toBe(before);
  });

  it('refuses a resident, a submission attached by a worker, and a bloated body', async () => {
    await t
      .http()
      .post('/api/v1/tasks')
      .set(bearer(await t.tokenFor('resident')))
      .send({ householdId: own })
      .expect(403);
    const withSubmission = await t
      .http()
      .post('/api/v1/tasks')
      .set(bearer(worker))
      .send({ householdId: own, submissionId: '3f1d7c52-9d51-4c7e-8f0a-5c1f2b6f0e11' });
    expect(withSubmission.status).toBe(403);
    const bloated = await t
      .http()
      .post('/api/v1/tasks')
      .set(bearer(worker))
      .send({ householdId: own, note: 'x'.repeat(2_000_000) });
    expect(bloated.status).toBeGreaterThanOrEqual(400);
    expect(bloated.status).toBeLessThan(500);
  });
});
