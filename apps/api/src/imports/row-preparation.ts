import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { CsvRange } from './csv-split.js';
import { readRows, type FileFormat } from './file-reader.js';
import { normalisedKey, parseRow, sourceOf, type Cell, type ImportSource } from './sources.js';

/** A row that passed its source's schema: keyed hashes for dedupe and matching, its values encrypted. */
export interface PreparedRow {
  rowNumber: number;
  /** Keyed hash of the record's identity (source + normalised values): the dedupe key. */
  key: string;
  /** Keyed hash of the ID number: how the row finds its household. */
  person: string;
  date: string;
  payloadEnc: string;
}

export interface RowError {
  rowNumber: number;
  columnName: string;
  reason: string;
}

/** One batch of a file, checked, hashed and encrypted: what the import stores or reports. */
export interface PreparedBatch {
  processed: number;
  errorRows: number;
  duplicates: number;
  errors: RowError[];
  valid: PreparedRow[];
  lastRow: number;
}

/**
 * Validates, hashes and encrypts rows; remembers each ID number's hash, in `hashes` (pass the same
 * map to the preparers of one key's shards: a file names the same people in every shard, and each
 * shard hashing them again made the reading thread the bottleneck of an import).
 */
export class RowPreparer {
  constructor(
    private readonly source: ImportSource,
    private readonly positions: Map<string, number>,
    private readonly today: string,
    private readonly cipher: FieldCipher,
    private readonly hashes = new Map<string, string>(),
  ) {}

  prepare(batch: ReadonlyArray<{ rowNumber: number; cells: Cell[] }>): PreparedBatch {
    const out: PreparedBatch = { processed: batch.length, errorRows: 0, duplicates: 0, errors: [], valid: [], lastRow: batch.at(-1)?.rowNumber ?? 0 };
    const seen = new Map<string, number>();
    for (const r of batch) {
      const parsed = parseRow(this.source, this.positions, r.cells, this.today);
      if ('errors' in parsed) {
        out.errorRows++;
        for (const e of parsed.errors) out.errors.push({ rowNumber: r.rowNumber, columnName: e.column, reason: e.reason });
        continue;
      }
      const key = this.cipher.hash(normalisedKey(this.source.code, parsed.row));
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        out.duplicates++;
        out.errors.push({ rowNumber: r.rowNumber, columnName: '', reason: `与第 ${earlier} 行重复，已忽略` });
        continue;
      }
      seen.set(key, r.rowNumber);
      let person = this.hashes.get(parsed.row.idNumber);
      if (person === undefined) {
        person = this.cipher.hash(parsed.row.idNumber);
        if (this.hashes.size > 500_000) this.hashes.clear();
        this.hashes.set(parsed.row.idNumber, person);
      }
      out.valid.push({ rowNumber: r.rowNumber, key, person, date: parsed.row.date, payloadEnc: this.cipher.encrypt(JSON.stringify(parsed.row.values)) });
    }
    return out;
  }
}

/** The header row (row 1) of a file, or null for a file without rows. */
export async function readHeader(path: string, format: FileFormat): Promise<{ rowNumber: number; cells: Cell[] } | null> {
  for await (const r of readRows(path, format)) return r;
  return null;
}

/**
 * The data rows of a file (after the header, blank rows skipped), in batches; with a range (a CSV
 * shard's bytes, which never hold the header), the data rows of the range.
 */
