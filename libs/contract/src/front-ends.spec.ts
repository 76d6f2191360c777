/**
 * The front ends keep no hand-written copy of what the contract holds: no label table of the
 * contract's (found by its labels, whatever the keys or the name), no interface or type alias named
 * after a response shape of the API, and (THROUGH_ENDPOINTS) no API path of their own. Each app is
 * checked once its migration to @zczr/contract is done: set its entry to true (and keep it true).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as contract from './index.js';

/** Which apps are held to the rule. Switch an app on in the commit that completes its migration. */
export const ENFORCED: Readonly<Record<'admin' | 'miniprogram', boolean>> = { admin: true, miniprogram: true };

/**
 * Which apps call the API only through the endpoint table (`ENDPOINTS`), never by a path they spell
 * out: no string starting with `/api/` in their sources.
 */
export const THROUGH_ENDPOINTS: Readonly<Record<'admin' | 'miniprogram', boolean>> = { admin: true, miniprogram: true };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Response shapes the API sends, under the names the apps used for their copies too. */
const SHAPE_NAMES = [
  'Page',
  'Household',
  'HouseholdView',
  'HouseholdSummary',
  'Member',
  'MemberView',
  'Submission',
  'SubmissionView',
  'QueueItem',
  'ReviewQueueItem',
  'Task',
  'TaskView',
  'TaskPage',
  'Revision',
  'PolicyResult',
  'PolicyMatch',
  'HouseholdEligibility',
  'Attachment',
  'AttachmentView',
  'Warning',
  'WarningView',
  'Risk',
  'HouseholdRisk',
  'RegionNode',
  'Grid',
  'AuditTrailEntry',
  'HouseholdAuditEntry',
  'AuditEntry',
  'TokenPair',
  'Me',
  'Consent',
  'ConsentView',
  'PolicySummary',
  'PolicyDetail',
  'PolicyVersion',
  'IdCardOcrResult',
  'OcrField',
  'ScreeningRun',
  'FlaggedHousehold',
  'ImportRun',
  'ImportSource',
  'Dashboard',
  'Board',
  'StaffUser',
  'AdminGrid',
  'Dictionary',
  'MonitoringRun',
  'HouseholdWriteResult',
  'VisitFindings',
  'Assignee',
];

/**
 * Every label table of the contract (an exported object of strings, whatever its name: `…_LABELS`,
 * `…_NAMES`…) with at least two Chinese labels; symbols such as ✓ are too short to tell a copy.
 */
const TABLES: Array<[string, string[]]> = Object.entries(contract)
  .filter(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'))
  .map(([name, v]): [string, string[]] => [name, [...new Set(Object.values(v as Record<string, string>))].filter((l) => /[\u4e00-\u9fa5]/.test(l))])
  .filter(([, labels]) => labels.length >= 2);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' || f === 'dist' || f === 'generated' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(f) && !/\.d\.ts$/.test(f) ? [p] : [];
  });
}

/** Copies found in one source text: `file:line what`. */
export function copiesIn(file: string, text: string): string[] {
  const found: string[] = [];
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  // A hand-written shape: an interface, or a type spelled out as an object literal. An alias of the
  // contract's type (`type Task = TaskView`, `Extract<…>`) is a use, not a copy.
  for (const m of text.matchAll(/\b(?:interface\s+([A-Z][A-Za-z]*)\b|type\s+([A-Z][A-Za-z]*)\s*(?:<[^>=]*>)?\s*=\s*\{)/g)) {
    const name = m[1] ?? m[2]!;
    if (SHAPE_NAMES.includes(name)) found.push(`${file}:${lineOf(m.index)} declares ${name} (import it from @zczr/contract)`);
  }
  // An object literal `{ …: '标签', …: '标签', … }`, or an array of options `[{ value, label: '标签' }, …]`
  // (only its labels: a table's column titles may name the same things), holding three labels of one
  // contract table, or both labels of a two-label table.
  for (const m of text.matchAll(/\{[^{}]*\}|\[[^[\]]*\]/g)) {
    const pattern = m[0].startsWith('[') ? /\blabel:\s*'([^'\n]+)'|\blabel:\s*"([^"\n]+)"/g : /:\s*'([^'\n]+)'|:\s*"([^"\n]+)"/g;
    const literals = new Set([...m[0].matchAll(pattern)].map((x) => x[1] ?? x[2]!));
    if (literals.size < 2) continue;
    for (const [name, labels] of TABLES) {
      const shared = labels.filter((l) => literals.has(l));
      if (shared.length >= Math.min(3, labels.length)) {
        found.push(`${file}:${lineOf(m.index)} copies ${name} (${shared.slice(0, 3).join('、')}…)`);
        break;
      }
    }
  }
  return found;
}

