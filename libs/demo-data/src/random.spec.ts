import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, Weighted } from './random.js';

describe('Rng', () => {
  it('repeats for the same seed and differs between seeds', () => {
    const a = Rng.derive(1, 2);
    const b = Rng.derive(1, 2);
    const c = Rng.derive(1, 3);
    const xs = Array.from({ length: 100 }, () => a.u32());
    expect(Array.from({ length: 100 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.u32())).not.toEqual(xs);
  });

  it('is roughly uniform', () => {
    const rng = Rng.derive(99);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(rng.float() * 10)]!++;
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1_000; i++) {
      const x = rng.int(3, 5);
      expect(x >= 3 && x <= 5 && Number.isInteger(x)).toBe(true);
    }
  });

  it('samples weighted tables in proportion', () => {
    const rng = Rng.derive(5);
    const table = new Weighted<string>([
      ['a', 1],
      ['b', 3],
    ]);
    let b = 0;
    for (let i = 0; i < 40_000; i++) if (table.sample(rng) === 'b') b++;
    expect(b / 40_000).toBeCloseTo(0.75, 1);
  });
});

describe('the package', () => {
  it('never uses Math.random or the clock', () => {
    const dir = join(process.cwd(), 'libs/demo-data/src');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    expect(sources.length).toBeGreaterThan(4);
    for (const f of sources) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect({ f, random: /Math\.random\s*\(/.test(text), clock: /Date\.now\s*\(|new Date\s*\(|performance\.now\s*\(/.test(text) }).toEqual({
        f,
        random: false,
        clock: false,
      });
    }
  });
});
