/**
 * The security suite, generated from the OpenAPI document: every operation × every role × an id in
 * the caller's scope, one out of it and a random one; list, search and dashboard reads scanned for
 * what lies out of scope; then a bounded fuzz pass (depth, size, types, ids, dates) over every
 * operation. Nothing here names a route by hand: a new route is covered the day it is added.
 */
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { DEMO_FACE_TICKET } from '../../src/auth/real-name.verifier.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/seed/demo-seed.service.js';
import { createHouseholdAsStaff, otherStreetPlacement, person, workerPlacement, type PersonFixture } from '../fixtures.js';
import { bearer, startTestApp, type TestApp } from '../harness.js';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  body?: Schema;
  query: Array<{ name: string; schema?: Schema }>;
}
interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  format?: string;
  allOf?: Schema[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Targets a path parameter can take, by the collection it names. */
type Kind = 'household' | 'consent' | 'task' | 'other';
function kindOf(path: string): Kind {
  const m = /\/([a-z-]+)\/\{[a-zA-Z]+\}/.exec(path);
  switch (m?.[1]) {
    case 'households':
      return 'household';
    case 'consents':
      return 'consent';
    case 'tasks':
      return 'task';
    default:
      return 'other';
  }
}

/** Paths that stream (server-sent events) stay open by design: asked only with ids that must fail. */
const STREAMS = /\/events$/;

function operations(doc: OpenApi): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method as Operation['method'],
        path: path.replace(/^\/api/, ''),
        body: content['application/json']?.schema,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
      });
    }
  }
  return out;
}

function resolve(doc: OpenApi, s: Schema | undefined): Schema | undefined {
  if (!s) return s;
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  if (s.allOf?.length) return resolve(doc, s.allOf[0]);
  return s;
}

/** A plausible body: every required property with a value of its type. */
function sample(doc: OpenApi, s: Schema | undefined, depth = 0): unknown {
  const r = resolve(doc, s);
  if (!r || depth > 4) return {};
  if (r.enum?.length) return r.enum[0];
  switch (r.type) {
    case 'string':
      return r.format === 'date' ? '2026-01-01' : 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default: {
      const o: Record<string, unknown> = {};
      for (const k of r.required ?? []) o[k] = sample(doc, r.properties?.[k], depth + 1);
      return o;
    }
  }
}

const fill = (path: string, id: string): string => path.replace(/\{[a-zA-Z]+\}/g, encodeURIComponent(id));

