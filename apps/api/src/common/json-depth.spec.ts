import { jsonDeeperThan } from './json-depth.js';

describe('jsonDeeperThan', () => {
  const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
  it('counts objects and arrays', () => {
    expect(jsonDeeperThan(Buffer.from(deep(32)), 32)).toBe(false);
    expect(jsonDeeperThan(Buffer.from(deep(33)), 32)).toBe(true);
    expect(jsonDeeperThan(Buffer.from('{"a":{"b":{"c":[1,2,{"d":1}]}}}'), 5)).toBe(false);
    expect(jsonDeeperThan(Buffer.from('{"a":{"b":{"c":[1,2,{"d":1}]}}}'), 4)).toBe(true);
  });
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDeeperThan(Buffer.from(JSON.stringify({ s: '[[[[[[{{{{{{', t: 'a\\"[[[[[' })), 2)).toBe(false);
  });
  it('reads a 5,000-deep body without recursing', () => {
    expect(jsonDeeperThan(Buffer.from(deep(5000)), 32)).toBe(true);
  });
});
