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
@Injectable()
export class Transactor {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'mysql';
  }

  /** Runs `work` in a transaction. Never call it from inside another `run` (pass the manager on). */
  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.dataSource.transaction(work));
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
