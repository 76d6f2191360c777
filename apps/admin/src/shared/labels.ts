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
