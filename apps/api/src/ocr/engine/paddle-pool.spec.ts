import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { GrayPixels } from './paddle-ocr.js';
import { PaddlePool } from './paddle-pool.js';
import { OcrTimeoutError } from './tesseract-pool.js';

/**
 * The PP-OCRv4 pool: real child processes (onnxruntime-node cannot run inside Jest's VM realm),
 * bundled from these sources on first use.
 */
const fixtures = join(process.cwd(), 'test', 'fixtures');

async function gray(file: string, width = 1280): Promise<GrayPixels> {
  const { data, info } = await sharp(readFileSync(file)).resize({ width }).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('PaddlePool (PP-OCRv4 on onnxruntime-node, one child process per worker)', () => {
  const errors: string[] = [];
  let pool: PaddlePool;
  beforeAll(async () => {
    pool = new PaddlePool({ size: 1, startTimeoutMs: 60_000, jobTimeoutMs: 60_000, maxQueue: 2, onError: (m) => errors.push(m) });
    await pool.start();
  }, 90_000);
  afterAll(() => pool.stop());

  it('reads the labels, the name and the number of a card photographed in another font as lines with boxes', async () => {
    const img = await gray(join(fixtures, 'id-cards-wild', '0001-clean-front.jpg'));
    const truth = (
      JSON.parse(readFileSync(join(fixtures, 'id-cards-wild', 'truth.json'), 'utf8')) as { cards: Array<{ file: string; truth: Record<string, string> }> }
    ).cards.find((c) => c.file === '0001-clean-front.jpg')!.truth;
    const lines = await pool.run((r) => r.page(img));
    const texts = lines.map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['公民身份号码', truth.idNumber]));
    expect(texts.some((t) => t.includes(truth.name!))).toBe(true);
    for (const l of lines) {
      expect(l.box.x1).toBeGreaterThan(l.box.x0);
      expect(l.box.x1).toBeLessThanOrEqual(img.width);
      for (const c of l.chars) expect(c.conf).toBeGreaterThan(0);
    }
    // One line read on its own, from its box.
    const number = lines.find((l) => l.text === truth.idNumber)!;
    expect((await pool.run((r) => r.line(img, number.box))).text).toBe(truth.idNumber);
  }, 60_000);

  it('replaces a worker whose job overran its time; a job waiting meanwhile runs on the new one', async () => {
    const quick = new PaddlePool({ size: 1, startTimeoutMs: 60_000, jobTimeoutMs: 3000, maxQueue: 2, onError: (m) => errors.push(m) });
    await quick.start();
    try {
      const before = quick.pids[0];
      const stuck = quick.run(() => new Promise<never>(() => undefined));
      const waiting = quick.run(async (r) => (await r.line({ data: new Uint8Array(48 * 96).fill(255), width: 96, height: 48 })).text);
      await expect(stuck).rejects.toBeInstanceOf(OcrTimeoutError);
      await expect(waiting).resolves.toBe('');
      expect(quick.pids).toHaveLength(1);
      expect(quick.pids[0]).not.toBe(before);
    } finally {
      await quick.stop();
    }
  }, 90_000);
});
