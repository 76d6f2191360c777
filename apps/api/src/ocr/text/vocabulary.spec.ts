import { isGb2312Hanzi } from './vocabulary.js';

describe('everyday simplified characters (GB 2312)', () => {
  it('knows common and level-2 simplified characters', () => {
    for (const ch of ['曾', '王', '涛', '凫', '彝', '琪']) expect(isGb2312Hanzi(ch)).toBe(true);
  });

  it('does not take traditional forms or non-hanzi for them', () => {
    for (const ch of ['會', '國', '張', '堃', 'A', '1', '·']) expect(isGb2312Hanzi(ch)).toBe(false);
  });
});
