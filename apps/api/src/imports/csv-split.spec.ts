import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rangeKeys, rangeOfKeys, splitCsv } from './csv-split.js';
import { readRows } from './file-reader.js';

describe('splitCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csv-split-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const file = (text: string): string => {
    const path = join(dir, `f${n++}.csv`);
    writeFileSync(path, text);
    return path;
  };
  const all = async (path: string): Promise<Array<{ rowNumber: number; cells: unknown[] }>> => {
    const out = [];
    for await (const r of readRows(path, 'csv')) out.push(r);
    return out;
  };

  const samples: Record<string, string> = {
    plain: 'h1,h2\n1,a\n2,b\n3,c\n4,d\n5,e\n',
    'no trailing newline': 'h1,h2\n1,a\n2,b\n3,c',
    'CRLF and BOM': '\uFEFFh1,h2\r\n1,a\r\n2,b\r\n\r\n3,c\r\n',
    'quoted newlines': 'h1,h2\n1,"a\nb"\n"2\n\n",c\n3,"x""\ny"\n4,"""quoted"""\n5,"last\r\nline"\r\n',
    'empty lines everywhere': 'h1,h2\n\n\n1,a\n\n2,"b\n\nc"\n\n\n3,d\n\n',
    'header only': 'h1,h2\n',
    'header without newline': 'h1,h2',
    multibyte: '身份证号,日期\n张,"李\n四"\n王,五\n',
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`reads the same rows with the same numbers in ranges as in one read: ${name}`, async () => {
      const path = file(text);
      const whole = (await all(path)).slice(1);
      for (const [size, chunk] of [
        [1, 1],
        [2, 3],
        [3, 7],
        [1, undefined],
        [2, undefined],
        [1000, undefined],
      ] as const) {
        const ranges = await splitCsv(path, size, chunk);
        const parts = [];
        for (const r of ranges) {
          expect(rangeOfKeys(rangeKeys(r).fromKey, rangeKeys(r).toKey)).toEqual(r);
          for await (const row of readRows(path, 'csv', r)) parts.push(row);
        }
        expect(parts).toEqual(whole);
        if (size === 1) expect(ranges.length).toBe(whole.length);
        // Contiguous, from the end of the header to the end of the file.
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
        if (ranges.length) expect(ranges.at(-1)!.end).toBeNull();
      }
    });
  }

  it('cuts after every N records, counting empty lines, never inside quotes', async () => {
    const path = file('h\n1\n"2\n2"\n\n4\n5\n');
    const ranges = await splitCsv(path, 2);
    expect(ranges.map((r) => r.firstRow)).toEqual([2, 4, 6]);
    expect(ranges.map((r) => [r.start, r.end])).toEqual([
      [2, 10],
      [10, 13],
      [13, null],
    ]);
  });
});
