import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GrayPixels, PaddleLine } from './paddle-ocr.js';
import { OcrBusyError, OcrTimeoutError, OcrUnavailableError } from './tesseract-pool.js';
import type { WorkerReply, WorkerRequest } from './paddle-worker.js';

/** Reads text lines: handed to a document reader for the duration of one job. */
export interface LineRecognizer {
  /** Every text line of the image (detection + recognition). */
  page(image: GrayPixels): Promise<PaddleLine[]>;
  /** The image (or a box of it) read as one line. */
  line(image: GrayPixels, box?: PaddleLine['box']): Promise<PaddleLine>;
}

export interface PaddlePoolOptions {
  size: number;
  startTimeoutMs: number;
  jobTimeoutMs: number;
  maxQueue: number;
  onError: (message: string, error?: unknown) => void;
}

interface Child {
  process: ChildProcess;
  pending: Map<number, { resolve: (l: PaddleLine[]) => void; reject: (e: Error) => void }>;
}

interface Slot {
  child: Child | null;
  busy: boolean;
  /** A replacement child is starting: jobs wait for it. */
  restarting: boolean;
}

let scriptPromise: Promise<string> | null = null;

/**
 * The worker's entry file. Built code runs dist/…/paddle-worker.js; from the TypeScript sources
 * (tests) the worker is bundled once with esbuild next to node_modules so its imports resolve.
 */
export function workerScript(): Promise<string> {
  scriptPromise ??= (async () => {
    const here = fileURLToPath(import.meta.url);
    if (here.endsWith('.js')) return join(dirname(here), 'paddle-worker.js');
    const outDir = join(dirname(here), '../../../node_modules/.cache/zczr-ocr');
    const out = join(outDir, 'paddle-worker.mjs');
    const entry = join(dirname(here), 'paddle-worker.ts');
    mkdirSync(outDir, { recursive: true });
    const { build } = await import('esbuild');
    const tmp = `${out}.${process.pid}.tmp`;
    await build({ entryPoints: [entry], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile: tmp, logLevel: 'error' });
    if (!existsSync(out) || readFileSync(out, 'utf8') !== readFileSync(tmp, 'utf8')) renameSync(tmp, out);
    return out;
  })();
  return scriptPromise;
}

/**
 * A fixed pool of PP-OCRv4 child processes (one core and ~250 MB each). Jobs queue for a free
 * child; a job that overruns its time loses its child, which is killed and replaced.
 */
