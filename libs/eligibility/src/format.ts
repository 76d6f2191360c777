/** Readable values for explanations: numbers without float noise, booleans as 是/否, lists joined. */
import { HARDSHIP_TYPE_LABELS } from '@zczr/domain';
import type { FactValue } from './types.js';

/** Rounds to fen (0.01) to hide float noise such as 1131.0000000000002. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return String(round2(n));
}

export function formatValue(v: FactValue | null | undefined, unit?: string): string {
  if (v === null || v === undefined) return '未知';
  if (typeof v === 'number') return unit ? `${formatNumber(v)} ${unit}` : formatNumber(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  if (v.length === 0) return '无';
  return v.map((x) => ownString(HARDSHIP_TYPE_LABELS, x) ?? x).join('、');
}

/** `record[key]` if it is the record's own string (never something inherited, such as "constructor"). */
export function ownString(record: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (record === undefined || !Object.prototype.hasOwnProperty.call(record, key)) return undefined;
  const v = record[key];
  return typeof v === 'string' ? v : undefined;
}
