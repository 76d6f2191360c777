import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactor } from '../database/transactor.js';
import type { JobEntity, JobShardEntity } from './job.entity.js';
import type { JobKind, ShardContext } from './job-kind.js';
import { JobQueue, type JobTask, type JobTaskRunner } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';

/** A shard's range: keys in (fromKey, toKey]; toKey null means to the end. */
export interface ShardRange {
  fromKey: string;
  toKey: string | null;
}

class Skip extends Error {}

const WORKER_ID = `${hostname()}:${process.pid}`.slice(0, 64);

/**
 * The one lifecycle of long-running work (screenings, monitoring runs): a job is created with its
 * shards, its tasks go to the queue, any worker runs a shard and commits it once, the worker that
 * commits the last shard queues the finish, and the job ends completed, cancelled or failed. State
 * lives in the database (job, job_shard), so any API process reads progress and any worker resumes.
 */
@Injectable()
export class JobsService implements JobTaskRunner, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly kinds = new Map<string, JobKind>();
  /** Jobs this process is finishing: `waitFor` also waits for their `afterFinish` (caches, listeners). */
  private readonly finishing = new Map<string, Promise<void>>();

  constructor(
    private readonly repo: JobsRepository,
    private readonly queue: JobQueue,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    queue.attach(this);
  }

  register(kind: JobKind): void {
    this.kinds.set(kind.kind, kind);
  }

  get distributed(): boolean {
    return this.queue.distributed;
  }

  /**
   * Without Redis this process is the only worker: jobs it left running (it stopped or crashed)
   * are resumed from their pending shards. With Redis the queue still holds their tasks.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.queue.distributed || this.config.processRole !== 'all') return;
    for (const job of await this.repo.running([...this.kinds.keys()])) {
      const pending = (await this.repo.shardsOf(job.id)).filter((s) => s.status === 'pending');
      this.logger.log(`resuming job ${job.kind} ${job.id}: ${pending.length} shards left`);
      await this.queue.enqueue(
        pending.length ? pending.map((s) => this.shardTask(job.kind, job.id, s.shardIndex)) : [{ type: 'finish', jobId: job.id, shards: job.shardsTotal }],
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.drain();
  }

  /** Creates the job and its shards in `m`'s transaction (with the domain run); call `dispatch` after commit. */
  async create(m: import('typeorm').EntityManager, kind: string, id: string, ranges: ShardRange[]): Promise<void> {
    if (!this.kinds.has(kind)) throw new Error(`unknown job kind ${kind}`);
    const job: JobEntity = {
      id,
      kind,
      status: 'running',
      shardsTotal: ranges.length,
      shardsDone: 0,
      processed: 0,
      createdAt: this.clock.iso(),
      finishedAt: null,
      error: null,
    };
    await this.repo.insert(m, job, pendingShards(id, 0, ranges));
  }

  /** Queues the job's tasks (after the transaction that created it committed). */
  async dispatch(kind: string, id: string, shards: number): Promise<void> {
    await this.queue.enqueue(
      shards ? Array.from({ length: shards }, (_, index) => this.shardTask(kind, id, index)) : [{ type: 'finish', jobId: id, shards: 0 }],
    );
  }

  private shardTask(kind: string, jobId: string, index: number): JobTask {
    return this.kinds.get(kind)?.overlapShards ? { type: 'shard', jobId, index, overlap: true } : { type: 'shard', jobId, index };
  }

  /** The results of the shards done so far (inside a shard's or the finish's transaction, or `null`: outside any). */
  results(m: import('typeorm').EntityManager | null, id: string): Promise<unknown[]> {
    return this.repo.results(m, id);
  }

  get(id: string): Promise<JobEntity | null> {
    return this.repo.find(id);
  }

  shards(id: string): Promise<JobShardEntity[]> {
    return this.repo.shardsOf(id);
  }

  /** Cancels a running job: shards not yet committed will not commit. False if it was not running. */
  async cancel(id: string): Promise<boolean> {
    return this.stop(id, 'cancelled', null);
  }

  /**
   * Resolves when the job is over (tests, benchmarks, the demo seed): polls the database; when this
   * process finished it, also after its `afterFinish` (a screening's warm preview store, its
   * notifications), which runs after the job's row says completed.
   */
  async waitFor(id: string, pollMs = 50): Promise<JobEntity> {
    for (;;) {
      const job = await this.repo.find(id);
      if (!job || job.status !== 'running') {
        await this.finishing.get(id);
        return job!;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async runTask(task: JobTask, lastAttempt: boolean): Promise<void> {
    try {
      if (task.type === 'shard') await this.runShard(task.jobId, task.index);
      else await this.finish(task.jobId);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.logger.error(
        `job ${task.jobId} ${task.type}${task.type === 'shard' ? ` ${task.index}` : ''} failed${lastAttempt ? '' : ' (will retry)'}: ${e instanceof Error ? (e.stack ?? msg) : msg}`,
      );
      if (!lastAttempt) throw e;
      await this.stop(task.jobId, 'failed', msg.slice(0, 500));
    }
  }

  private async runShard(jobId: string, index: number): Promise<void> {
    const job = await this.repo.find(jobId);
    if (!job || job.status !== 'running') return;
    const shard = await this.repo.findShard(jobId, index);
    if (!shard) return;
    if (shard.status === 'pending') {
      const kind = this.kinds.get(job.kind);
      if (!kind) throw new Error(`no handler for job kind ${job.kind} in this process`);
      await this.repo.countAttempt(jobId, index, WORKER_ID);
      const ctx: ShardContext = {
        job,
        shard,
        stopped: async () => (await this.repo.find(jobId))?.status !== 'running',
        commit: (processed, result, write, tally) => this.commitShard(jobId, index, processed, result, write, tally),
        commitBatch: (processed, result, statements, tally) => {
          const done = this.repo.markShardDoneStatement(jobId, index, processed, JSON.stringify(result), WORKER_ID, this.clock.iso());
          const progress = this.repo.addProgressStatement(jobId, processed);
          // The shard's row first (a second worker on the same shard waits, then skips), then its rows,
          // the job's row, and the kind's run row last (the order of ShardContext).
          return this.tx.batch(function* () {
            yield done;
            yield* statements();
            yield progress;
            if (tally) yield* tally();
          });
        },
      };
      await kind.runShard(ctx);
    }
    // Also when the shard was already done: its worker may have died before queueing the finish.
    const now = await this.repo.find(jobId);
    if (now?.status === 'running' && now.shardsDone >= now.shardsTotal) await this.queue.enqueue([{ type: 'finish', jobId, shards: now.shardsTotal }]);
  }

  private async commitShard(
    jobId: string,
    index: number,
    processed: number,
    result: unknown,
    write: (m: import('typeorm').EntityManager) => Promise<void>,
    tally?: (m: import('typeorm').EntityManager) => Promise<void>,
  ): Promise<boolean> {
    try {
      await this.tx.run(async (m) => {
        // The shard's row first (a second worker on the same shard waits here, then skips), the
        // shard's writes, then the job's row, so that concurrent shards hold it only briefly, and
        // the kind's run row after it, as a stop and the finish take them (no deadlock with a cancel).
        if (!(await this.repo.markShardDone(m, jobId, index, processed, JSON.stringify(result), WORKER_ID, this.clock.iso()))) throw new Skip();
        await write(m);
        if (!(await this.repo.addProgress(m, jobId, processed))) throw new Skip();
        await tally?.(m);
      });
      return true;
    } catch (e) {
      if (e instanceof Skip) return false;
      throw e;
    }
  }

  private async finish(jobId: string): Promise<void> {
    const job = await this.repo.find(jobId);
    if (!job || job.status !== 'running') return;
    const kind = this.kinds.get(job.kind);
    if (!kind) throw new Error(`no handler for job kind ${job.kind} in this process`);
    if (job.shardsDone < job.shardsTotal) {
      // A phase added by a finish whose worker died before queueing it: its shards are queued now
      // (a shard queued twice runs, or commits, once).
      const pending = (await this.repo.shardsOf(jobId)).filter((s) => s.status === 'pending');
      await this.queue.enqueue(pending.map((s) => this.shardTask(job.kind, jobId, s.shardIndex)));
      return;
    }
    if (kind.moreShards) {
      const more = await kind.moreShards(job, await this.repo.shardsOf(jobId));
      if (more.length) {
        const added = await this.tx.run((m) => this.repo.addShards(m, jobId, job.shardsTotal, pendingShards(jobId, job.shardsTotal, more)));
        if (added) await this.queue.enqueue(more.map((_, i) => this.shardTask(job.kind, jobId, job.shardsTotal + i)));
        return;
      }
    }
    const prepared = kind.prepareFinish ? await kind.prepareFinish(job, await this.repo.results(null, jobId)) : undefined;
    let results: unknown[] = [];
    // Registered before the job's row turns completed, so that no waiter sees it completed without it.
    let release = (): void => undefined;
    this.finishing.set(jobId, new Promise<void>((r) => (release = r)));
    try {
      try {
        await this.tx.run(async (m) => {
          if (!(await this.repo.close(m, jobId, 'completed', this.clock.iso(), null))) throw new Skip();
          results = await this.repo.results(m, jobId);
          await kind.finish(job, results, m, prepared);
        });
      } catch (e) {
        if (e instanceof Skip) return;
        throw e;
      }
      await kind.afterFinish?.(job, results);
    } finally {
      this.finishing.delete(jobId);
      release();
    }
  }

  private async stop(jobId: string, status: 'cancelled' | 'failed', error: string | null): Promise<boolean> {
    const job = await this.repo.find(jobId);
    if (!job) return false;
    const kind = this.kinds.get(job.kind);
    try {
      await this.tx.run(async (m) => {
        if (!(await this.repo.close(m, jobId, status, this.clock.iso(), error))) throw new Skip();
        await kind?.stopped(job, status, error, await this.repo.results(m, jobId), m);
      });
      return true;
    } catch (e) {
      if (e instanceof Skip) return false;
      throw e;
    }
  }
}

/** New pending shards of a job, numbered from `first`. */
function pendingShards(jobId: string, first: number, ranges: ShardRange[]): JobShardEntity[] {
  return ranges.map((r, i) => ({
    jobId,
    shardIndex: first + i,
    fromKey: r.fromKey,
    toKey: r.toKey,
    status: 'pending',
    attempts: 0,
    takenBy: null,
    processed: 0,
    result: null,
    doneBy: null,
    doneAt: null,
  }));
}
