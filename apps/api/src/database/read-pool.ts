import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { In, type DataSource, type FindOptionsSelect, type FindOptionsWhere, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactor, sqliteHandle } from './transactor.js';

const EXACT_COUNT_TTL_MS = 60_000;
/**
 * A list whose every match is checked against the caller's scope by a look-up of its household (tasks,
 * warnings, drill-downs) is counted exactly up to here: in an order other than the household's, each
 * look-up is a random read (about 5 µs at a million households on SQLite), so 10,000 stay near 50 ms.
 */
export const SCOPED_COUNT_CAP = 10_000;

/** A list's total: exact, or a lower bound while the exact count is made. */
export interface ListTotal {
  total: number;
  totalExact: boolean;
}

/*
 * The read worker: its own read-only better-sqlite3 connection to the same file (WAL lets it read
 * the last committed state while the main connection writes), prepared statements cached by text.
 * Plain CommonJS evaluated by the Worker, so the same code runs from the built API and from the
 * TypeScript sources under jest.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.pragma('temp_store = MEMORY');
const statements = new Map();
if (workerData.checkpointMs) {
  // Checkpoints the WAL into the database file here, not in the main thread's commits.
  const writer = new Database(workerData.file, { fileMustExist: true });
  const walLimitPages = Math.ceil(workerData.walLimitBytes / writer.pragma('page_size', { simple: true }));
  setInterval(() => {
    try {
      const [r] = writer.pragma('wal_checkpoint(PASSIVE)');
      // A passive checkpoint copies the WAL into the file but never starts it over while commits
      // keep coming (the next writer must find every frame copied), so under a steady stream of
      // writes the WAL grew without bound: 1.3 GB in a submissions benchmark, 37 GB while 613,000
      // households were loaded. Past the limit, once a passive round copied all it
      // found, the main thread is asked to start it over (Transactor.restartWal: in its queue of
      // writes, as a RESTART here would take the write lock from under a transaction about to write).
      if (r && r.log >= walLimitPages && r.checkpointed === r.log) parentPort.postMessage({ walFull: true });
    } catch {
      /* busy: the next round catches up */
    }
  }, workerData.checkpointMs);
}
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql);
      if (!st.reader) throw new Error('read pool: not a read statement');
      if (statements.size > 500) statements.clear();
      statements.set(sql, st);
    }
    parentPort.postMessage({ id, rows: st.all(...params) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

/** How often the jobs' worker checkpoints the WAL. */
const CHECKPOINT_MS = 500;

/**
 * Which worker a read goes to. `interactive`: a console page (the least busy of the pool);
 * `background`: a long aggregate nobody waits on (dashboard warm-up, exports);
 * `counts`: the exact totals of long lists (`total`), which the next page of the same list uses
 * (a page in the second half is read from the other end once its list's length is known), so they
 * must not queue behind the dashboard's aggregates either;
 * `jobs`: the pages of population runs (screenings, imports, monitoring, notifications), which
 * must not queue behind a minute of dashboard aggregates at start-up, nor hold them up.
 */
export type ReadLane = 'interactive' | 'background' | 'counts' | 'jobs';

interface Job {
  resolve: (rows: unknown[]) => void;
  reject: (e: Error) => void;
}

interface ReadWorker {
  worker: Worker;
  busy: number;
}

/** A parameter as the SQLite driver binds it (TypeORM turns booleans and dates the same way). */
function bindable(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

/**
 * Long reads off the event loop. better-sqlite3 runs every statement synchronously on the thread
 * that calls it, so one aggregate over a million rows would stop every other request (health
 * included) while it runs. On an SQLite file, the console's heavy reads (list pages and counts,
 * dashboard and board aggregates, drill-downs) go to a small pool of worker threads, each with its
 * own read-only connection; the main connection keeps the writes and the short reads. On MySQL the
 * driver is asynchronous already, and on an in-memory database there is no file to share: both
 * read through the data source.
 */
@Injectable()
export class ReadPool implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadPool');
  private readonly workers: ReadWorker[] = [];
  /** A worker of its own for long background reads (dashboard aggregates, exports), so they never queue ahead of a page. */
  private background: ReadWorker | null = null;
  /** A worker of its own for the exact totals of long lists (`total`). */
  private countsWorker: ReadWorker | null = null;
  /** A worker of its own for the jobs' pages; it also checkpoints the WAL between them. */
  private jobsWorker: ReadWorker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  /** A WAL restart asked for and not yet done. */
  private restarting = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tx: Transactor,
  ) {
    this.countCap = config.listCountCap;
    const file = config.database.type === 'sqlite' && config.database.location !== ':memory:' ? config.database.location : null;
    if (!file || config.readPoolSize < 1) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const walLimitBytes = config.walLimitMb * 1048576;
    for (let i = 0; i < config.readPoolSize + 3; i++) {
      const lane: ReadLane = i < config.readPoolSize ? 'interactive' : (['background', 'counts', 'jobs'] as const)[i - config.readPoolSize]!;
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, checkpointMs: lane === 'jobs' ? CHECKPOINT_MS : 0, walLimitBytes } });
      worker.unref();
      const slot: ReadWorker = { worker, busy: 0 };
      worker.on('message', (msg: { id: number; rows?: unknown[]; error?: string; walFull?: boolean }) => {
        if (msg.walFull) {
          this.restartWal();
          return;
        }
        slot.busy--;
        const job = this.jobs.get(msg.id);
        this.jobs.delete(msg.id);
        if (!job) return;
        if (msg.error !== undefined) job.reject(new Error(msg.error));
        else job.resolve(msg.rows ?? []);
      });
      worker.on('error', (e) => this.logger.error(`read worker failed: ${e.message}`));
      if (lane === 'background') this.background = slot;
      else if (lane === 'counts') this.countsWorker = slot;
      else if (lane === 'jobs') this.jobsWorker = slot;
      else this.workers.push(slot);
    }
    // The main connection no longer checkpoints on commit: a checkpoint copies up to the whole WAL
    // (64 MB) into the file and would stop the event loop for as long; the jobs' worker does it.
    sqliteHandle(this.ds)?.pragma('wal_autocheckpoint = 0');
  }

  private restartWal(): void {
    if (this.restarting) return;
    this.restarting = true;
    this.tx
      .restartWal()
      .catch((e: unknown) => this.logger.warn(`WAL restart failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (this.restarting = false));
  }

  /** Whether reads leave the main thread (SQLite file with workers). */
  get offThread(): boolean {
    return this.workers.length > 0;
  }

  /** Raw rows of a read-only statement with `?` placeholders, on the worker of `lane` (see `ReadLane`). */
  query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], lane: ReadLane = 'interactive'): Promise<T[]> {
    if (this.workers.length === 0) return this.ds.query<T[]>(sql, [...params]);
    const own = lane === 'background' ? this.background : lane === 'counts' ? this.countsWorker : lane === 'jobs' ? this.jobsWorker : null;
    const slot = own ?? this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    return new Promise<T[]>((resolve, reject) => {
      this.jobs.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      slot.busy++;
      slot.worker.postMessage({ id, sql, params: params.map(bindable) });
    });
  }

  /** Raw rows of a query builder (what getRawMany returns). */
  raw<T = Record<string, unknown>>(qb: SelectQueryBuilder<ObjectLiteral>, lane: ReadLane = 'interactive'): Promise<T[]> {
    if (this.workers.length === 0) return qb.getRawMany<T>();
    const [sql, params] = qb.getQueryAndParameters();
    return this.query<T>(sql, params, lane);
  }

  private readonly exactCounts = new Map<string, { at: number; total: Promise<number> }>();
  private readonly countCap: number;

  /**
   * The total of a console list whose rows `select` gives (a SELECT without ORDER BY or LIMIT).
   * Counting is a probe per match (the scope's household, a joined table), so at a million
   * households an exact count of a common filter takes longer than the page itself. It is exact up
   * to `LIST_COUNT_CAP` (50,000); beyond, the answer is the cap + 1 with `totalExact: false` (a lower bound) while
   * the exact count runs on a reader of its own (`counts`), and that count answers the same list for a minute.
   * `later`: the caller knows the count is large and gives its own lower bound (`total: null` unless
   * an exact count is known). `cap`: a lower cap for a list whose matches each cost a join.
   */
  async total(select: { sql: string; params: readonly unknown[] }, later = false, cap = this.countCap): Promise<{ total: number | null; totalExact: boolean }> {
    cap = Math.min(cap, this.countCap);
    if (!later) {
      const [row] = await this.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (${select.sql} LIMIT ${cap + 1}) c`, select.params);
      const n = Number(row?.n ?? 0);
      if (n <= cap) return { total: n, totalExact: true };
    }
    // The exact count if it is known (made in the last minute); a count still running is not waited for.
    const settled = await this.exactCount(select, 0);
    if (settled !== null) return { total: later ? settled : Math.max(cap + 1, settled), totalExact: true };
    return later ? { total: null, totalExact: false } : { total: cap + 1, totalExact: false };
  }

  /**
   * The exact count of `select`: the one made in the last minute, or (`start`) one started now on the
   * `counts` reader; waited for at most `waitMs` (0: only one made before and finished by now); null
   * when it is not in by then.
   */
  async exactCount(select: { sql: string; params: readonly unknown[] }, waitMs: number, start = true): Promise<number | null> {
    const key = this.countKey(select);
    let entry = this.exactCounts.get(key);
    if (!entry || Date.now() - entry.at > EXACT_COUNT_TTL_MS) {
      if (!start) return null;
      const total = this.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (${select.sql}) c`, select.params, 'counts').then(([r]) => Number(r?.n ?? 0));
      if (this.exactCounts.size > 500) this.exactCounts.clear();
      this.exactCounts.set(key, (entry = { at: Date.now(), total }));
      total.catch(() => this.exactCounts.delete(key));
      if (waitMs === 0) return null;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((r) => (waitMs > 0 ? (timer = setTimeout(() => r(null), waitMs)) : setImmediate(() => r(null))));
    try {
      return await Promise.race([entry.total, late]).catch(() => null);
    } finally {
      clearTimeout(timer);
    }
  }

  private countKey(select: { sql: string; params: readonly unknown[] }): string {
    return JSON.stringify([select.sql, select.params.map(bindable)]);
  }

  /** `total` of a query builder's rows (its selection, order and paging left out). */
  async totalOf(qb: SelectQueryBuilder<ObjectLiteral>, cap?: number): Promise<ListTotal> {
    const [sql, params] = qb.clone().select('1', 'x').orderBy().offset(undefined).limit(undefined).skip(undefined).take(undefined).getQueryAndParameters();
    const { total, totalExact } = await this.total({ sql, params }, false, cap);
    return { total: total ?? 0, totalExact };
  }

  async onApplicationShutdown(): Promise<void> {
    const pending = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of pending) job.reject(new Error('read pool closed'));
    await Promise.all([...this.workers, this.background, this.countsWorker, this.jobsWorker].filter((w) => w !== null).map((w) => w.worker.terminate()));
    this.workers.length = 0;
    this.background = null;
    this.countsWorker = null;
    this.jobsWorker = null;
  }
}

/**
 * One page of a console listing whose order is a sort (a rank by status, by due date): the ordering
 * and the count are read through the read pool, off the event loop, and only the page's rows are
 * then loaded by id. `where` holds the filters; `order` adds the ordering (and any column it sorts by)
 * to the id query; `select`, when given, the columns loaded (the id among them). The total is
 * `ReadPool.total`'s: exact up to LIST_COUNT_CAP, a lower bound above.
 */
export async function pageByIds<E extends { id: string }>(
  reads: ReadPool,
  repo: Repository<E>,
  where: SelectQueryBuilder<E>,
  alias: string,
  order: (qb: SelectQueryBuilder<E>) => SelectQueryBuilder<E>,
  offset: number,
  take: number,
  select?: FindOptionsSelect<E>,
): Promise<{ items: E[] } & ListTotal> {
  const [ids, counted] = await Promise.all([
    reads.raw<{ id: string }>(
      order(where.clone().select(`${alias}.id`, 'id'))
        .offset(offset)
        .limit(take),
    ),
    reads.totalOf(where, SCOPED_COUNT_CAP),
  ]);
  const rows = ids.length ? await repo.find({ ...(select ? { select } : {}), where: { id: In(ids.map((r) => r.id)) } as FindOptionsWhere<E> }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => byId.get(r.id)).filter((r): r is E => r !== undefined), ...counted };
}

/**
 * One page of a list whose order is a rank of some column's values (a task's urgency: active before
 * finished; a warning's: open before tasked before closed, orange before yellow before blue) and
 * then columns an index walks (due date, raised at, id). Sorting every row by a CASE would read the
 * whole table per page (seconds at a million households); instead each segment (one value, one
 * rank) is read in index order up to the page's end, and only those rows are merged: the page's
 * rows are among each segment's first `offset + take`. `segments` must not overlap.
 */
export async function pageBySegments<E extends { id: string }>(
  reads: ReadPool,
  repo: Repository<E>,
  where: SelectQueryBuilder<E>,
  alias: string,
  segments: ReadonlyArray<{ sql: string; params: ObjectLiteral; rank: number }>,
  order: ReadonlyArray<{ column: string; direction: 'ASC' | 'DESC' }>,
  offset: number,
  take: number,
): Promise<{ items: E[] } & ListTotal> {
  // The order's columns as the merge reads them (the id is selected once, as `id`).
  const keys = order.map((o, i) => (o.column === `${alias}.id` ? 'id' : `k${i}`));
  const parts = segments.map((segment) => {
    const q = where
      .clone()
      .select(`${alias}.id`, 'id')
      .addSelect(String(Math.trunc(segment.rank)), 'r');
    order.forEach((o, i) => {
      if (keys[i] !== 'id') q.addSelect(o.column, keys[i]!);
    });
    const [sql, params] = q.andWhere(segment.sql, segment.params).orderBy().getQueryAndParameters();
    // ORDER BY and LIMIT written here: TypeORM repeats the selection for an ordered, limited query on MySQL.
    return [`${sql} ORDER BY ${order.map((o) => `${o.column} ${o.direction}`).join(', ')} LIMIT ${offset + take}`, params] as const;
  });
  const columns = ['id', 'r', ...keys.filter((k) => k !== 'id')].join(', ');
  const sql = parts.length
    ? `SELECT id FROM (${parts.map(([part], i) => `SELECT ${columns} FROM (${part}) s${i}`).join(' UNION ALL ')}) u
       ORDER BY r ASC, ${order.map((o, j) => `${keys[j]} ${o.direction}`).join(', ')} LIMIT ${take} OFFSET ${offset}`
    : null;
  const [ids, counted] = await Promise.all([
    sql
      ? reads.query<{ id: string }>(
          sql,
          parts.flatMap(([, params]) => params),
        )
      : Promise.resolve([]),
    reads.totalOf(where, SCOPED_COUNT_CAP),
  ]);
  const rows = ids.length ? await repo.find({ where: { id: In(ids.map((r) => r.id)) } as FindOptionsWhere<E> }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => byId.get(r.id)).filter((r): r is E => r !== undefined), ...counted };
}
