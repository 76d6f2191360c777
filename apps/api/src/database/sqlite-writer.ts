import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * The write worker: its own read-write better-sqlite3 connection to the same file. It runs one
 * batch at a time (BEGIN IMMEDIATE … COMMIT), a statement per message, so the main thread hands
 * over a chunk, waits for the answer (the event loop is free meanwhile) and builds the next.
 * Plain CommonJS evaluated by the Worker, as the read pool's.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('cache_size = -65536');
db.pragma('temp_store = MEMORY');
db.pragma('wal_autocheckpoint = 16384');
const statements = new Map();
const prepare = (sql) => {
  let st = statements.get(sql);
  if (!st) {
    st = db.prepare(sql);
    if (statements.size > 200) statements.clear();
    statements.set(sql, st);
  }
  return st;
};
parentPort.on('message', ({ id, op, sql, params }) => {
  try {
    if (op === 'begin') db.exec('BEGIN IMMEDIATE');
    else if (op === 'commit') db.exec('COMMIT');
    else if (op === 'rollback') {
      if (db.inTransaction) db.exec('ROLLBACK');
    } else {
      parentPort.postMessage({ id, changes: prepare(sql).run(...params).changes });
      return;
    }
    parentPort.postMessage({ id, changes: 0 });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

type Message = { op: 'begin' | 'commit' | 'rollback' } | { op: 'run'; sql: string; params: unknown[] };

/**
 * Large SQLite transactions off the event loop (population runs, imports): better-sqlite3 runs each
 * statement on the calling thread, so a shard's tens of thousands of inserts would hold every other
 * request for as long. Whoever calls it must keep the main connection from writing meanwhile
 * (Transactor does: its batches queue with every other write), and other readers see the batch
 * only once it committed, as with any other connection (WAL).
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (changes: number) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.worker.on('message', (msg: { id: number; changes?: number; error?: string }) => {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!w) return;
      if (msg.error !== undefined) w.reject(new Error(msg.error));
      else w.resolve(msg.changes ?? 0);
    });
    this.worker.on('error', (e) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
  }

  /** Sends one message; resolves with the rows the statement changed. */
  send(msg: Message): Promise<number> {
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
