import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * The write worker: its own read-write better-sqlite3 connection to the same file. It runs one
 * transaction at a time (BEGIN IMMEDIATE … COMMIT), in parts of a few statements per message: the
 * main thread hands over a part, waits for the answer (the event loop is free meanwhile) and builds
 * the next. A small transaction (a household's rows) is one message.
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
// A part of one transaction: BEGIN IMMEDIATE first if asked, then the statements in order, then
// COMMIT if asked (a single statement without either is its own transaction). A guard (expectOne)
// that did not change exactly one row, or an error, rolls the whole transaction back here and is
// reported; so is a ROLLBACK asked for.
parentPort.on('message', ({ id, begin, statements, commit, rollback }) => {
  try {
    if (rollback) {
      if (db.inTransaction) db.exec('ROLLBACK');
      parentPort.postMessage({ id, failed: -1 });
      return;
    }
    if (begin) db.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i];
      const changes = prepare(st.sql).run(...st.params).changes;
      if (st.expectOne && changes !== 1) {
        if (db.inTransaction) db.exec('ROLLBACK');
        parentPort.postMessage({ id, failed: i });
        return;
      }
    }
    if (commit) db.exec('COMMIT');
    parentPort.postMessage({ id, failed: -1 });
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e), code: e && typeof e.code === 'string' ? e.code : undefined });
  }
});
`;

/** One part of a transaction for the worker (see WORKER_SOURCE). */
export interface WriterPart {
  begin?: boolean;
  statements: ReadonlyArray<{ sql: string; params: unknown[]; expectOne?: boolean }>;
  commit?: boolean;
  rollback?: boolean;
}

/**
 * SQLite transactions off the event loop, large (population runs, imports) and small (a request's
 * own rows): better-sqlite3 runs each statement on the calling thread, so a shard's tens of
 * thousands of inserts would hold every other request for as long, and a submission's writes were a
 * third of its time on the main thread. Whoever calls it must keep the main connection from writing meanwhile
 * (Transactor does: its batches queue with every other write), and other readers see the batch
 * only once it committed, as with any other connection (WAL).
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (failed: number) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private stopped: Error | null = null;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.worker.on('message', (msg: { id: number; failed?: number; error?: string; code?: string }) => {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!w) return;
      // The driver's code (SQLITE_BUSY, SQLITE_CONSTRAINT_UNIQUE …) goes with the message, as it
      // would on the main connection: the error filter tells an outage by it.
      if (msg.error !== undefined) w.reject(Object.assign(new Error(msg.error), msg.code ? { code: msg.code } : {}));
      else w.resolve(msg.failed ?? -1);
    });
    this.worker.on('error', (e) => this.stop(e));
    this.worker.on('exit', () => this.stop(new Error('SQLite write worker closed')));
  }

  /** False once the worker has stopped (closed, or died): the Transactor starts another. */
  get alive(): boolean {
    return this.stopped === null;
  }

  /** A stopped worker answers nothing: what waits for it, and what is sent to it later, fails at once. */
  private stop(e: Error): void {
    this.stopped ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  /**
   * Runs one part of a transaction. Resolves with -1, or with the index of the guard that failed
   * (the transaction was rolled back); rejects on an error (rolled back too).
   */
  send(msg: WriterPart): Promise<number> {
    if (this.stopped) return Promise.reject(this.stopped);
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
