import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import { encodePgm } from '../image/pgm.js';
import type { GrayImage } from '../image/geometry.js';
import type { LanguageData } from './language-data.js';

/** Tesseract page segmentation modes we use: a block of lines, one line, one word, one character. */
export type PageSegMode = '6' | '7' | '8' | '10';

export interface ZoneOptions {
  psm: PageSegMode;
  /** Only these characters may be read (LSTM honours it since Tesseract 4.1). */
  whitelist?: string;
}

/** One character as read, with the engine's confidence in it (0–1). */
export interface ReadChar {
  ch: string;
  conf: number;
}

export interface ReadLine {
  text: string;
  chars: ReadChar[];
  /** In the zone image's pixels. */
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface ZoneText {
  /** All lines, whitespace removed within a line, joined by '\n'. */
  text: string;
  lines: ReadLine[];
}

/** Reads zones of an image: handed to a document reader for the duration of one job. */
export interface ZoneRecognizer {
  read(image: GrayImage, opts: ZoneOptions): Promise<ZoneText>;
}

export class OcrTimeoutError extends Error {}
export class OcrBusyError extends Error {}
export class OcrUnavailableError extends Error {}

export interface PoolOptions {
  size: number;
  language: LanguageData;
  /** Limit on starting one worker (a worker that cannot load its data hangs rather than fails). */
  startTimeoutMs: number;
  /** Limit on one job; the worker running a job past it is replaced. */
  jobTimeoutMs: number;
  /** Jobs allowed to wait for a worker; more are refused at once. */
  maxQueue: number;
  onError: (message: string, error?: unknown) => void;
}

interface Slot {
  worker: Worker | null;
  busy: boolean;
}

interface Waiting {
  run: (slot: Slot) => void;
}

/** tesseract.js's JSON result tree (only the parts we read). */
interface TessWord {
  text: string;
  confidence: number;
}
interface TessLine {
  words: TessWord[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TessBlock {
  paragraphs: Array<{ lines: TessLine[] }>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onLate: (value: T) => void, error: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(error());
    }, ms);
    promise.then(
      (v) => {
        if (done) return onLate(v);
        clearTimeout(timer);
        done = true;
        resolve(v);
      },
      (e: unknown) => {
        if (done) return;
        clearTimeout(timer);
        done = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Lines of a result: CJK characters come back one "word" each, so a word's confidence is its characters'. */
export function toZoneText(blocks: TessBlock[] | null): ZoneText {
  const lines: ReadLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const chars: ReadChar[] = [];
        for (const word of line.words) {
          for (const ch of word.text.replace(/\s+/g, '')) chars.push({ ch, conf: Math.max(0, Math.min(1, word.confidence / 100)) });
        }
        if (chars.length) lines.push({ text: chars.map((c) => c.ch).join(''), chars, box: line.bbox });
      }
    }
  }
  return { text: lines.map((l) => l.text).join('\n'), lines };
}

/**
 * A fixed pool of tesseract.js workers (each a worker thread with its own WASM engine and ~100 MB
 * of model). Jobs queue for a free worker; a job that overruns its time loses its worker, which is
 * terminated and replaced, so one bad image cannot wedge the pool.
 */
export class TesseractPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Waiting[] = [];
  private stopped = false;

  constructor(private readonly opts: PoolOptions) {}

  get size(): number {
    return this.slots.filter((s) => s.worker !== null).length;
  }

  async start(): Promise<void> {
    const started = await Promise.allSettled(Array.from({ length: this.opts.size }, () => this.spawn()));
    for (const r of started) {
      if (r.status === 'fulfilled') this.slots.push({ worker: r.value, busy: false });
      else this.opts.onError('OCR worker failed to start', r.reason);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.queue.splice(0)) w.run({ worker: null, busy: true });
    await Promise.all(
      this.slots.map(async (s) => {
        const w = s.worker;
        s.worker = null;
        if (w) await w.terminate().catch(() => undefined);
      }),
    );
  }

  run<T>(job: (r: ZoneRecognizer) => Promise<T>): Promise<T> {
    if (this.stopped || this.size === 0) return Promise.reject(new OcrUnavailableError());
    const free = this.slots.find((s) => s.worker && !s.busy);
    if (free) return this.execute(free, job);
    if (this.queue.length >= this.opts.maxQueue) return Promise.reject(new OcrBusyError());
    return new Promise<Slot>((resolve) => this.queue.push({ run: resolve })).then((slot) => {
      if (!slot.worker) throw new OcrUnavailableError();
      return this.execute(slot, job);
    });
  }

  private async execute<T>(slot: Slot, job: (r: ZoneRecognizer) => Promise<T>): Promise<T> {
    slot.busy = true;
    const worker = slot.worker!;
    let timedOut = false;
    const recognizer: ZoneRecognizer = {
      read: async (image, opts) => {
        if (timedOut) throw new OcrTimeoutError();
        const params: Record<string, string> = { tessedit_pageseg_mode: opts.psm, tessedit_char_whitelist: opts.whitelist ?? '' };
        const result = await worker.recognize(encodePgm(image), params, { text: false, blocks: true });
        return toZoneText(result.data.blocks as unknown as TessBlock[] | null);
      },
    };
    try {
      return await withTimeout(
        job(recognizer),
        this.opts.jobTimeoutMs,
        () => undefined,
        () => {
          timedOut = true;
          return new OcrTimeoutError();
        },
      );
    } catch (e) {
      if (e instanceof OcrTimeoutError) this.replace(slot);
      throw e;
    } finally {
      if (!timedOut) this.release(slot);
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    const next = this.queue.shift();
    if (next) {
      slot.busy = true;
      next.run(slot);
    }
  }

  /** Terminates a wedged worker and starts a new one in its place. */
  private replace(slot: Slot): void {
    const old = slot.worker;
    slot.worker = null;
    void old?.terminate().catch(() => undefined);
    this.spawn().then(
      (w) => {
        if (this.stopped) return void w.terminate();
        slot.worker = w;
        this.release(slot);
      },
      (e: unknown) => {
        this.opts.onError('OCR worker could not be replaced', e);
        // Leave the slot empty; if no worker is left, waiting jobs fail rather than hang.
        if (this.size === 0) for (const w of this.queue.splice(0)) w.run({ worker: null, busy: true });
      },
    );
  }

  private spawn(): Promise<Worker> {
    const { language } = this.opts;
    const creating = createWorker(language.lang, OEM.LSTM_ONLY, {
      langPath: language.langPath,
      cacheMethod: 'none',
      gzip: true,
      // Without a handler tesseract.js rethrows a job's error inside its message listener, which
      // would end the process; with one, the job's own promise still rejects.
      errorHandler: (e: unknown) => this.opts.onError('OCR job failed', e),
    }).then((w) => {
      // A crash inside the thread is an 'error' event: unhandled, it would end the process.
      (w as unknown as { worker: ThreadWorker }).worker?.on('error', (e) => this.opts.onError('OCR worker thread crashed', e));
      return w;
    });
    return withTimeout(
      creating,
      this.opts.startTimeoutMs,
      (late) => void late.terminate(),
      () => new Error(`OCR worker did not start within ${this.opts.startTimeoutMs} ms`),
    );
  }
}
