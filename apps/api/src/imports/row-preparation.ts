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

/** Validates, hashes and encrypts rows; remembers each ID number's hash for the whole file. */
export class RowPreparer {
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly source: ImportSource,
    private readonly positions: Map<string, number>,
    private readonly today: string,
    private readonly cipher: FieldCipher,
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
  /** A CSV shard's byte range; null: the whole file. */
  range: CsvRange | null;
}

/** Where prepared batches come from: a worker thread reading ahead, or this thread. */
export interface PreparedBatches {
  next(): Promise<PreparedBatch | null>;
  close(): Promise<void>;
}

export interface PrepareWorkerData extends PreparationJob {
  encryptionKey: string;
  hashKey: string;
}

const WORKER_URL = new URL('./prepare-worker.js', import.meta.url);

/**
 * Prepared batches of a file. In the built API a worker thread reads, validates, hashes and
 * encrypts the next batch while this thread stores the current one (the two cores each do half);
 * where the compiled worker is absent (tests run the TypeScript sources) it all happens here.
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

type WorkerReply = { batch: PreparedBatch | null } | { error: string };

function workerBatches(job: PreparationJob, keys: { encryptionKey: Buffer; hashKey: Buffer }): PreparedBatches {
  const data: PrepareWorkerData = { ...job, encryptionKey: keys.encryptionKey.toString('base64'), hashKey: keys.hashKey.toString('base64') };
  const worker = new Worker(WORKER_URL, { workerData: data });
  let failed: Error | null = null;
  worker.on('error', (e) => (failed = e));
  return {
    next() {
      if (failed) return Promise.reject(failed);
      return new Promise<PreparedBatch | null>((resolve, reject) => {
        const onMessage = (reply: WorkerReply): void => {
          worker.off('error', onError);
          if ('error' in reply) reject(new Error(reply.error));
          else resolve(reply.batch);
        };
        const onError = (e: Error): void => {
          worker.off('message', onMessage);
          reject(e);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.postMessage('next');
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
