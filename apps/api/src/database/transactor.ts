import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Statement } from './bulk.js';
import { SqliteWriter } from './sqlite-writer.js';

/**
 * The one way to write. On MySQL/MariaDB it is TypeORM's transaction (pooled connections, real
 * isolation). On SQLite there is a single connection, and TypeORM turns a second concurrent BEGIN
 * into a SAVEPOINT of the first: two requests' transactions would commit and roll back each other's
 * work. So on SQLite every transaction, and every write outside one, waits its turn here; SQLite
 * allows one writer at a time anyway. Reads are not queued.
 */
/** MySQL/MariaDB: this transaction was rolled back to break a deadlock (ER_LOCK_DEADLOCK, 1213). */
function isDeadlock(e: unknown): boolean {
  const d = (e as { driverError?: { errno?: number; code?: string } } | null)?.driverError ?? (e as { errno?: number; code?: string } | null);
  return d?.errno === 1213 || d?.code === 'ER_LOCK_DEADLOCK';
}

/** The row's key is already stored (SQLite's UNIQUE/PRIMARY KEY constraint, MySQL's ER_DUP_ENTRY). */
export function isUniqueViolation(e: unknown): boolean {
  const d = (e as { driverError?: { errno?: number; code?: string } } | null)?.driverError ?? (e as { errno?: number; code?: string } | null);
  if (d?.errno === 1062 || d?.code === 'ER_DUP_ENTRY' || d?.code === 'SQLITE_CONSTRAINT_UNIQUE' || d?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return /UNIQUE constraint failed|Duplicate entry/i.test(e instanceof Error ? e.message : '');
}

class GuardFailed extends Error {}

/** A part of a batch sent to the SQLite write worker in one message: at most this many statements or parameters. */
const PART_STATEMENTS = 32;
const PART_PARAMS = 20_000;

/** The better-sqlite3 handle under an SQLite data source, for the pragmas TypeORM does not expose; null elsewhere. */
export function sqliteHandle(ds: DataSource): { pragma: (source: string, options?: { simple: boolean }) => unknown } | null {
  if (ds.options.type !== 'better-sqlite3') return null;
  return (ds.driver as unknown as { databaseConnection?: { pragma: (source: string, options?: { simple: boolean }) => unknown } }).databaseConnection ?? null;
}

@Injectable()
export class Transactor implements OnApplicationShutdown {
  /** Settles when everything queued so far has. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Settles when the last exclusive work queued has (see `pipelined`). */
  private lastExclusive: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;
  /** SQLite file: the file a write worker opens for batches (started on the first one). */
  private readonly file: string | null;
  private writer: SqliteWriter | null = null;
  private closed = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'mysql';
    const file = dataSource.options.type === 'better-sqlite3' ? dataSource.options.database : null;
    this.file = typeof file === 'string' && file !== ':memory:' ? file : null;
  }

  /** The dialect of the statements a batch takes (identifier quoting). */
  get mysql(): boolean {
    return !this.serial;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true;
      await this.writer?.close();
      this.writer = null;
    });
  }

  /**
   * Runs statements in one transaction, in order; false (nothing written) when a guard
   * (`expectOne`) did not change exactly one row. Used for large writes (a shard's results, an
   * import's rows) and for a request's own rows (a new household, a consent, an audit group). On an
   * SQLite file they run in the write worker, so the event loop stays free and no reader on the main
   * connection sees the batch before it commits; elsewhere in a transaction of the data source.
   * `statements` makes the statements, possibly as a generator, built a part (PART_STATEMENTS) at a
   * time, so a million rows are never all in memory; it is called again if MySQL restarts the
   * transaction after a deadlock.
   */
  async batch(statements: () => Iterable<Statement>): Promise<boolean> {
    if (!this.file) {
      try {
        await this.run(async (m) => {
          for (const st of statements()) {
            const r = await m.queryRunner!.query(st.sql, st.params, true);
            if (st.expectOne && (r as { affected?: number }).affected !== 1) throw new GuardFailed();
          }
        });
        return true;
      } catch (e) {
        if (e instanceof GuardFailed) return false;
        throw e;
      }
    }
    // Statements go to the worker in parts of up to PART_STATEMENTS (or PART_PARAMS parameters), the
    // last with the COMMIT. A transaction that fits in one part (a request's rows) is one message,
    // sent without waiting for the transactions before it; a longer one holds the queue.
    const file = this.file;
    const it = statements()[Symbol.iterator]();
    const first: Statement[] = [];
    let params = 0;
    let next = it.next();
    while (!next.done && first.length < PART_STATEMENTS && params < PART_PARAMS) {
      first.push(next.value);
      params += next.value.params.length;
      next = it.next();
    }
    if (next.done) return this.pipelined(async () => (await this.worker(file).send({ begin: true, statements: first, commit: true })) < 0);
    let pending: IteratorResult<Statement> = next;
    return this.exclusive(async () => {
      const w = this.worker(file);
      let part = first;
      let begun = false;
      try {
        for (;;) {
          if (pending.done) return (await w.send({ begin: !begun, statements: part, commit: true })) < 0;
          if (part.length >= PART_STATEMENTS || params >= PART_PARAMS) {
            const failed = await w.send({ begin: !begun, statements: part });
            begun = true;
            if (failed >= 0) return false;
            part = [];
            params = 0;
          }
          part.push(pending.value);
          params += pending.value.params.length;
          pending = it.next();
        }
      } catch (e) {
        // The worker rolled back what it ran; a statement that failed to build here leaves it open.
        if (begun) await w.send({ statements: [], rollback: true }).catch(() => undefined);
        throw e;
      }
    });
  }

  /** The write worker, started on first use and again if it stopped (not after shutdown). */
  private worker(file: string): SqliteWriter {
    if (this.closed) throw new Error('SQLite write worker closed');
    if (!this.writer?.alive) this.writer = new SqliteWriter(file);
    return this.writer;
  }

  /**
   * Runs `work` in a transaction. Never call it from inside another `run` (pass the manager on).
   * On MySQL a transaction chosen as a deadlock's victim was rolled back whole, and the server asks
   * for it to be restarted: it is, up to three times.
   */
  async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exclusive(() => this.dataSource.transaction(work));
      } catch (e) {
        if (this.serial || attempt >= 4 || !isDeadlock(e)) throw e;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.floor(Math.random() * 10)));
      }
    }
  }

  /**
   * SQLite: copies what is left of the WAL into the database file and has the next commit write the
   * WAL from its start (a RESTART checkpoint), in the queue of writes, so no transaction of this
   * connection is open meanwhile. It waits at most 10 ms for readers still on older frames (the
   * event loop waits with it) and otherwise leaves it to the next call. Asked for by the read pool
   * once the WAL passes its limit; nothing to do elsewhere.
   */
  async restartWal(): Promise<void> {
    const db = sqliteHandle(this.dataSource);
    if (!db) return;
    await this.exclusive(async () => {
      const wait = db.pragma('busy_timeout', { simple: true });
      db.pragma('busy_timeout = 10');
      try {
        db.pragma('wal_checkpoint(RESTART)');
      } finally {
        db.pragma(`busy_timeout = ${Number(wait)}`);
      }
    });
  }

  /**
   * One statement on its own (its own transaction), in the queue of writes: on an SQLite file in the
   * write worker, so that a request's small writes (an idempotency record, a household's rows, the
   * audit chain) all go through one connection and the main thread only reads. False when a guard
   * (`expectOne`) did not change exactly one row.
   */
  async statement(st: Statement): Promise<boolean> {
    const file = this.file;
    if (!file) {
      const r = await this.exclusive(async () => {
        const runner = this.dataSource.createQueryRunner();
        try {
          return (await runner.query(st.sql, st.params, true)) as { affected?: number };
        } finally {
          await runner.release();
        }
      });
      return !st.expectOne || r.affected === 1;
    }
    return this.pipelined(async () => (await this.worker(file).send({ statements: [st] })) < 0);
  }

  /** A single autocommit write (insert, update, delete) outside any transaction. */
  write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  /**
   * Work that writes alone: it starts when everything queued before it has finished (other
   * exclusive work and the worker's messages in flight), and what is queued after it waits for it.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serial) return work();
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    this.lastExclusive = this.tail;
    return next;
  }

  /**
   * A whole transaction in one message to the SQLite write worker: it waits only for the exclusive
   * work queued before it, not for the worker's messages in flight. The worker runs its messages
   * one after another in the order sent, so these commit in queue order anyway; not waiting for
   * each answer (which the event loop may take a while to pick up) keeps the worker busy.
   */
  private pipelined<T>(send: () => Promise<T>): Promise<T> {
    const next = this.lastExclusive.then(send, send);
    const before = this.tail;
    this.tail = Promise.all([before, next.catch(() => undefined)]);
    return next;
  }
}
