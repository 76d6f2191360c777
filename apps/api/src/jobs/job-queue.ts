import { Inject, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * A task for the workers: run one shard, or finish a job whose shards are all done. A finish names
 * the number of shards it was queued for (`shards`): a finish that adds a further phase of shards
 * (JobKind.moreShards) and the finish queued when that phase is done are two tasks, not one.
 */
export type JobTask =
  /** `overlap`: in one process, this shard may run beside others of its kind (JobKind.overlapShards). */
  { type: 'shard'; jobId: string; index: number; overlap?: boolean } | { type: 'finish'; jobId: string; shards?: number };

/** What executes tasks (JobsService). */
export interface JobTaskRunner {
  runTask(task: JobTask, lastAttempt: boolean): Promise<void>;
}

/**
 * Where tasks wait for a worker: BullMQ on Redis when REDIS_URL is set (any worker process takes
 * them), otherwise a queue inside this process.
 */
export abstract class JobQueue {
  abstract readonly distributed: boolean;
  abstract enqueue(tasks: JobTask[]): Promise<void>;
  attach(_runner: JobTaskRunner): void {}
  /** Stops taking tasks and waits for the one in hand (shutdown). */
  async drain(): Promise<void> {}
}

/**
 * Tasks run in this process in the order they were queued. A shard of a kind that allows it
 * (`overlap`) runs beside other such shards, up to JOB_CONCURRENCY at once: one shard's commit (in
 * the SQLite write worker) then overlaps the next one's reading and matching. Any other task runs alone.
 */
export class InProcessJobQueue extends JobQueue {
  readonly distributed = false;
  private readonly logger = new Logger('Jobs');
  private readonly tasks: JobTask[] = [];
  private runner: JobTaskRunner | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private alone = false;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  override attach(runner: JobTaskRunner): void {
    this.runner = runner;
  }

  async enqueue(tasks: JobTask[]): Promise<void> {
    if (this.closed) return;
    this.tasks.push(...tasks);
    this.pump();
  }

  /** Starts what may start now, in queue order. */
  private pump(): void {
    while (!this.closed && this.tasks.length > 0 && !this.alone) {
      const overlap = this.tasks[0]!.type === 'shard' && this.tasks[0]!.overlap === true;
      if (this.inFlight.size > 0 && (!overlap || this.inFlight.size >= this.config.jobs.concurrency)) return;
      const task = this.tasks.shift()!;
      this.alone = !overlap;
      const running: Promise<void> = this.execute(task).finally(() => {
        this.inFlight.delete(running);
        if (!overlap) this.alone = false;
        this.pump();
      });
      this.inFlight.add(running);
    }
  }

  private async execute(task: JobTask): Promise<void> {
    // Let the caller (a request) answer first.
    await new Promise((r) => setImmediate(r));
    try {
      await this.runner!.runTask(task, true);
    } catch (e) {
      this.logger.error(`job task ${task.type} ${task.jobId} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  override async drain(): Promise<void> {
    this.closed = true;
    this.tasks.length = 0;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
