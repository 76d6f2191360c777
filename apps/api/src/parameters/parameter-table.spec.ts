import { appliesTo, isCalendarDate, isSaneValue, rowInForce } from './parameter-table.js';

const row = (region: string, effectiveFrom: string, effectiveTo: string | null, value: number) => ({ region, effectiveFrom, effectiveTo, value });

describe('parameter table helpers', () => {
  const rows = [
    row('', '2021-07-01', null, 1),
    row('5101', '2022-07-01', '2024-07-01', 870),
    row('5101', '2024-07-01', '2026-12-05', 920),
    row('5101', '2026-12-05', null, 1000),
    row('510116', '2022-07-01', null, 999),
  ];

  it('resolves as the matcher does: the longest prefix with a value in force, the end date exclusive', () => {
    expect(rowInForce(rows, '510115', '2026-12-04')?.value).toBe(920);
    expect(rowInForce(rows, '510115', '2026-12-05')?.value).toBe(1000);
    expect(rowInForce(rows, '510115', '2023-01-01')?.value).toBe(870);
    expect(rowInForce(rows, '510116', '2026-12-05')?.value).toBe(999);
    expect(rowInForce(rows, '440305', '2026-12-05')?.value).toBe(1);
    expect(rowInForce(rows, '510115', '2020-01-01')).toBeNull();
  });

  it('applies a row to a district when it is above or inside it', () => {
    expect([appliesTo('', '510115'), appliesTo('5101', '510115'), appliesTo('510115001', '510115')]).toEqual([true, true, true]);
    expect([appliesTo('510116', '510115'), appliesTo('5102', '510115')]).toEqual([false, false]);
  });

  it('takes only real calendar dates', () => {
    expect(['2026-12-31', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', 'tomorrow', '2026-12-31T00:00'].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });

  it('guards against typos: negative, a share above 1, ten times off the value in force', () => {
    expect(isSaneValue(1000, '元/人/月', 920)).toBe(true);
    expect(isSaneValue(0.25, '比例', 0.3)).toBe(true);
    expect(isSaneValue(-1, '元/人/月', 920)).toBe(false);
    expect(isSaneValue(1.2, '比例', 0.3)).toBe(false);
    expect(isSaneValue(9200.01, '元/人/月', 920)).toBe(false);
    expect(isSaneValue(91, '元/人/月', 920)).toBe(false);
    expect(isSaneValue(Number.POSITIVE_INFINITY, '元/人/月', null)).toBe(false);
    expect(isSaneValue(500, '元/人/月', null)).toBe(true);
  });
});