export async function* dataBatches(
  path: string,
  format: FileFormat,
  size: number,
  range?: CsvRange | null,
): AsyncGenerator<Array<{ rowNumber: number; cells: Cell[] }>> {
  let batch: Array<{ rowNumber: number; cells: Cell[] }> = [];
  let header = !range;
  for await (const r of readRows(path, format, range ?? undefined)) {
    if (header) {
      header = false;
      continue;
    }
    if (r.cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    batch.push(r);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export interface PreparationJob {
  path: string;
  format: FileFormat;
  sourceCode: string;
  positions: Array<[string, number]>;
  today: string;
  batchSize: number;
  /** Batches the reading thread keeps prepared ahead of the main thread (at least 1). */
  readAhead: number;
  /** A CSV shard's byte range; null: the whole file. */
  range: CsvRange | null;
}

/**
 * Batches produced one after another and kept up to `depth` ahead of the consumer: the reading
 * thread keeps preparing while the main thread looks up and commits, so a shard's commit overlaps
 * the next shard's preparation instead of alternating with it. An error reaches the consumer at the
 * batch that failed; nothing is produced after the last batch (null).
 */
export class ReadAhead<T> {
  private readonly ahead: Array<Promise<T | null>> = [];
  private tail: Promise<T | null | undefined> = Promise.resolve(undefined);
  private ended = false;

  constructor(
    private readonly produce: () => Promise<T | null>,
    private readonly depth: number,
  ) {
    this.fill();
  }

  /** The next batch (null after the last): taking one starts preparing another. */
  next(): Promise<T | null> {
    const p = this.ahead.shift() ?? Promise.resolve(null);
    this.fill();
    return p;
  }

  private fill(): void {
    while (!this.ended && this.ahead.length < Math.max(1, this.depth)) {
      const p: Promise<T | null> = this.tail.then(async (prev) => {
        if (prev === null) return null;
        const batch = await this.produce();
        if (batch === null) this.ended = true;
        return batch;
      });
      p.catch(() => {
        this.ended = true; // reported when the consumer takes it
      });
      this.tail = p;
      this.ahead.push(p);
    }
  }
}

/** Where prepared batches come from: a worker thread reading ahead, or this thread. */
export interface PreparedBatches {
  next(): Promise<PreparedBatch | null>;
  close(): Promise<void>;
}

export interface PrepareWorkerKeys {
  encryptionKey: string;
  hashKey: string;
}

/** What the main thread asks the reading thread: open a session (a shard's rows), its next batch, close it. */
export type PrepareRequest = { type: 'open'; id: number; job: PreparationJob } | { type: 'next'; id: number } | { type: 'close'; id: number };

const WORKER_URL = new URL('./prepare-worker.js', import.meta.url);

/**
 * Prepared batches of a file (or of a CSV shard's range). In the built API the process's reading
 * thread reads, validates, hashes and encrypts the next batch while this thread stores the current
 * one; where the compiled worker is absent (tests run the TypeScript sources) it all happens here.
 */
export function preparedBatches(
  job: PreparationJob,
  keys: { encryptionKey: Buffer; hashKey: Buffer },
  cipher: FieldCipher,
  useWorker: boolean,
): PreparedBatches {
  if (useWorker && existsSync(fileURLToPath(WORKER_URL))) return workerBatches(job, keys);
  const source = sourceOf(job.sourceCode);
  if (!source) throw new Error(`unknown source ${job.sourceCode}`);
  const preparer = new RowPreparer(source, new Map(job.positions), job.today, cipher);
  const rows = dataBatches(job.path, job.format, job.batchSize, job.range);
  return {
    async next() {
      const r = await rows.next();
      return r.done ? null : preparer.prepare(r.value);
    },
    async close() {
      await rows.return(undefined);
    },
  };
}

type WorkerReply = { id: number; batch: PreparedBatch | null } | { id: number; error: string };

/**
 * The process's reading thread: started on first use, kept for the next shards; it holds the
 * process open only while an answer is awaited.
 */
class PrepareThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (b: PreparedBatch | null) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  failed: Error | null = null;

  constructor(readonly keys: PrepareWorkerKeys) {
    this.worker = new Worker(WORKER_URL, { workerData: keys });
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      if ('error' in reply) w?.reject(new Error(reply.error));
      else w?.resolve(reply.batch);
    });
    const fail = (e: Error): void => {
      this.failed = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`import reading thread exited (${code})`)));
  }

  open(job: PreparationJob): PreparedBatches {
    const id = this.nextId++;
    this.worker.postMessage({ type: 'open', id, job } satisfies PrepareRequest);
    return {
      next: () => {
        if (this.failed) return Promise.reject(this.failed);
        return new Promise<PreparedBatch | null>((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          this.worker.ref(); // an answer is awaited
          this.worker.postMessage({ type: 'next', id } satisfies PrepareRequest);
        });
      },
      close: async () => {
        this.waiting.delete(id);
        if (!this.failed) this.worker.postMessage({ type: 'close', id } satisfies PrepareRequest);
      },
    };
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

let thread: PrepareThread | null = null;

function workerBatches(job: PreparationJob, keys: { encryptionKey: Buffer; hashKey: Buffer }): PreparedBatches {
  const k: PrepareWorkerKeys = { encryptionKey: keys.encryptionKey.toString('base64'), hashKey: keys.hashKey.toString('base64') };
  if (!thread || thread.failed || thread.keys.encryptionKey !== k.encryptionKey || thread.keys.hashKey !== k.hashKey) {
    void thread?.terminate();
    thread = new PrepareThread(k);
  }
  return thread.open(job);
}
