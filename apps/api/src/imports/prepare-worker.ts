/**
 * The import reading thread, one per process for its lifetime (a shard does not pay for starting
 * a thread): for each shard being imported (a session), it streams the shard's rows, validates
 * each row against its source's schema, computes the keyed hashes and encrypts the values, up to
 * a shard's batches ahead of the main thread, which only looks up households and writes. Started by
 * `preparedBatches` (row-preparation.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher } from '../crypto/field-cipher.js';
import { dataBatches, ReadAhead, RowPreparer, type PreparedBatch, type PrepareRequest, type PrepareWorkerKeys } from './row-preparation.js';
import { sourceOf } from './sources.js';

const keys = workerData as PrepareWorkerKeys;
const cipher = new FieldCipher(Buffer.from(keys.encryptionKey, 'base64'), Buffer.from(keys.hashKey, 'base64'));

interface Session {
  rows: AsyncGenerator<Array<{ rowNumber: number; cells: import('./sources.js').Cell[] }>>;
  batches: ReadAhead<PreparedBatch>;
}
const sessions = new Map<number, Session>();
/** ID number → keyed hash, for every shard this thread prepares (one key per thread; cleared at 500,000 by the preparer). */
const personHashes = new Map<string, string>();

parentPort!.on('message', (req: PrepareRequest) => {
  if (req.type === 'open') {
    const source = sourceOf(req.job.sourceCode);
    if (!source) return;
    const preparer = new RowPreparer(source, new Map(req.job.positions), req.job.today, cipher, personHashes);
    const rows = dataBatches(req.job.path, req.job.format, req.job.batchSize, req.job.range);
    // Up to `readAhead` batches are prepared while the main thread stores the previous ones.
    const batches = new ReadAhead<PreparedBatch>(async () => {
      const r = await rows.next();
      return r.done ? null : preparer.prepare(r.value);
    }, req.job.readAhead);
    sessions.set(req.id, { rows, batches });
    return;
  }
  const session = sessions.get(req.id);
  if (req.type === 'close') {
    sessions.delete(req.id);
    void session?.rows.return(undefined).catch(() => undefined);
    return;
  }
  if (!session) {
    parentPort!.postMessage({ id: req.id, error: 'unknown import preparation session' });
    return;
  }
  session.batches.next().then(
    (batch) => parentPort!.postMessage({ id: req.id, batch }),
    (e: unknown) => parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
