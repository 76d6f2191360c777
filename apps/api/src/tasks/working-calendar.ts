/**
 * Working days: Monday–Friday, minus public holidays, plus make-up working days (调休), as published
 * by the State Council General Office for 2025 (国办发明电〔2024〕12号) and 2026. Seeded into
 * `calendar_day` when it is empty; later years are added there as data.
 */
export const CHINA_CALENDAR_2025_2026: ReadonlyArray<{ day: string; kind: 'holiday' | 'workday'; name: string }> = [
  ...range('2025-01-01', '2025-01-01', '元旦'),
  ...range('2025-01-28', '2025-02-04', '春节'),
  { day: '2025-01-26', kind: 'workday', name: '春节调休' },
  { day: '2025-02-08', kind: 'workday', name: '春节调休' },
  ...range('2025-04-04', '2025-04-06', '清明节'),
  ...range('2025-05-01', '2025-05-05', '劳动节'),
  { day: '2025-04-27', kind: 'workday', name: '劳动节调休' },
  ...range('2025-05-31', '2025-06-02', '端午节'),
  ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  { day: '2025-09-28', kind: 'workday', name: '国庆节调休' },
  { day: '2025-10-11', kind: 'workday', name: '国庆节调休' },
  ...range('2026-01-01', '2026-01-03', '元旦'),
  { day: '2026-01-04', kind: 'workday', name: '元旦调休' },
  ...range('2026-02-15', '2026-02-23', '春节'),
  { day: '2026-02-14', kind: 'workday', name: '春节调休' },
  { day: '2026-02-28', kind: 'workday', name: '春节调休' },
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  { day: '2026-05-09', kind: 'workday', name: '劳动节调休' },
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  { day: '2026-09-20', kind: 'workday', name: '国庆节调休' },
  { day: '2026-10-10', kind: 'workday', name: '国庆节调休' },
];

function range(from: string, to: string, name: string): Array<{ day: string; kind: 'holiday'; name: string }> {
  const out: Array<{ day: string; kind: 'holiday'; name: string }> = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ day: d, kind: 'holiday', name });
  return out;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A calendar over the exceptions table. */
export class WorkingCalendar {
  constructor(private readonly exceptions: ReadonlyMap<string, 'holiday' | 'workday'>) {}

  isWorkingDay(date: string): boolean {
    const kind = this.exceptions.get(date);
    if (kind) return kind === 'workday';
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The date `n` working days after `date` (the start day itself does not count). */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to && n < 10_000; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }
}
