import { createHash, createHmac } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { signS3Request } from '../src/attachments/s3-attachment-store.js';
import { DEMO_PASSWORD } from '../src/seed/demo-seed.service.js';
import { createHouseholdAsStaff, giveConsent, householdBody, person, workerPlacement, type Placement } from './fixtures.js';
import { fixture, pngClaiming, smallPng, TEXT_AS_JPG, truncated } from './fixtures/images.js';
import { bearer, currentTotp, startTestApp, type TestApp } from './harness.js';

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const n of names) {
    const p = join(dir, n);
    out = statSync(p).isDirectory() ? [...out, ...filesUnder(p)] : [...out, p];
  }
  return out;
}

/** A grid worker of some grid the demo worker does not work. */
async function workerOfAnotherGrid(t: TestApp): Promise<string> {
  const mine = (
    await t
      .http()
      .get('/api/v1/grids')
      .set(bearer(await t.tokenFor('grid_worker')))
      .expect(200)
  ).body as Array<{ id: string }>;
  const all = (
    await t
      .http()
      .get('/api/v1/grids')
      .set(bearer(await t.tokenFor('admin')))
      .expect(200)
  ).body as Array<{ id: string }>;
  const other = all.find((g) => !mine.some((m) => m.id === g.id))!;
  const res = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ username: `worker-${other.id}`, password: DEMO_PASSWORD, totp: await currentTotp() })
    .expect(200);
  return res.body.accessToken as string;
}