/** API paths spelled out in one source text: `file:line path`. */
export function pathsIn(file: string, text: string): string[] {
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  return [...text.matchAll(/['"`](\/api\/[^'"`$?\s]*)/g)].map((m) => `${file}:${lineOf(m.index)} spells out ${m[1]} (use ENDPOINTS)`);
}

describe('the copy detector', () => {
  it('finds a renamed copy of a label table and a hand-written response type', () => {
    const copy = `const GROUPS: Record<string, string> = { dibao: '低保', temporary: '临时救助', medical: '医疗救助' };\nexport interface Task { id: string }`;
    expect(copiesIn('x.ts', copy)).toEqual([
      'x.ts:2 declares Task (import it from @zczr/contract)',
      'x.ts:1 copies POLICY_GROUP_LABELS (低保、临时救助、医疗救助…)',
    ]);
  });

  it('finds a copy of a table not named …_LABELS, an array of options and a two-label table', () => {
    const copy = [
      `const COLOUR_NAME = { orange: '橙色', yellow: '黄色', blue: '蓝色' };`,
      `<Radio.Group options={[{ value: 'benefit_granted', label: '给予救助' }, { value: 'referral', label: '转介社会服务' }, { value: 'no_action', label: '不予处置' }]} />`,
      `const METHOD = { self_online: '本人线上授权', in_person_signature: '当面手写签名' };`,
    ].join('\n');
    expect(copiesIn('z.tsx', copy)).toEqual([
      'z.tsx:1 copies RISK_COLOUR_NAMES (橙色、黄色、蓝色…)',
      'z.tsx:2 copies DECISION_LABELS (给予救助、转介社会服务、不予处置…)',
      'z.tsx:3 copies CONSENT_METHOD_LABELS (本人线上授权、当面手写签名…)',
    ]);
  });

  it('lets through column titles that name the same things, and marks that are not words', () => {
    const use = [
      `columns={[{ title: '新增符合', dataIndex: 'a' }, { title: '退出候选', dataIndex: 'b' }, { title: '信息不全', dataIndex: 'c' }]}`,
      `const MARK = { met: '✓', unmet: '✗', unknown: '?' };`,
    ].join('\n');
    expect(copiesIn('w.tsx', use)).toEqual([]);
  });

  it('lets through the use of a label and an app-only type', () => {
    const use = `import { TASK_STATUS_LABELS, type TaskView } from '@zczr/contract';\ninterface Props { status: string }\nconst t = { title: '待领取', icon: 'x' };\nexport type Task = TaskView;`;
    expect(copiesIn('y.tsx', use)).toEqual([]);
  });
});

describe.each(Object.entries(ENFORCED))('apps/%s', (app, enforced) => {
  (enforced ? it : it.skip)('keeps no copy of a contract shape or label table', () => {
    const dir = join(ROOT, 'apps', app, 'src');
    const found = sources(dir).flatMap((f) => copiesIn(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('the path detector', () => {
  it('finds a path in quotes or a template, and lets a path from the table through', () => {
    const text = "api<Task>(`/api/v1/tasks/${id}`);\nfetch('/api/v1/auth/refresh');\nrequest(ENDPOINTS.tasks.get, { params: { id } });";
    expect(pathsIn('p.ts', text)).toEqual(['p.ts:1 spells out /api/v1/tasks/ (use ENDPOINTS)', 'p.ts:2 spells out /api/v1/auth/refresh (use ENDPOINTS)']);
  });
});

describe.each(Object.entries(THROUGH_ENDPOINTS))('apps/%s', (app, enforced) => {
  (enforced ? it : it.skip)('calls the API through the endpoint table only', () => {
    const dir = join(ROOT, 'apps', app, 'src');
    const found = sources(dir).flatMap((f) => pathsIn(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
