/**
 * An import's reading thread: streams the file, validates each row against its source's schema,
 * computes the keyed hashes and encrypts the values, one batch ahead of the main thread, which only
 * looks up households and writes. Started by `preparedBatches` (row-preparation.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher } from '../crypto/field-cipher.js';
import { dataBatches, RowPreparer, type PreparedBatch, type PrepareWorkerData } from './row-preparation.js';
import { sourceOf } from './sources.js';

const data = workerData as PrepareWorkerData;
const source = sourceOf(data.sourceCode)!;
const cipher = new FieldCipher(Buffer.from(data.encryptionKey, 'base64'), Buffer.from(data.hashKey, 'base64'));
const preparer = new RowPreparer(source, new Map(data.positions), data.today, cipher);
const rows = dataBatches(data.path, data.format, data.batchSize, data.range);

async function produce(): Promise<PreparedBatch | null> {
  const r = await rows.next();
  return r.done ? null : preparer.prepare(r.value);
}

function started(p: Promise<PreparedBatch | null>): Promise<PreparedBatch | null> {
  p.catch(() => undefined); // reported when the main thread asks for it
  return p;
}

// The next batch is always being prepared while the main thread stores the previous one.
let ahead = started(produce());
parentPort!.on('message', () => {
  ahead.then(
    (batch) => {
      parentPort!.postMessage({ batch });
      if (batch) ahead = started(produce());
    },
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
