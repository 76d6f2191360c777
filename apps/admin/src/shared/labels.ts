import { HOUSEHOLD_STATUS_LABELS, labelOf, ROLE_LABELS, SUBMISSION_STATUS_LABELS, type RiskColour } from '@zczr/contract';
import dayjs from 'dayjs';

/** antd Tag colours for the risk colours (the words are the contract's RISK_COLOUR_LABELS). */
export const RISK_TAG_COLOURS: Record<RiskColour, string> = { orange: 'orange', yellow: 'gold', blue: 'blue', green: 'green' };

export const roleLabel = (role: string): string => labelOf(ROLE_LABELS, role);
export const householdStatusLabel = (s: string): string => labelOf(HOUSEHOLD_STATUS_LABELS, s);
export const submissionStatusLabel = (s: string): string => labelOf(SUBMISSION_STATUS_LABELS, s);

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatMoney(n: number | null | undefined, unit = '元'): string {
  return n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${unit}`;
}

/** Counts on aggregate views: small numbers are shown as "<5" so no one can be singled out. */
export function smallCount(n: number): string {
  return n > 0 && n < 5 ? '<5' : n.toLocaleString('zh-CN');
}

/** A parameter's region prefix as the district's staff say it (the table keys values by division-code prefix). */
export function parameterRegionName(region: string | null, districtCode: string): string {
  if (region === null) return '—';
  if (region === '') return '全国';
  if (region === districtCode) return '本区';
  if (region === districtCode.slice(0, 4)) return '本市';
  if (region === districtCode.slice(0, 2)) return '本省';
  return districtCode.startsWith(region) ? '上级地区' : '辖区内';
}

/** A parameter's value with its unit: "920 元/人/月". */
export const parameterAmount = (v: number | null | undefined, unit?: string): string =>
  v === null || v === undefined ? '—' : `${v.toLocaleString('zh-CN')}${unit ? ` ${unit}` : ''}`;

/**
 * A list's total under its table: "共 1,234 户", or, while a very long list is still being counted
 * exactly (`totalExact: false`, the API's lower bound), "至少 50,001 户（精确数统计中）".
 */
export function pageTotal(list: { total: number; totalExact?: boolean } | null | undefined, unit: string): string {
  const n = (list?.total ?? 0).toLocaleString('zh-CN');
  return list?.totalExact === false ? `至少 ${n} ${unit}（精确数统计中）` : `共 ${n} ${unit}`;
}