export class PaddlePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<(slot: Slot) => void> = [];
  private stopped = false;
  private nextId = 1;
  private readonly starting = new Set<Promise<unknown>>();

  constructor(private readonly opts: PaddlePoolOptions) {}

  /** Workers running or being replaced. */
  get size(): number {
    return this.slots.filter((s) => s.child !== null || s.restarting).length;
  }

  /** Process ids of the children (for measuring their memory). */
  get pids(): number[] {
    return this.slots.flatMap((s) => (s.child?.process.pid ? [s.child.process.pid] : []));
  }

  async start(): Promise<void> {
    const started = await Promise.allSettled(Array.from({ length: this.opts.size }, () => this.spawn()));
    for (const r of started) {
      if (r.status === 'fulfilled') this.slots.push({ child: r.value, busy: false, restarting: false });
      else this.opts.onError('OCR worker failed to start', r.reason);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.queue.splice(0)) w({ child: null, busy: true, restarting: false });
    await Promise.allSettled([...this.starting]);
    await Promise.all(
      this.slots.map(async (s) => {
        const c = s.child;
        s.child = null;
        if (c) await kill(c);
      }),
    );
  }

  run<T>(job: (r: LineRecognizer) => Promise<T>): Promise<T> {
    if (this.stopped || this.size === 0) return Promise.reject(new OcrUnavailableError());
    const free = this.slots.find((s) => s.child && !s.busy);
    if (free) return this.execute(free, job);
    if (this.queue.length >= this.opts.maxQueue) return Promise.reject(new OcrBusyError());
    return new Promise<Slot>((resolve) => this.queue.push(resolve)).then((slot) => {
      if (!slot.child) throw new OcrUnavailableError();
      return this.execute(slot, job);
    });
  }

  private async execute<T>(slot: Slot, job: (r: LineRecognizer) => Promise<T>): Promise<T> {
    slot.busy = true;
    const child = slot.child!;
    let timedOut = false;
    const ask = (req: Omit<WorkerRequest, 'id'>): Promise<PaddleLine[]> => {
      if (timedOut) return Promise.reject(new OcrTimeoutError());
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        child.pending.set(id, { resolve, reject });
        child.process.send({ ...req, id } satisfies WorkerRequest, (e) => {
          if (e) {
            child.pending.delete(id);
            reject(new OcrUnavailableError());
          }
        });
      });
    };
    const recognizer: LineRecognizer = {
      page: (image) => ask({ op: 'page', image }),
      line: async (image, box) => (await ask({ op: 'line', image, box }))[0]!,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        job(recognizer),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            timedOut = true;
            reject(new OcrTimeoutError());
          }, this.opts.jobTimeoutMs);
        }),
      ]);
    } catch (e) {
      if (e instanceof OcrTimeoutError || !child.process.connected) this.replace(slot);
      throw e;
    } finally {
      clearTimeout(timer);
      if (slot.child === child) this.release(slot);
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    const next = this.queue.shift();
    if (next) {
      slot.busy = true;
      next(slot);
    }
  }

  /** Kills a wedged or dead child and starts a new one in its place. */
  private replace(slot: Slot): void {
    const old = slot.child;
    slot.child = null;
    slot.busy = true;
    slot.restarting = true;
    if (old) void kill(old);
    const started = this.spawn().then(
      async (c) => {
        slot.restarting = false;
        if (this.stopped) return kill(c);
        slot.child = c;
        this.release(slot);
      },
      (e: unknown) => {
        slot.restarting = false;
        this.opts.onError('OCR worker could not be replaced', e);
        if (this.size === 0) for (const w of this.queue.splice(0)) w({ child: null, busy: true, restarting: false });
      },
    );
    this.starting.add(started);
    void started.finally(() => this.starting.delete(started));
  }

  private async spawn(): Promise<Child> {
    const script = await workerScript();
    const proc = fork(script, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // One core per worker, whatever the machine has; none of the API's secrets.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: process.env.NODE_ENV ?? 'production', OMP_NUM_THREADS: '1' },
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const child: Child = { process: proc, pending: new Map() };
    const failAll = (why: string): void => {
      for (const p of child.pending.values()) p.reject(new OcrUnavailableError(why));
      child.pending.clear();
    };
    return new Promise<Child>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        if (ready) return;
        proc.kill('SIGKILL');
        reject(new Error(`OCR worker did not start within ${this.opts.startTimeoutMs} ms`));
      }, this.opts.startTimeoutMs);
      proc.on('message', (m: WorkerReply) => {
        if ('ready' in m) {
          clearTimeout(timer);
          if (m.ready) {
            ready = true;
            resolve(child);
          } else {
            reject(new Error(`OCR worker failed to load its models: ${m.error}`));
          }
          return;
        }
        const p = child.pending.get(m.id);
        if (!p) return;
        child.pending.delete(m.id);
        if ('error' in m) p.reject(new Error(m.error));
        else p.resolve(m.lines);
      });
      proc.on('error', (e) => this.opts.onError('OCR worker error', e));
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        failAll(`exit ${code ?? signal}`);
        if (!ready) reject(new Error(`OCR worker exited (${code ?? signal}) before it was ready: ${stderr.slice(0, 500)}`));
        else if (!this.stopped && code !== 0) {
          this.opts.onError(`OCR worker exited (${code ?? signal})`);
          const slot = this.slots.find((s) => s.child === child);
          if (slot && !slot.busy) this.replace(slot);
        }
      });
    });
  }
}

function kill(c: Child): Promise<void> {
  return new Promise((resolve) => {
    if (c.process.exitCode !== null || c.process.signalCode !== null) return resolve();
    const t = setTimeout(() => c.process.kill('SIGKILL'), 2000);
    c.process.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    c.process.disconnect?.();
    c.process.kill('SIGTERM');
  });
}
