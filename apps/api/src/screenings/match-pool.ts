import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { joinBatches, type MatchBatch } from './match-batch.js';
import type { MatchInput, MatchWorkerData } from './match-worker.js';

const WORKER_URL = new URL('./match-worker.js', import.meta.url);

/**
 * Worker threads that match batches of households in parallel. Available only where the compiled
 * worker file exists (the built API); elsewhere (tests run the TypeScript sources) screening
 * matches in the main thread.
 */
export class MatchPool {
  private readonly workers: Worker[];
  /** Per worker, the callers waiting for its answers, in the order their batches were posted (a worker answers in order). */
  private readonly waiting: Array<Array<{ resolve: (out: MatchBatch) => void; reject: (e: Error) => void }>>;

  private constructor(size: number, data: MatchWorkerData) {
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_URL, { workerData: data }));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, i) => {
      const queue = this.waiting[i]!;
      w.on('message', (out: MatchBatch) => queue.shift()?.resolve(out));
      w.on('error', (e: Error) => {
        for (const p of queue.splice(0)) p.reject(e);
      });
    });
  }

  static create(size: number, data: MatchWorkerData): MatchPool | null {
    if (size < 1 || !existsSync(fileURLToPath(WORKER_URL))) return null;
    return new MatchPool(size, data);
  }

  /** Splits the batch across the workers and returns the results in input order; callers may overlap (two shards in flight). */
  async match(batch: MatchInput[]): Promise<MatchBatch> {
    const per = Math.ceil(batch.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((w, i) => {
        const part = batch.slice(i * per, (i + 1) * per);
        if (part.length === 0) return Promise.resolve(null);
        return new Promise<MatchBatch | null>((resolve, reject) => {
          this.waiting[i]!.push({ resolve, reject });
          w.postMessage(part);
        });
      }),
    );
    return joinBatches(parts.filter((p): p is MatchBatch => p !== null));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
