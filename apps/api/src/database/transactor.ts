import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

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

@Injectable()
export class Transactor {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'mysql';
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

  /** A single autocommit write (insert, update, delete) outside any transaction. */
  write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serial) return work();
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
