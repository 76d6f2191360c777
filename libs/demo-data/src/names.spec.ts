import { generateStaffNames } from './index.js';
import { personName } from './names.js';
import { Rng } from './random.js';

describe('generateStaffNames', () => {
  it('is deterministic, distinct and made of Chinese characters', () => {
    const names = generateStaffNames(9, 2_000);
    expect(names).toEqual(generateStaffNames(9, 2_000));
    expect(new Set(names).size).toBe(2_000);
    for (const n of names) expect(n).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(generateStaffNames(10, 50)).not.toEqual(names.slice(0, 50));
  });

  it('still finds distinct names for long lists', () => {
    const names = generateStaffNames(3, 30_000);
    expect(new Set(names).size).toBe(30_000);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(5);
  });

  it('draws common surnames most often', () => {
    // A small list, so that refusing duplicates does not skew the counts.
    const names = generateStaffNames(1, 400);
    const top = names.filter((n) => '王李张刘陈'.includes(n.charAt(0))).length / names.length;
    expect(top).toBeGreaterThan(0.2);
    expect(top).toBeLessThan(0.45);
  });
});

describe('personName', () => {
  it('follows the naming customs of each ethnicity', () => {
    const rng = new Rng(1, 2, 3, 4);
    for (let i = 0; i < 200; i++) {
      expect(personName(rng, 'female', 1990, '汉族', '王')).toMatch(/^王[\u4e00-\u9fa5]{1,2}$/);
      expect(personName(rng, 'male', 1970, '藏族', '')).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(personName(rng, 'male', 1970, '彝族', '吉克')).toMatch(/^吉克[\u4e00-\u9fa5]{1,2}$/);
    }
  });
});
