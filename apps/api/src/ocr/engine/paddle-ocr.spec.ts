import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * onnxruntime-node checks tensors with `instanceof Float32Array`, which fails across Jest's VM realm,
 * so the reader runs in a plain Node child process (bundled with esbuild) and reports JSON.
 */
const root = process.cwd();
const fixtures = join(root, 'test', 'fixtures', 'id-cards');
const dir = join(root, 'node_modules', '.cache', 'paddle-ocr-spec');

function readLines(file: string): string[] {
  mkdirSync(dir, { recursive: true });
  buildSync({ entryPoints: [join(root, 'src/ocr/engine/paddle-ocr.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile: join(dir, 'paddle-ocr.mjs'), logLevel: 'error' });
  writeFileSync(join(dir, 'run.mjs'), `import { readFileSync } from 'node:fs';\nimport { PaddleOcr } from './paddle-ocr.mjs';\nconst lines = await new PaddleOcr().read(readFileSync(process.argv[2]));\nprocess.stdout.write(JSON.stringify(lines));\n`);
  const out = execFileSync(process.execPath, [join(dir, 'run.mjs'), file], { encoding: 'utf8', timeout: 60_000 });
  return (JSON.parse(out) as { text: string; box: { w: number } }[]).map((l) => { expect(l.box.w).toBeGreaterThan(0); return l.text; });
}

describe('PaddleOcr (PP-OCRv4 on onnxruntime-node)', () => {
  it('reads the labels, the name and the ID number of a clean front as text lines', () => {
    const texts = readLines(join(fixtures, '0000-clean-front.jpg'));
    expect(texts).toEqual(expect.arrayContaining(['姓名', '公民身份号码', '510123199901245015']));
    expect(texts.some((t) => t.includes('王川'))).toBe(true);
  });

  it('reads the authority and the validity of a clean back', () => {
    const texts = readLines(join(fixtures, '0000-clean-back.jpg'));
    expect(texts).toEqual(expect.arrayContaining(['签发机关', '有效期限', '2025.04.15-2045.04.15']));
  });
});
