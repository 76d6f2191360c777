/**
 * The words of a 订阅消息, in plain Chinese: what the family may receive and how to apply, or what
 * happened to their report. WeChat limits a `thing` field to 20 characters and a `phrase` to 5.
 */
import { formatYuan } from '@zczr/eligibility';

export interface MessageField {
  /** WeChat's key in the template, e.g. "thing1". */
  key: string;
  /** What the resident sees beside it in their own list. */
  label: string;
  value: string;
}

export interface MessageText {
  title: string;
  fields: MessageField[];
}

/** Cuts to WeChat's limit for the field's type (thing 20, phrase 5), ending in "…" when cut. */
export function fit(key: string, value: string): string {
  const max = key.startsWith('phrase') ? 5 : key.startsWith('thing') ? 20 : 32;
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export interface FoundPolicy {
  name: string;
  /** The estimate, when the policy has a formula: amount and unit ("元/月", "元/年", "元"). */
  amount?: number | null;
  unit?: string;
}

function perUnit(amount: number, unit: string | undefined): string {
  if (unit === '元/月') return `每月约 ${formatYuan(amount)}`;
  if (unit === '元/年') return `每年约 ${formatYuan(amount)}`;
  if (unit === '元') return `约 ${formatYuan(amount)}`;
  return `约 ${formatYuan(amount).replace(' 元', '')} ${unit ?? ''}`.trim();
}

/** "The policy found you": the newly found help, the largest estimate first. */
export function policyFoundText(found: readonly FoundPolicy[]): MessageText {
  const sorted = [...found].sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
  const first = sorted[0]!;
  const names = sorted.length === 1 ? first.name : `${first.name}等${sorted.length}项`;
  const money = first.amount && first.amount > 0 ? perUnit(first.amount, first.unit) : '点开查看能得到的帮助';
  const fields: MessageField[] = [
    { key: 'thing1', label: '可能符合', value: names },
    { key: 'thing2', label: '可以得到', value: money },
    { key: 'thing3', label: '怎么申请', value: '带身份证到社区或街道便民服务中心' },
    { key: 'thing4', label: '温馨提示', value: '网格员也会联系您，点开看详情' },
  ];
  return { title: '有新的帮助可能适合您家', fields: fields.map((f) => ({ ...f, value: fit(f.key, f.value) })) };
}

const KIND_LABELS: Readonly<Record<string, string>> = { create: '家庭情况填报', update: '家庭情况变更' };
const RESULT_LABELS: Readonly<Record<string, string>> = { approved: '已通过', returned: '需修改', rejected: '未通过' };

/** "2026年12月3日 13:05" in China time. */
export function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A report's status changed: which report, the result in two or three words, what to do next. */
export function statusChangeText(kind: string, status: string, reason: string | null, at: string): MessageText {
  const next =
    status === 'approved'
      ? '档案已更新，点开看能得到的帮助'
      : status === 'returned'
        ? `请按要求修改：${reason ?? '点开查看原因'}`
        : `原因：${reason ?? '点开查看'}`;
  const fields: MessageField[] = [
    { key: 'thing1', label: '办理事项', value: KIND_LABELS[kind] ?? '家庭情况' },
    { key: 'phrase2', label: '办理结果', value: RESULT_LABELS[status] ?? '有变化' },
    { key: 'thing3', label: '说明', value: next },
    { key: 'time4', label: '时间', value: chinaTime(at) },
  ];
  return { title: `您的${KIND_LABELS[kind] ?? '申请'}${RESULT_LABELS[status] ?? '有变化'}`, fields: fields.map((f) => ({ ...f, value: fit(f.key, f.value) })) };
}
