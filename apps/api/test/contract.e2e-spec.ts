import { ENDPOINTS, type AnyEndpoint } from '@zczr/contract';
import { startTestApp, type TestApp } from './harness.js';

/** Every endpoint of the contract's table, flattened. */
function endpoints(node: unknown): AnyEndpoint[] {
  if (node && typeof node === 'object' && 'method' in node && 'path' in node) return [node as AnyEndpoint];
  return Object.values(node as Record<string, unknown>).flatMap(endpoints);
}

describe('the contract (@zczr/contract) and the running API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('name the same endpoints: each one of the table is served, and each one served is in the table', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const served = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const table = new Set(endpoints(ENDPOINTS).map((e) => `${e.method} ${e.path.replace(/:([A-Za-z]+)/g, '{$1}')}`));
    expect([...table].filter((k) => !served.has(k))).toEqual([]);
    expect([...served].filter((k) => !table.has(k))).toEqual([]);
  });
});
