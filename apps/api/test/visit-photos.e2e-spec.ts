/**
 * Visit photos (issue 16): the grid worker's visit carries photos taken at the door, uploaded one by
 * one for the task (from the phone's outbox, each with its Idempotency-Key) and named in the
 * findings; stored as encrypted attachments of the household that name the task; the reviewer sees
 * them. Attacks: another grid's task, a photo of someone else's visit, too big, too many, replays.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/seed/demo-seed.service.js';
import { createHouseholdAsStaff, person, workerPlacement, type Placement } from './fixtures.js';
import { smallPng } from './fixtures/images.js';
import { bearer, currentTotp, startTestApp, type TestApp } from './harness.js';

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
  } catch {
    return [];
  }
}

describe('visit photos (issue 16)', () => {
  let t: TestApp;
  let place: Placement;
  let worker: string;
  let district: string;
  let street: string;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: String(300_000) });
    place = await workerPlacement(t);
    worker = await t.tokenFor('grid_worker');
    district = await t.tokenFor('district_reviewer');
    street = await t.tokenFor('street_reviewer');
  });
  afterAll(() => t.close());

  async function claimedTask(name: string): Promise<{ taskId: string; householdId: string }> {
    const householdId = (await createHouseholdAsStaff(t, place, person(name))).id;
    const task = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId }).expect(201)).body as { id: string };
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set(bearer(worker)).expect(200);
    return { taskId: task.id, householdId };
  }

  const photo = (token: string, taskId: string, data: Buffer, key?: string) => {
    const req = t.http().post(`/api/v1/tasks/${taskId}/photos`).set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.attach('file', data, 'visit.png');
  };

  const findings = (photoIds: string[]) => ({
    visitedAt: new Date().toISOString(),
    outcome: 'not_home',
    gps: { lat: 30.68, lng: 103.85, accuracy: 15 },
    notes: '敲门无人应答，门口拍照留证。',
    photoIds,
  });

  it('a visit with two photos and a 未遇到 outcome: stored encrypted with the task, sent once, seen by the reviewer', async () => {
    const { taskId, householdId } = await claimedTask('鲍永年');
    const a = await photo(worker, taskId, await smallPng('#aa3311'), 'visit-photo-key-0001').expect(201);
    expect(a.body).toMatchObject({ householdId, taskId, kind: 'visit_photo', mimeType: 'image/png' });
    // The outbox resends after a lost answer: the same key answers the first record, nothing new.
    const replay = await photo(worker, taskId, await smallPng('#aa3311'), 'visit-photo-key-0001');
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(a.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // Same photo under a new key (the phone lost its key): still one record.
    const resent = await photo(worker, taskId, await smallPng('#aa3311'), 'visit-photo-key-0002').expect(200);
    expect(resent.body.id).toBe(a.body.id);
    // A key reused for another photo is refused, never answered with the first photo's record.
    const reused = await photo(worker, taskId, await smallPng('#1133aa'), 'visit-photo-key-0001').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const b = await photo(worker, taskId, await smallPng('#1133aa'), 'visit-photo-key-0003').expect(201);

    const body = findings([a.body.id, b.body.id]);
    const submitted = await t.http().post(`/api/v1/tasks/${taskId}/submit`).set(bearer(worker)).set('Idempotency-Key', 'visit-submit-0001').send(body);
    expect(submitted.status).toBe(200);
    // The findings sent again with the same key: the first answer, no second submission.
    const again = await t.http().post(`/api/v1/tasks/${taskId}/submit`).set(bearer(worker)).set('Idempotency-Key', 'visit-submit-0001').send(body);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const rows = await t.dataSource.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM attachment WHERE taskId = ?', [taskId]);
    expect(Number(rows[0]!.n)).toBe(2);
    const task = (await t.http().get(`/api/v1/tasks/${taskId}`).set(bearer(street)).expect(200)).body as {
      status: string;
      history: Array<{ status: string }>;
      findings: { outcome: string; photoIds: string[] };
    };
    expect(task.status).toBe('submitted');
    expect(task.history.filter((h) => h.status === 'submitted')).toHaveLength(1);
    expect(task.findings).toMatchObject({ outcome: 'not_home', photoIds: [a.body.id, b.body.id] });
    // The reviewer reads the photos in the household's file; the stored objects are encrypted.
    const list = (await t.http().get('/api/v1/attachments').query({ householdId }).set(bearer(street)).expect(200)).body as Array<{
      id: string;
      kind: string;
      taskId: string;
    }>;
    expect(list.filter((x) => x.kind === 'visit_photo').map((x) => x.taskId)).toEqual([taskId, taskId]);
    const content = await t.http().get(`/api/v1/attachments/${a.body.id}/content`).set(bearer(street)).expect(200);
    expect(content.headers['content-type']).toBe('image/png');
    for (const f of filesUnder(join(t.config.dataDir, 'attachments'))) expect(readFileSync(f).subarray(1, 4).toString('latin1')).not.toBe('PNG');
  });

  it('refuses a photo of someone else’s visit, made-up ids, too many photos, and an oversized file', async () => {
    const mine = await claimedTask('詹文清');
    const other = await claimedTask('詹文秀');
    const foreign = await photo(worker, other.taskId, await smallPng('#22aa22')).expect(201);
    const ownPhoto = await photo(worker, mine.taskId, await smallPng('#2222aa')).expect(201);
    const borrowed = await t
      .http()
      .post(`/api/v1/tasks/${mine.taskId}/submit`)
      .set(bearer(worker))
      .send(findings([ownPhoto.body.id, foreign.body.id]));
    expect(borrowed.status).toBe(422);
    expect(borrowed.body.code).toBe('VISIT_PHOTO_UNKNOWN');
    const madeUp = await t
      .http()
      .post(`/api/v1/tasks/${mine.taskId}/submit`)
      .set(bearer(worker))
      .send(findings(['0b8f7c1e-1111-4222-8333-944455556666']));
    expect(madeUp.body.code).toBe('VISIT_PHOTO_UNKNOWN');
    const notUuid = await t
      .http()
      .post(`/api/v1/tasks/${mine.taskId}/submit`)
      .set(bearer(worker))
      .send(findings(['../../etc/passwd']));
    expect(notUuid.status).toBe(400);
    const tooManyIds = await t
      .http()
      .post(`/api/v1/tasks/${mine.taskId}/submit`)
      .set(bearer(worker))
      .send(findings(Array.from({ length: 10 }, (_, i) => `0b8f7c1e-1111-4222-8333-9444555566${String(i).padStart(2, '0')}`)));
    expect(tooManyIds.status).toBe(400);

    // Nine photos per visit; the tenth is refused with its own code.
    for (let i = 1; i < 9; i++) await photo(worker, mine.taskId, await smallPng(`#${(0x101010 * i).toString(16).padStart(6, '0')}`)).expect(201);
    const tenth = await photo(worker, mine.taskId, await smallPng('#fefefe'));
    expect(tenth.status).toBe(422);
    expect(tenth.body.code).toBe('VISIT_PHOTO_LIMIT');

    // Two phones (or a resend racing the first send) upload for the last place at the same moment: one gets it.
    const race = await claimedTask('车玉兰');
    for (let i = 1; i < 9; i++) await photo(worker, race.taskId, await smallPng(`#${(0x0f0f0f * i).toString(16).padStart(6, '0')}`)).expect(201);
    const both = await Promise.all([photo(worker, race.taskId, await smallPng('#a1b2c3')), photo(worker, race.taskId, await smallPng('#c3b2a1'))]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
    const stored = await t.http().get('/api/v1/attachments').query({ householdId: race.householdId }).set(bearer(district)).expect(200);
    expect((stored.body as Array<{ kind: string }>).filter((a) => a.kind === 'visit_photo')).toHaveLength(9);

    const big = await photo(worker, other.taskId, Buffer.concat([await smallPng('#123456'), Buffer.alloc(400_000, 1)]));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('FILE_TOO_LARGE');
    const notImage = await photo(worker, other.taskId, Buffer.from('not an image at all, just text'));
    expect(notImage.status).toBe(415);
    // A visit photo cannot be slipped in through the papers' upload.
    const viaPapers = await t
      .http()
      .post('/api/v1/attachments')
      .set(bearer(worker))
      .field('householdId', mine.householdId)
      .field('kind', 'visit_photo')
      .attach('file', await smallPng('#777777'), 'p.png');
    expect(viaPapers.status).toBe(400);
  });

  it('another grid’s worker, a reviewer, or a task not yet claimed: no upload', async () => {
    const { taskId } = await claimedTask('卜德胜');
    const mine = (await t.http().get('/api/v1/grids').set(bearer(worker)).expect(200)).body as Array<{ id: string }>;
    const all = (
      await t
        .http()
        .get('/api/v1/grids')
        .set(bearer(await t.tokenFor('admin')))
        .expect(200)
    ).body as Array<{ id: string }>;
    const otherGrid = all.find((g) => !mine.some((m) => m.id === g.id))!;
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: `worker-${otherGrid.id}`, password: DEMO_PASSWORD, totp: await currentTotp() })
      .expect(200);
    const stranger = login.body.accessToken as string;
    const png = await smallPng('#abcdef');
    expect((await photo(stranger, taskId, png)).status).toBe(404);
    expect((await photo(street, taskId, png)).status).toBe(403);
    const householdId = (await createHouseholdAsStaff(t, place, person('卜德全'))).id;
    const open = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId }).expect(201)).body as { id: string };
    const unclaimed = await photo(worker, open.id, png);
    expect([403, 409]).toContain(unclaimed.status);
  });
});