describe('security suite (generated from the OpenAPI document)', () => {
  let t: TestApp;
  let doc: OpenApi;
  let ops: Operation[];
  const tokens: Record<string, string> = {};
  /** Two households: O in the demo worker's grid and street; F in another street. */
  const fx = { O: { household: '', consent: '', task: '', name: '' }, F: { household: '', consent: '', task: '', name: '' } };
  /** Which of O and F each role may see. */
  const sees: Record<string, { O: boolean; F: boolean }> = {
    residentA: { O: false, F: false },
    residentB: { O: false, F: true },
    workerOwn: { O: true, F: false },
    workerOther: { O: false, F: true },
    streetOwn: { O: true, F: false },
    streetOther: { O: false, F: true },
    district: { O: true, F: true },
    admin: { O: false, F: false }, // 三员分立: the system administrator reads no household file
  };
  const counts = { matrix: 0, lists: 0, fuzz: 0, fiveHundreds: 0 };

  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '30', LOGIN_RATE_LIMIT: '10000', DEMO_ACTIVITY: 'false' });
    doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApi;
    ops = operations(doc);
    const district = await t.tokenFor('district_reviewer');
    const make = async (key: 'O' | 'F', head: PersonFixture, place: Awaited<ReturnType<typeof workerPlacement>>): Promise<void> => {
      const h = await createHouseholdAsStaff(t, place, head);
      const detail = await t.http().get(`/api/v1/households/${h.id}`).set(bearer(district)).expect(200);
      const task = await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: h.id }).expect(201);
      fx[key] = { household: h.id, consent: detail.body.consentId as string, task: task.body.id as string, name: head.name };
    };
    const headF = person('越界甲');
    const placeF = await otherStreetPlacement(t);
    await make('O', person('本格乙'), await workerPlacement(t));
    await make('F', headF, placeF);

    tokens.residentA = await t.tokenFor('resident');
    const b = await t.http().post('/api/v1/auth/wechat-login').send({ code: 'matrix-resident-b' }).expect(200);
    tokens.residentB = b.body.accessToken as string;
    await t
      .http()
      .post('/api/v1/auth/bind-identity')
      .set(bearer(tokens.residentB))
      .send({ realName: headF.name, idNumber: headF.idNumber, consentToIdentityProcessing: true, faceVerifyResult: DEMO_FACE_TICKET })
      .expect(200);
    tokens.workerOwn = await t.tokenFor('grid_worker');
    const w = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: `worker-${placeF.gridId}`, password: DEMO_PASSWORD, totp: await generate({ secret: DEMO_TOTP_SECRET }) })
      .expect(200);
    tokens.workerOther = w.body.accessToken as string;
    tokens.streetOwn = await t.tokenFor('street_reviewer');
    tokens.district = district;
    tokens.admin = await t.tokenFor('admin');
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(tokens.admin))
      .send({ username: 'matrix.street', displayName: '另一街道审核员', role: 'street_reviewer', regionCode: placeF.streetCode, password: 'Strong#Pass2026' })
      .expect(201);
    const s = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'matrix.street', password: 'Strong#Pass2026', totp: await generate({ secret: created.body.totpSecret as string }) })
      .expect(200);
    tokens.streetOther = s.body.accessToken as string;
  });
  afterAll(async () => {
    console.log(
      `security suite: ${ops.length} operations × ${Object.keys(sees).length} roles; ${counts.matrix} scoped requests, ${counts.lists} list reads scanned, ${counts.fuzz} fuzz requests, ${counts.fiveHundreds} × 5xx`,
    );
    await t.close();
  });

  async function send(
    op: Operation,
    path: string,
    token: string | null,
    body?: unknown,
    query?: Record<string, string>,
    raw?: string,
  ): Promise<{ status: number; text: string }> {
    let req = t.http()[op.method](`/api${path}`).timeout(15_000);
    if (token) req = req.set(bearer(token));
    if (query) req = req.query(query);
    if (raw !== undefined) req = req.set('content-type', 'application/json').send(raw);
    else if (op.method !== 'get' && op.method !== 'delete') req = req.send((body ?? {}) as object);
    const res = await req;
    if (res.status >= 500) counts.fiveHundreds++;
    return { status: res.status, text: res.text ?? '' };
  }

  it('every operation × every role: ids out of scope and random ids never succeed; ids in scope never 5xx', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.path.includes('{'))) {
      const kind = kindOf(op.path);
      for (const [role, scope] of Object.entries(sees)) {
        const targets: Array<[string, string, boolean]> = [['random', randomUUID(), false]];
        if (kind !== 'other') for (const key of ['O', 'F'] as const) targets.push([key, fx[key][kind], scope[key]]);
        for (const [label, id, visible] of targets) {
          if (visible && (op.method !== 'get' || STREAMS.test(op.path))) continue; // writes in scope are the feature suites' business
          counts.matrix++;
          const res = await send(op, fill(op.path, id), tokens[role]!, sample(doc, op.body));
          const ok = visible ? res.status < 500 : res.status >= 400 && res.status < 500;
          if (!ok) failures.push(`${role} ${op.method.toUpperCase()} ${op.path} [${label}] → ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists, searches, boards and dashboards return nothing out of scope', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.method === 'get' && !o.path.includes('{') && !/export|docs/.test(o.path))) {
      for (const [role, scope] of Object.entries(sees)) {
        counts.lists++;
        const res = await send(op, op.path, tokens[role]!, undefined, { pageSize: '100' });
        if (res.status >= 500) failures.push(`${role} GET ${op.path} → ${res.status}`);
        for (const key of ['O', 'F'] as const) {
          if (scope[key]) continue;
          for (const marker of [fx[key].household, fx[key].task, fx[key].consent, fx[key].name]) {
            if (res.text.includes(marker)) failures.push(`${role} GET ${op.path} shows ${key}'s ${marker}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('without a token, or with a forged one, every non-public operation answers 401', async () => {
    const failures: string[] = [];
    const publicPaths = /^\/(health|v1\/auth\/(wechat-login|login|refresh|demo-login)|v1\/policies|docs)/;
    for (const op of ops) {
      if (publicPaths.test(op.path)) continue;
      for (const token of [null, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIiwidHlwIjoiYWNjZXNzIn0.']) {
        counts.fuzz++;
        const res = await send(op, fill(op.path, randomUUID()), token, {});
        if (res.status !== 401) failures.push(`${token ? 'forged' : 'none'} ${op.method.toUpperCase()} ${op.path} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('fuzz: depth, size, types, bad ids and dates over every operation give no 5xx', async () => {
    const failures: string[] = [];
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const badIds = ['../../etc/passwd', "' OR 1=1 --", 'x'.repeat(300), '%00', '-1', '0', '1e309', '{}', '😀'];
    const badValues: unknown[] = [null, -1, 1e308, 'x'.repeat(5000), [], {}, true, '2026-13-45', { $gt: '' }, [[[[[[1]]]]]]];
    const badQuery = ['2026-13-45', '2026-02-30', 'abc', '-1', '0', '99999999999999999999', 'x'.repeat(2000), '%', "'"];
    for (const op of ops) {
      if (STREAMS.test(op.path)) continue;
      // 三员分立: administration paths are fuzzed as the system administrator, the rest as a district reviewer (who passes their guards).
      for (const role of op.path.includes('/admin/') ? ['admin', 'residentA'] : ['district', 'residentA', 'workerOwn']) {
        const token = tokens[role]!;
        const path = fill(op.path, randomUUID());
        const record = async (what: string, p: Promise<{ status: number; text: string }>): Promise<void> => {
          counts.fuzz++;
          const res = await p;
          if (res.status >= 500) failures.push(`${role} ${op.method.toUpperCase()} ${op.path} ${what} → ${res.status} ${res.text.slice(0, 100)}`);
        };
        if (op.method !== 'get' && op.method !== 'delete') {
          await record('deep', send(op, path, token, undefined, undefined, deep));
          await record('big', send(op, path, token, undefined, undefined, JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) })));
          await record('broken', send(op, path, token, undefined, undefined, '{"a":'));
          for (const raw of ['[]', '123', '"s"', 'null']) await record(`body ${raw}`, send(op, path, token, undefined, undefined, raw));
          const base = sample(doc, op.body) as Record<string, unknown>;
          const props = Object.keys(resolve(doc, op.body)?.properties ?? {});
          for (const prop of props)
            for (const v of badValues) await record(`${prop}=${JSON.stringify(v).slice(0, 20)}`, send(op, path, token, { ...base, [prop]: v }));
        }
        if (op.path.includes('{')) for (const id of badIds) await record(`id ${id.slice(0, 12)}`, send(op, fill(op.path, id), token, sample(doc, op.body)));
        for (const q of op.query)
          for (const v of badQuery)
            await record(`?${q.name}=${v.slice(0, 12)}`, send(op, path.includes('{') ? path : op.path, token, sample(doc, op.body), { [q.name]: v }));
      }
    }
    expect(failures).toEqual([]);
  }, 180_000); // ~1,600 requests; CPU-bound, so slow on a shared machine (the assertion is no 5xx, not a time)
});
