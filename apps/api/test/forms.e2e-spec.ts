import { maskIdNumber } from '@zczr/domain';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Response } from 'supertest';
import { createHouseholdAsStaff, otherStreetPlacement, person, workerPlacement, type PersonFixture } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/** The text of every page of a PDF, read back by an independent parser (pdf.js), pages joined by newlines. */
async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string; size: [number, number] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const { width, height } = (await doc.getPage(1)).getViewport({ scale: 1 });
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await doc.destroy();
  return { pages: doc.numPages, text: pages.join('\n'), size: [Math.round(width), Math.round(height)] };
}

/** Reads a binary answer into a Buffer (supertest only buffers text and JSON by itself). */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

function filenameOf(res: Response): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']));
  return m ? decodeURIComponent(m[1]!) : '';
}

describe('printable forms (PDF): 入户调查表 and 告知书', () => {
  let t: TestApp;
  let street: string;
  let district: string;
  let worker: string;
  let head: PersonFixture;
  let child: PersonFixture;
  let mine: string;
  let theirs: string;

  const get = (path: string, token: string): Promise<Response> =>
    t
      .http()
      .get(path)
      .set(bearer(token))
      .buffer(true)
      .parse(binary as never);

  beforeAll(async () => {
    t = await startTestApp();
    [street, district, worker] = await Promise.all([t.tokenFor('street_reviewer'), t.tokenFor('district_reviewer'), t.tokenFor('grid_worker')]);
    head = person('钱喆', 1962);
    child = person('钱小堃', 2001, true);
    mine = (await createHouseholdAsStaff(t, await workerPlacement(t), head, [child])).id;
    theirs = (await createHouseholdAsStaff(t, await otherStreetPlacement(t), person('孙外街', 1970))).id;
  });
  afterAll(() => t.close());

  it('a street reviewer prints the survey: an A4 PDF in Chinese with the household in full, who printed it and page numbers', async () => {
    const res = await get(`/api/v1/households/${mine}/forms/survey`, street);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="survey-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/);
    expect(filenameOf(res)).toMatch(/^入户调查表-钱喆-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The font is subset: a few dozen kilobytes, not the 10 MB font file.
    expect(pdf.length).toBeLessThan(300_000);
    const { text, pages, size } = await pdfText(pdf);
    expect(size).toEqual([595, 842]); // A4 in points
    for (const words of [
      '家庭经济状况入户调查表',
      '户主',
      '住址',
      '家庭成员',
      '关系',
      '身份证号',
      '年龄',
      '健康',
      '就业',
      '家庭收入',
      '家庭财产',
      '刚性支出',
      '突发困难',
    ])
      expect(text).toContain(words);
    expect(text).toContain('钱喆');
    expect(text).toContain('钱小堃');
    expect(text).toContain(head.idNumber);
    expect(text).toContain(child.idNumber);
    expect(text).toContain('骨髓增生异常综合征（测试）');
    expect(text).toContain('6222020200112233445');
    expect(text).toContain('工资性收入');
    expect(text).toContain('医疗自付费用');
    expect(text).toMatch(/调查人（签字）/);
    expect(text).toMatch(/被调查人（签字）/);
    expect(text).toContain('打印人：');
    expect(text).toContain('（街道审核人员）');
    expect(text).toContain(`第 1 页 / 共 ${pages} 页`);
  });

  it('a grid worker prints the survey of a household in their grid, masked as the worker sees it', async () => {
    const res = await get(`/api/v1/households/${mine}/forms/survey`, worker);
    expect(res.status).toBe(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('钱喆');
    expect(text).toContain(maskIdNumber(head.idNumber));
    expect(text).not.toContain(head.idNumber);
    expect(text).not.toContain('骨髓增生异常综合征');
    expect(text).not.toContain('6222020200112233445');
    expect(text).toContain('网格员');
  });

  it('prints only within the reader’s scope: another street, another grid and administrators get 404, residents 403', async () => {
    expect((await get(`/api/v1/households/${theirs}/forms/survey`, street)).status).toBe(404);
    expect((await get(`/api/v1/households/${theirs}/forms/survey`, worker)).status).toBe(404);
    expect((await get(`/api/v1/households/${theirs}/forms/survey`, district)).status).toBe(200);
    expect((await get(`/api/v1/households/00000000-0000-4000-8000-000000000000/forms/survey`, street)).status).toBe(404);
    expect((await get(`/api/v1/households/${mine}/forms/survey`, await t.tokenFor('resident'))).status).toBe(403);
    expect((await get(`/api/v1/households/${mine}/forms/survey`, await t.tokenFor('admin'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/households/${mine}/forms/survey`)).status).toBe(401);
  });

  it('every print is in the audit log and in the household’s access record', async () => {
    const auditor = await t.tokenFor('audit_admin');
    const log = await t.http().get('/api/v1/audit-logs').query({ action: 'household.print', householdId: mine }).set(bearer(auditor)).expect(200);
    const entries = log.body.items as Array<{ action: string; entityId: string; actorRole: string; detail: Record<string, unknown> | null }>;
    expect(entries.filter((e) => e.entityId === mine).map((e) => e.actorRole)).toEqual(expect.arrayContaining(['street_reviewer', 'grid_worker']));
    const trail = await t.http().get(`/api/v1/households/${mine}/audit-trail`).query({ only: 'reads' }).set(bearer(street)).expect(200);
    expect((trail.body.items as Array<{ actionLabel: string }>).map((e) => e.actionLabel)).toContain('打印入户调查表');
  });

  it('the notice (告知书) of a decided task: decision in words, the policy granted, how to object; refused before the decision and out of scope', async () => {
    const policies = (await t.http().get('/api/v1/policies').set(bearer(district)).expect(200)).body as Array<{ code: string; name: string }>;
    const policy = policies[0]!;
    const task = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: mine }).expect(201)).body as { id: string };
    // Before a decision there is nothing to notify.
    const early = await get(`/api/v1/tasks/${task.id}/forms/notice`, street);
    expect(early.status).toBe(409);
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set(bearer(worker)).expect(200);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/submit`)
      .set(bearer(worker))
      .send({ visitedAt: new Date().toISOString(), gps: { lat: 30.68, lng: 103.85 }, notes: '入户核实，情况属实。' })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/review`)
      .set(bearer(street))
      .send({ outcome: 'accept', decision: { kind: 'benefit_granted', policyCode: policy.code, reason: '家庭人均收入低于当地低保标准' } })
      .expect(200);

    const res = await get(`/api/v1/tasks/${task.id}/forms/notice`, street);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(filenameOf(res)).toMatch(/^告知书-钱喆-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    expect(text).toContain('社会救助核实结果告知书');
    expect(text).toContain('钱喆');
    // A letter to the family carries the ID number masked.
    expect(text).toContain(maskIdNumber(head.idNumber));
    expect(text).not.toContain(head.idNumber);
    expect(text).toContain('给予救助');
    expect(text).toContain(policy.name);
    expect(text).toContain('家庭人均收入低于当地低保标准');
    expect(text).toMatch(/60 日内向.+申请复核/);
    expect(text).toContain('行政复议');
    expect(text).toContain('行政诉讼');
    expect(text).toMatch(/办事处|人民政府/);
    expect(text).toContain('打印人：');

    // A grid worker does not see decisions; the notice is staff's. Out of scope is 404.
    expect((await get(`/api/v1/tasks/${task.id}/forms/notice`, worker)).status).toBe(403);
    const foreign = (await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: theirs }).expect(201)).body as { id: string };
    expect((await get(`/api/v1/tasks/${foreign.id}/forms/notice`, street)).status).toBe(404);

    const auditor = await t.tokenFor('audit_admin');
    const log = await t.http().get('/api/v1/audit-logs').query({ action: 'task.print_notice' }).set(bearer(auditor)).expect(200);
    expect((log.body.items as Array<{ entityId: string }>).map((e) => e.entityId)).toContain(task.id);
  });
});