describe('attachments: photos of papers in a household file (local store)', () => {
  let t: TestApp;
  let place: Placement;
  let worker: string;
  let household: string;
  let png: Buffer;
  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: String(400_000) });
    place = await workerPlacement(t);
    worker = await t.tokenFor('grid_worker');
    household = (await createHouseholdAsStaff(t, place, person('冯建华'))).id;
    png = await smallPng();
  });
  afterAll(() => t.close());

  const upload = (token: string, householdId: string, data: Buffer, extra: Record<string, string> = {}, field = 'file') => {
    const req = t
      .http()
      .post('/api/v1/attachments')
      .set(bearer(token))
      .field('householdId', householdId)
      .field('kind', extra.kind ?? 'medical_bill');
    if (extra.memberIndex !== undefined) req.field('memberIndex', extra.memberIndex);
    return req.attach(field, data, 'photo.png');
  };

  it('stores a photo once per content: the same photo again is the same record, in another file one more record but no second object', async () => {
    const first = await upload(worker, household, png, { memberIndex: '0' }).expect(201);
    expect(first.body).toMatchObject({ householdId: household, memberIndex: 0, kind: 'medical_bill', mimeType: 'image/png', width: 64, height: 64 });
    const again = await upload(worker, household, png, { memberIndex: '0' }).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const other = (await createHouseholdAsStaff(t, place, person('冯二'))).id;
    const elsewhere = await upload(worker, other, png).expect(201);
    expect(elsewhere.body.id).not.toBe(first.body.id);
    const objects = filesUnder(join(t.config.dataDir, 'attachments'));
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatch(/[0-9a-f]{64}$/);
    // Encrypted at rest: the stored object is not the PNG.
    const stored = (await import('node:fs')).readFileSync(objects[0]!);
    expect(stored.subarray(0, 8).equals(png.subarray(0, 8))).toBe(false);

    const list = await t.http().get('/api/v1/attachments').query({ householdId: household }).set(bearer(worker)).expect(200);
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
    const content = await t
      .http()
      .get(`/api/v1/attachments/${first.body.id}/content`)
      .set(bearer(worker))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect((await sharp(content.body as Buffer).metadata()).width).toBe(64);
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'attachment.read', householdId: household })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
  });

  it('drops metadata (GPS position) and stores the photo upright', async () => {
    const withGps = await sharp({ create: { width: 80, height: 40, channels: 3, background: '#ddd' } })
      .withExif({
        IFD0: { Make: 'PhoneMaker' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '103/1 50/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await upload(worker, household, withGps, { kind: 'certificate' }).expect(201);
    expect([res.body.width, res.body.height]).toEqual([40, 80]);
    const content = await t
      .http()
      .get(`/api/v1/attachments/${res.body.id}/content`)
      .set(bearer(worker))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const meta = await sharp(content.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(content.body.includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('is scoped: a worker of another grid gets 404 for upload, list and content', async () => {
    const first = await upload(worker, household, await smallPng('#aa0000')).expect(201);
    const stranger = await workerOfAnotherGrid(t);
    expect((await upload(stranger, household, png)).status).toBe(404);
    expect((await t.http().get('/api/v1/attachments').query({ householdId: household }).set(bearer(stranger))).status).toBe(404);
    expect((await t.http().get(`/api/v1/attachments/${first.body.id}/content`).set(bearer(stranger))).status).toBe(404);
    expect((await t.http().get('/api/v1/attachments/00000000-0000-4000-8000-000000000000/content').set(bearer(worker))).status).toBe(404);
  });

  it('needs an active consent and a member of the household', async () => {
    const staff = await t.tokenFor('district_reviewer');
    const head = person('褚立新');
    const consentId = await giveConsent(t, staff, head);
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(staff))
      .send(householdBody(consentId, place, head))
      .expect(201);
    const id = created.body.household.id as string;
    const outOfRange = await upload(worker, id, png, { memberIndex: '5' });
    expect(outOfRange.status).toBe(400);
    await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(staff)).send({ reason: '本人当面提出撤回' }).expect(200);
    const res = await upload(worker, id, png);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONSENT_WITHDRAWN');
  });

  it.each([
    ['text renamed .jpg', () => TEXT_AS_JPG, 'file', 415, 'UNSUPPORTED_FILE_TYPE'],
    ['truncated JPEG', () => truncated(fixture('0000-clean-front.jpg')), 'file', 422, 'IMAGE_CORRUPT'],
    ['empty file', () => Buffer.alloc(0), 'file', 400, 'FILE_REQUIRED'],
    ['wrong field name', () => fixture('0000-hard-front.jpg'), 'image', 400, 'FILE_REQUIRED'],
    ['over UPLOAD_MAX_BYTES', () => Buffer.concat([fixture('0000-clean-front.jpg'), Buffer.alloc(400_000)]), 'file', 413, 'FILE_TOO_LARGE'],
  ] as const)('bad upload: %s', async (_name, make, field, status, code) => {
    const res = await upload(worker, household, make(), {}, field);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('bad upload: a PNG claiming 20000×20000 pixels', async () => {
    const res = await upload(worker, household, await pngClaiming(20_000, 20_000));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('IMAGE_TOO_LARGE');
  });

  it('documents the endpoints in OpenAPI', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys((json.body as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/attachments',
        '/api/v1/attachments/{id}/content',
        '/api/v1/ocr/id-card',
        '/api/v1/ocr/disability-certificate',
        '/api/v1/ocr/household-register',
      ]),
    );
    const op = (json.body as { paths: Record<string, { post: { requestBody: { content: Record<string, unknown> }; description: string } }> }).paths[
      '/api/v1/ocr/id-card'
    ]!.post;
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    expect(op.description).toContain('CONSENT_REQUIRED');
  });

  it('answers 503 OCR_UNAVAILABLE for OCR when OCR_WORKERS=0, and stays up after everything above', async () => {
    const res = await t
      .http()
      .post('/api/v1/ocr/id-card')
      .set(bearer(worker))
      .field('side', 'front')
      .attach('image', fixture('0000-clean-front.jpg'), 'card.jpg');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('OCR_UNAVAILABLE');
    await t.http().get('/api/health').expect(200);
  });
});

// ---------------------------------------------------------------------------------------------
// S3: the real store class against a small S3-compatible server that checks SigV4 itself.

interface FakeS3 {
  url: string;
  objects: Map<string, Buffer>;
  log: Array<{ method: string; path: string; status: number }>;
  server: Server;
}

const S3 = { accessKeyId: 'AKIDTESTZCZR', secretAccessKey: 'fake-secret-key-for-tests', region: 'cn-north-1', bucket: 'zczr-test' };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Verifies an AWS Signature V4 header from scratch (independent of the code under test). */
function signatureValid(req: IncomingMessage, body: Buffer): boolean {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    req.headers.authorization ?? '',
  );
  if (!m || m[1] !== S3.accessKeyId || m[3] !== S3.region) return false;
  const signed = m[4]!.split(';');
  if (!['host', 'x-amz-date', 'x-amz-content-sha256'].every((h) => signed.includes(h))) return false;
  const amzDate = String(req.headers['x-amz-date']);
  if (amzDate.slice(0, 8) !== m[2]) return false;
  const when = Date.UTC(
    +amzDate.slice(0, 4),
    +amzDate.slice(4, 6) - 1,
    +amzDate.slice(6, 8),
    +amzDate.slice(9, 11),
    +amzDate.slice(11, 13),
    +amzDate.slice(13, 15),
  );
  if (Math.abs(Date.now() - when) > 15 * 60_000) return false;
  const payloadHash = createHash('sha256').update(body).digest('hex');
  if (req.headers['x-amz-content-sha256'] !== payloadHash) return false;
  const canonical = [
    req.method,
    req.url!.split('?')[0],
    '',
    ...signed.map((h) => `${h}:${String(req.headers[h]).trim()}`),
    '',
    signed.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${m[2]}/${S3.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${S3.secretAccessKey}`).update(m[2]!).digest();
  for (const part of [S3.region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex') === m[5];
}

function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const log: FakeS3['log'] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = req.url!.split('?')[0]!;
      const reply = (status: number, payload?: Buffer | string): void => {
        log.push({ method: req.method!, path, status });
        res.statusCode = status;
        res.setHeader('content-type', status === 200 && req.method === 'GET' ? 'application/octet-stream' : 'application/xml');
        res.end(req.method === 'HEAD' ? undefined : payload);
      };
      if (!signatureValid(req, body)) return reply(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>');
      if (!path.startsWith(`/${S3.bucket}/`)) return reply(404, '<Error><Code>NoSuchBucket</Code></Error>');
      const key = path.slice(S3.bucket.length + 2);
      if (req.method === 'PUT') {
        objects.set(key, body);
        return reply(200, '');
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return reply(204, '');
      }
      const obj = objects.get(key);
      if (req.method === 'GET' || req.method === 'HEAD') return obj ? reply(200, obj) : reply(404, '<Error><Code>NoSuchKey</Code></Error>');
      return reply(405, '<Error><Code>MethodNotAllowed</Code></Error>');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, objects, log, server });
    }),
  );
}

describe('attachments when consent is withdrawn with WITHDRAWAL_RETENTION=erase', () => {
  let t: TestApp;
  let place: Placement;
  beforeAll(async () => {
    t = await startTestApp({ WITHDRAWAL_RETENTION: 'erase' });
    place = await workerPlacement(t);
  });
  afterAll(() => t.close());

  it("erases the household's photos, and each stored object no other household still shares", async () => {
    const staff = await t.tokenFor('district_reviewer');
    const worker = await t.tokenFor('grid_worker');
    const head = person('韩素梅');
    const consentId = await giveConsent(t, staff, head);
    const leaving = (
      await t
        .http()
        .post('/api/v1/households')
        .set(bearer(staff))
        .send(householdBody(consentId, place, head))
        .expect(201)
    ).body.household.id as string;
    const staying = (await createHouseholdAsStaff(t, place, person('韩二'))).id;
    const shared = await smallPng('#335577');
    const own = await smallPng('#775533');
    const up = (h: string, data: Buffer) =>
      t.http().post('/api/v1/attachments').set(bearer(worker)).field('householdId', h).field('kind', 'medical_bill').attach('file', data, 'x.png');
    await up(leaving, shared).expect(201);
    await up(leaving, own).expect(201);
    const kept = await up(staying, shared).expect(201);
    const dir = join(t.config.dataDir, 'attachments');
    expect(filesUnder(dir)).toHaveLength(2);

    await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(staff)).send({ reason: '不再申请' }).expect(200);
    // The withdrawn household's own photo is gone from the disk; the photo another household also filed stays.
    const left = filesUnder(dir);
    expect(left).toHaveLength(1);
    expect((await t.http().get('/api/v1/attachments').query({ householdId: leaving }).set(bearer(staff)).expect(200)).body).toEqual([]);
    await t.http().get(`/api/v1/attachments/${kept.body.id}/content`).set(bearer(worker)).expect(200);
    const audit = await t
      .http()
      .get('/api/v1/audit-logs')
      .query({ action: 'consent.withdraw', householdId: leaving })
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(audit.body.items[0].detail).toMatchObject({ retention: 'erase', attachmentsErased: 2, objectsDeleted: 1 });
  });
});

describe('attachments in an S3-compatible store', () => {
  let t: TestApp;
  let s3: FakeS3;
  let place: Placement;
  beforeAll(async () => {
    s3 = await startFakeS3();
    t = await startTestApp({
      ATTACHMENT_STORE: 's3',
      S3_ENDPOINT: s3.url,
      S3_REGION: S3.region,
      S3_BUCKET: S3.bucket,
      S3_ACCESS_KEY_ID: S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
      S3_PREFIX: 'attachments/',
    });
    place = await workerPlacement(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => s3.server.close(r));
  });

  it('the fake server really checks signatures', async () => {
    const cfg = { endpoint: s3.url, ...S3, prefix: '' };
    const good = signS3Request(cfg, 'HEAD', 'a'.repeat(64), Buffer.alloc(0), new Date());
    expect((await fetch(good.url, { method: 'HEAD', headers: good.headers })).status).toBe(404);
    const bad = signS3Request({ ...cfg, secretAccessKey: 'wrong' }, 'HEAD', 'a'.repeat(64), Buffer.alloc(0), new Date());
    expect((await fetch(bad.url, { method: 'HEAD', headers: bad.headers })).status).toBe(403);
  });

  it('puts each content once (encrypted, under the prefix) and reads it back', async () => {
    s3.log.length = 0;
    const worker = await t.tokenFor('grid_worker');
    const a = (await createHouseholdAsStaff(t, place, person('蒋一'))).id;
    const b = (await createHouseholdAsStaff(t, place, person('蒋二'))).id;
    const png = await smallPng('#118833', 48);
    const up = (h: string) =>
      t.http().post('/api/v1/attachments').set(bearer(worker)).field('householdId', h).field('kind', 'certificate').attach('file', png, 'x.png');
    const first = await up(a).expect(201);
    await up(b).expect(201);
    const puts = s3.log.filter((l) => l.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.status).toBe(200);
    expect(puts[0]!.path).toMatch(new RegExp(`^/${S3.bucket}/attachments/[0-9a-f]{64}$`));
    expect(s3.log.every((l) => l.status !== 403)).toBe(true);
    const [stored] = [...s3.objects.values()];
    expect(stored!.includes(png.subarray(1, 4))).toBe(false); // no "PNG" in the clear
    const content = await t
      .http()
      .get(`/api/v1/attachments/${first.body.id}/content`)
      .set(bearer(worker))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((await sharp(content.body as Buffer).metadata()).width).toBe(48);
  });

  it('deletes an object from the bucket when the last household filing it withdraws (erase mode)', async () => {
    await t.close();
    t = await startTestApp({
      ATTACHMENT_STORE: 's3',
      S3_ENDPOINT: s3.url,
      S3_REGION: S3.region,
      S3_BUCKET: S3.bucket,
      S3_ACCESS_KEY_ID: S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
      S3_PREFIX: 'attachments/',
      WITHDRAWAL_RETENTION: 'erase',
    });
    place = await workerPlacement(t);
    const staff = await t.tokenFor('district_reviewer');
    const head = person('蒋三');
    const consentId = await giveConsent(t, staff, head);
    const id = (
      await t
        .http()
        .post('/api/v1/households')
        .set(bearer(staff))
        .send(householdBody(consentId, place, head))
        .expect(201)
    ).body.household.id as string;
    const png = await smallPng('#552299', 40);
    await t
      .http()
      .post('/api/v1/attachments')
      .set(bearer(await t.tokenFor('grid_worker')))
      .field('householdId', id)
      .field('kind', 'certificate')
      .attach('file', png, 'x.png')
      .expect(201);
    const before = s3.objects.size;
    s3.log.length = 0;
    await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(staff)).send({ reason: '本人当面提出撤回' }).expect(200);
    expect(s3.log.filter((l) => l.method === 'DELETE').map((l) => l.status)).toEqual([204]);
    expect(s3.objects.size).toBe(before - 1);
  });
});
