import { join } from 'node:path';
import sharp from 'sharp';
import { estimateSkew, findCard, homography, applyHomography, removeRuledLines, warp, type GrayImage, type Quad } from './geometry.js';

/** Committed photos of the second OCR corpus (tuning seed). */
const WILD = join(process.cwd(), 'test', 'fixtures', 'id-cards-wild');

/** A dark desk with a light card (aspect 1.585) whose corners are at `quad`. */
function photo(w: number, h: number, quad: Quad): GrayImage {
  const card: GrayImage = { data: new Uint8Array(317 * 200).fill(235), width: 317, height: 200 };
  // A few dark "text" rows on the card.
  for (let y = 40; y < 180; y += 30) for (let x = 30; x < 200; x++) for (let k = 0; k < 6; k++) card.data[(y + k) * 317 + x] = 30;
  const toCard = homography(quad, [
    [0, 0],
    [317, 0],
    [317, 200],
    [0, 200],
  ]);
  const out = warp(card, toCard, w, h);
  for (let i = 0; i < out.data.length; i++) if (out.data[i] === 255) out.data[i] = 90; // outside the card
  return out;
}

describe('pixel geometry', () => {
  it('a homography maps its four points', () => {
    const src: Quad = [
      [10, 20],
      [300, 5],
      [320, 210],
      [0, 190],
    ];
    const dst: Quad = [
      [0, 0],
      [1712, 0],
      [1712, 1080],
      [0, 1080],
    ];
    const h = homography(src, dst);
    src.forEach((p, i) => {
      const [x, y] = applyHomography(h, p[0], p[1]);
      expect(x).toBeCloseTo(dst[i]![0], 6);
      expect(y).toBeCloseTo(dst[i]![1], 6);
    });
  });

  it('finds a tilted card on a desk to within a pixel or two', () => {
    const quad: Quad = [
      [70, 60],
      [390, 40],
      [405, 245],
      [80, 262],
    ];
    const found = findCard(photo(480, 320, quad), 1.585, 4);
    expect(found).not.toBeNull();
    found!.quad.forEach(([x, y], i) => {
      expect(Math.abs(x - quad[i]![0])).toBeLessThan(2.5);
      expect(Math.abs(y - quad[i]![1])).toBeLessThan(2.5);
    });
  });

  it('finds nothing in a photo without a card', () => {
    expect(findCard({ data: new Uint8Array(480 * 320).fill(120), width: 480, height: 320 }, 1.585, 4)).toBeNull();
  });

  it('paints out the rules of a form and reports its rows', () => {
    const w = 400;
    const h = 200;
    const img: GrayImage = { data: new Uint8Array(w * h).fill(250), width: w, height: h };
    for (const y of [20, 80, 140]) for (let x = 10; x < 390; x++) img.data[y * w + x] = 20;
    for (let y = 20; y <= 140; y++) for (const x of [10, 200, 389]) img.data[y * w + x] = 20;
    for (let x = 50; x < 60; x++) for (let y = 40; y < 60; y++) img.data[y * w + x] = 20; // a "character"
    const { cleaned, rows, columns } = removeRuledLines(img, 24);
    expect(rows.map(Math.round)).toEqual([20, 80, 140]);
    expect(columns.map(Math.round)).toEqual([10, 200, 389]);
    expect(cleaned.data[80 * w + 100]).toBeGreaterThan(200);
    expect(cleaned.data[50 * w + 55]).toBe(20);
  });

  describe('skew of a page without an outline', () => {
    /**
     * A screenshot-like card back: light falling off across the photo, a large dark emblem, and
     * four lines of "characters" (dark blocks); turned `deg` clockwise as a phone would store it.
     */
    async function page(deg: number): Promise<GrayImage> {
      const w = 600;
      const h = 380;
      const data = new Uint8Array(w * h);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) data[y * w + x] = 140 + Math.round((110 * (x + y)) / (w + h)) + (Math.abs(y - 190 - 25 * Math.sin(x / 40)) < 1.5 ? -40 : 0);
      for (let y = 20; y < 140; y++) for (let x = 30; x < 150; x++) if ((x - 90) ** 2 + (y - 80) ** 2 < 60 ** 2) data[y * w + x] = 105;
      for (const [y0, x0, n] of [
        [60, 200, 7],
        [120, 190, 5],
        [280, 130, 12],
        [320, 130, 14],
      ] as const)
        for (let c = 0; c < n; c++) for (let y = y0; y < y0 + 18; y++) for (let x = x0 + c * 24; x < x0 + c * 24 + 16; x++) data[y * w + x] = 40;
      const { data: out, info } = await sharp(Buffer.from(data), { raw: { width: w, height: h, channels: 1 } })
        .rotate(deg, { background: '#f5f5f5' })
        .extractChannel(0)
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(out), width: info.width, height: info.height };
    }

    /** A committed photo as locatePage sees it before looking for skew: grey, 480 px wide. */
    async function asFound(file: string): Promise<GrayImage> {
      const { data, info } = await sharp(join(WILD, file)).rotate().resize({ width: 480 }).grayscale().raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(data), width: info.width, height: info.height };
    }

    it('is none for straight screenshots and scans of a card back (light falling off, a dark emblem: a global threshold saw 4–4.5°)', async () => {
      for (const file of ['0005-fullbleed-back.jpg', '0002-clean-back.jpg', '0000-fullbleed-back.jpg'])
        expect([file, Math.abs(estimateSkew(await asFound(file)))]).toEqual([file, 0]);
      expect(estimateSkew(await page(0))).toBe(0);
    });

    it('finds the turn of the text lines', async () => {
      expect(estimateSkew(await page(3))).toBeCloseTo(3, 0);
      expect(estimateSkew(await page(-2))).toBeCloseTo(-2, 0);
    });
  });
});
