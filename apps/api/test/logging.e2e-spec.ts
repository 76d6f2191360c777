import { Writable } from 'node:stream';
import { createHouseholdAsStaff, person, workerPlacement } from './fixtures.js';
import { bearer, startTestApp, type TestApp } from './harness.js';

/** Structured logs never carry an ID number or a phone in clear, whatever path they take. */
describe('logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' }, sink);
  });
  afterAll(() => t.close());

  it('masks ID numbers and phones in request lines, errors and application messages', async () => {
    const head = person('林日志');
    const place = await workerPlacement(t);
    await createHouseholdAsStaff(t, place, head);
    const token = await t.tokenFor('district_reviewer');
    await t.http().get('/api/v1/households').query({ idNumber: head.idNumber, phone: '13912345678' }).set(bearer(token));
    await t.http().get(`/api/v1/households?idNumber=${head.idNumber}`).set(bearer(token)).expect(200);
    await t.http().get(`/api/v1/no-such-route/${head.idNumber}/13912345678`).set(bearer(token)).expect(404);
    const logged = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    expect(logged).toContain(`${head.idNumber.slice(0, 6)}`);
    expect(logged).toContain('"statusCode"');
    // the access log names the real status of every request, never null
    expect(logged).not.toContain('"statusCode":null');
    expect(logged).toContain('"statusCode":404');
    expect(logged).not.toContain(head.idNumber);
    expect(logged).not.toContain('13912345678');
    expect(logged).toContain('139****5678');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
