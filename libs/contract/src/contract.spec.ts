import { CONSENT_METHODS } from '@zczr/domain';
import { COMPARE_OPS, POLICY_GROUPS } from '@zczr/eligibility';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_CHANGE_ACTION_LABELS,
  AUDIT_READ_ACTION_LABELS,
  call,
  CIRCLE_LABELS,
  COMBINATOR_LABELS,
  COMPARE_OP_LABELS,
  CONSENT_METHOD_LABELS,
  DECISION_KINDS,
  DECISION_LABELS,
  ENDPOINTS,
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  OUTCOME_LABELS,
  OUTCOMES,
  pathOf,
  POLICY_GROUP_LABELS,
  queryString,
  RESIDENT_OUTCOME_LABELS,
  RISK_COLOUR_LABELS,
  RISK_COLOUR_NAMES,
  RISK_COLOURS,
  SCREENING_BUCKET_LABELS,
  SCREENING_BUCKETS,
  suppress,
  TASK_KIND_LABELS,
  TASK_KINDS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  WARNING_COLOUR_LABELS,
  WARNING_COLOURS,
  type AnyEndpoint,
  type Transport,
} from './index.js';

const endpoints = (node: unknown, at = ''): Array<[string, AnyEndpoint]> =>
  node && typeof node === 'object' && 'method' in node && 'path' in node
    ? [[at, node as AnyEndpoint]]
    : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => endpoints(v, at ? `${at}.${k}` : k));

describe('label tables', () => {
  it('label every code of their lists, and nothing else', () => {
    const pairs: Array<[readonly (string | number)[], Readonly<Record<string, string>>]> = [
      [POLICY_GROUPS, POLICY_GROUP_LABELS],
      [OUTCOMES, OUTCOME_LABELS],
      [OUTCOMES, RESIDENT_OUTCOME_LABELS],
      [RISK_COLOURS, RISK_COLOUR_LABELS],
      [RISK_COLOURS, RISK_COLOUR_NAMES],
      [[...WARNING_COLOURS, 'green'], WARNING_COLOUR_LABELS],
      [TASK_STATUSES, TASK_STATUS_LABELS],
      [TASK_KINDS, TASK_KIND_LABELS],
      [ESCALATION_LEVELS, ESCALATION_LABELS],
      [DECISION_KINDS, DECISION_LABELS],
      [SCREENING_BUCKETS, SCREENING_BUCKET_LABELS],
      [[1, 2, 3, 4, 'none'], CIRCLE_LABELS],
      [CONSENT_METHODS, CONSENT_METHOD_LABELS],
      [['all', 'any', 'not'], COMBINATOR_LABELS],
    ];
    for (const [codes, table] of pairs) {
      expect(Object.keys(table).sort()).toEqual(codes.map(String).sort());
      for (const label of Object.values(table)) expect(label).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Comparisons read as symbols (≤, ≠) or words (属于): every operator of the rule language has one.
    expect(Object.keys(COMPARE_OP_LABELS).sort()).toEqual([...COMPARE_OPS].sort());
  });

  it('word "unknown" one way for staff, wherever it appears', () => {
    expect(OUTCOME_LABELS.unknown).toBe('信息不全');
    expect(SCREENING_BUCKET_LABELS.unknown).toBe(OUTCOME_LABELS.unknown);
  });

  it('give each policy group one name, distinct from the others', () => {
    const names = Object.values(POLICY_GROUP_LABELS);
    expect(new Set(names).size).toBe(names.length);
    expect(POLICY_GROUP_LABELS.employment).toBe('就业救助');
  });

  it('name every household audit action in the whole audit table, with the same words', () => {
    for (const [code, label] of Object.entries({ ...AUDIT_READ_ACTION_LABELS, ...AUDIT_CHANGE_ACTION_LABELS })) expect(AUDIT_ACTION_LABELS[code]).toBe(label);
  });
});

describe('suppress', () => {
  it('hides counts of 1–4 and keeps 0 and 5+', () => {
    expect([0, 1, 4, 5, 120].map(suppress)).toEqual([0, '<5', '<5', 5, 120]);
  });
});

describe('endpoint table', () => {
  const all = endpoints(ENDPOINTS);

  it('names each method and path once, all under /api', () => {
    expect(all.length).toBeGreaterThan(70);
    const keys = all.map(([, e]) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [, e] of all) expect(e.path).toMatch(/^\/api\/[a-z0-9/:-]+$/i);
  });

  it('fills path parameters, encoded, and refuses a missing one', () => {
    expect(pathOf(ENDPOINTS.policies.version.path, { code: 'di bao', version: 3 })).toBe('/api/v1/policies/di%20bao/versions/3');
    expect(() => pathOf(ENDPOINTS.tasks.claim.path, {} as { id: string })).toThrow('missing path parameter id');
  });

  it('writes a query string without empty values', () => {
    expect(queryString({ page: 2, name: '张', gridId: undefined, status: null, q: '' })).toBe(`?page=2&name=${encodeURIComponent('张')}`);
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('calls through a transport with the method, filled path, query and body', async () => {
    const seen: Parameters<Transport>[0][] = [];
    const transport: Transport = async (req) => {
      seen.push(req);
      return { ok: true };
    };
    await call(transport, ENDPOINTS.tasks.submit, {
      params: { id: 't-1' },
      body: { visitedAt: '2026-12-01T10:00:00Z', gps: { lat: 30, lng: 103 }, notes: '在家' },
    });
    await call(transport, ENDPOINTS.households.list, { query: { page: 1, name: '李' } });
    await call(transport, ENDPOINTS.auth.me);
    // The table's types are the point: a missing path parameter or a wrong body does not compile.
    // @ts-expect-error -- claim needs { params: { id } }
    await call(transport, ENDPOINTS.tasks.claim).catch(() => undefined);
    // @ts-expect-error -- a review's decision is approve / return / reject
    void call(transport, ENDPOINTS.submissions.review, { params: { id: 's' }, body: { decision: 'maybe' } });
    seen.splice(3);
    expect(seen).toEqual([
      {
        method: 'POST',
        path: '/api/v1/tasks/t-1/submit',
        query: undefined,
        body: { visitedAt: '2026-12-01T10:00:00Z', gps: { lat: 30, lng: 103 }, notes: '在家' },
        kind: 'json',
      },
      { method: 'GET', path: '/api/v1/households', query: { page: 1, name: '李' }, body: undefined, kind: 'json' },
      { method: 'GET', path: '/api/v1/auth/me', query: undefined, body: undefined, kind: 'json' },
    ]);
  });
});
