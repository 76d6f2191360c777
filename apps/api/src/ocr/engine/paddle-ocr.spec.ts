import { decodeCtc, markGaps, widthPairs, type PaddleChar } from './paddle-ocr.js';

/** Characters emitted at the given CTC steps. */
const read = (text: string): PaddleChar[] => [...text].map((ch) => ({ ch, conf: 0.99 }));
const box = { x0: 100, y0: 10, x1: 300, y1: 50 };

describe('blank gaps in a recognised line', () => {
  it('marks the room for a character the model has no class for (鱼_路)', () => {
    const steps = [2, 6, 10, 15, 19, 23, 27, 36, 39, 41, 44];
    const chars = read('街道太极社区鱼路374');
    markGaps(chars, steps, box, 50);
    expect(chars.filter((c) => c.gapBefore).map((c) => c.ch)).toEqual(['路']);
    const gap = chars[7]!.gapBefore!;
    expect(gap.missing).toBe(1);
    // Between 鱼 (step 27) and 路 (step 36), in the line's pixels (4 px per step).
    expect(gap.box.x0).toBeGreaterThan(100 + 27 * 4);
    expect(gap.box.x1).toBeLessThan(100 + 37 * 4);
    expect(gap.box).toMatchObject({ y0: 10, y1: 50 });
  });

  it('leaves evenly spaced print alone, wide or tight, and narrow digits out of the measure', () => {
    const wide = [0, 9, 18, 27, 36];
    const a = read('四川省成都');
    markGaps(a, wide, box, 50);
    expect(a.some((c) => c.gapBefore)).toBe(false);
    const mixed = [0, 4, 8, 12, 16, 20, 24, 28, 32, 35, 37, 39, 42];
    const b = read('镇东宫寺社区踏水路364号');
    markGaps(b, mixed, box, 50);
    expect(b.some((c) => c.gapBefore)).toBe(false);
  });

  it('says nothing about a line too short to measure', () => {
    const steps = [0, 4, 20];
    const chars = read('周秀芳');
    markGaps(chars, steps, box, 30);
    expect(chars.some((c) => c.gapBefore)).toBe(false);
  });
});

describe('CTC decoding', () => {
  // Class 0 is the blank; the rest a tiny dictionary with a digit and its full-width twin.
  const dict = ['', '2', '7', '２', '路', 'Ａ', ' '];
  const widths = widthPairs(dict);
  const decode = (rows: number[][]) => decodeCtc(rows.flat(), rows.length, dict.length, dict, widths);
  const step = (p: Record<number, number>): number[] => dict.map((_, k) => p[k] ?? 0);

  it('pairs only letters and digits that have an ASCII twin in the list', () => {
    expect(widths.pairs).toEqual([[1, 3]]);
  });

  it('reads a digit and its full-width twin as one ASCII digit, their probabilities added', () => {
    // ２ 0.36, 2 0.3, 7 0.34: the digit is 2 (0.66), not ２ nor 7; the next step, 2 then ２, is the same character, not "2２".
    const { chars, at } = decode([step({ 3: 0.36, 1: 0.3, 2: 0.34 }), step({ 1: 0.4, 3: 0.35, 2: 0.25 }), step({ 0: 0.9 }), step({ 2: 0.8 })]);
    expect(chars.map((c) => c.ch).join('')).toBe('27');
    expect(chars[0]!.conf).toBeCloseTo(0.66, 5);
    expect(at).toEqual([0, 3]);
  });

  it('keeps repeats apart across a blank and merges them without one, like any CTC decoder', () => {
    const { chars } = decode([step({ 4: 0.9 }), step({ 4: 0.9 }), step({ 0: 0.9 }), step({ 4: 0.9 }), step({ 5: 0.9 })]);
    expect(chars.map((c) => c.ch).join('')).toBe('路路Ａ');
  });
});
