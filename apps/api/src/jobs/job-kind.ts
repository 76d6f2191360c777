import type { EntityManager } from 'typeorm';
import type { Statement } from '../database/bulk.js';
import type { JobEntity, JobShardEntity } from './job.entity.js';

/**
 * What a job kind gives its shard: its range, and the one way to commit its work.
 *
 * Rows are locked in one order by every transaction of a job, so that a cancel never deadlocks with
 * a shard's commit: a shard takes its own row, writes its rows, then the job's row, then the kind's
 * run row (`tally`); the finish and a stop take the job's row, then the run row. A shard that wrote
 * the run row before the job's (as all three kinds once did) waited for a cancel that waited for it.
 */
export interface ShardContext {
  readonly job: JobEntity;
  readonly shard: JobShardEntity;
  /** True once the job was cancelled (or failed): the shard should stop early. */
  stopped(): Promise<boolean>;
  /**
   * Commits the shard in one transaction: `write` (the shard's rows), its result and its "done"
   * mark, the job's progress, then `tally` (the kind's run row: its counts so far). Returns false, with nothing written, if the shard was already
   * done by another worker or the job is no longer running.
   */
  commit(processed: number, result: unknown, write: (m: EntityManager) => Promise<void>, tally?: (m: EntityManager) => Promise<void>): Promise<boolean>;
  /**
   * The same as a batch of statements (Transactor.batch): for a shard that writes many rows, which
   * on SQLite then run in the write worker, off the event loop. `statements` and `tally` may be
   * called again (a restarted transaction).
   */
  commitBatch(processed: number, result: unknown, statements: () => Iterable<Statement>, tally?: () => Iterable<Statement>): Promise<boolean>;
}

/**
 * One kind of sharded job (screening, monitoring). Shards may run in any process, more than once
 * after a crash, and in any order; only one run of each commits.
 */
export interface JobKind {
  readonly kind: string;
  /**
   * In one process (no Redis), two of its shards may run at once (JOB_CONCURRENCY): one commits
   * while the next reads. Only for kinds whose shards share nothing but the database.
   */
  readonly overlapShards?: boolean;
  runShard(ctx: ShardContext): Promise<void>;
  /**
   * When every shard is done, before the finish: the shards of a further phase, run by any workers
   * like the first (an import's rules over the households it touched, after its rows are stored).
   * Called again when those are done: return none once the phase exists (decide from `shards`). The
   * new shards are added once, however many workers call this.
   */
  moreShards?(job: JobEntity, shards: JobShardEntity[]): Promise<Array<{ fromKey: string; toKey: string | null }>>;
  /**
   * Before the finishing transaction, outside it: idempotent work on the whole job (it may run
   * again if the finishing worker dies). Its value is handed to `finish`.
   */
  prepareFinish?(job: JobEntity, results: unknown[]): Promise<unknown>;
  /** Inside the finishing transaction: merge the shards' results and close the domain run. */
  finish(job: JobEntity, results: unknown[], m: EntityManager, prepared: unknown): Promise<void>;
  /** After the finishing transaction committed (audit, caches). Runs once, in the finishing process. */
  afterFinish?(job: JobEntity, results: unknown[]): Promise<void>;
  /** The job stopped without finishing: mark the domain run (also in a transaction with the job). */
  stopped(job: JobEntity, status: 'cancelled' | 'failed', error: string | null, results: unknown[], m: EntityManager): Promise<void>;
}
