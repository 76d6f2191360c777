import { Logger } from '@nestjs/common';

/** A task for the workers: run one shard, or finish a job whose shards are all done. */
export type JobTask = { type: 'shard'; jobId: string; index: number } | { type: 'finish'; jobId: string };

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

/** Tasks run one after another in this process, in the order they were queued. */
export class InProcessJobQueue extends JobQueue {
  readonly distributed = false;
  private readonly logger = new Logger('Jobs');
  private readonly tasks: JobTask[] = [];
  private runner: JobTaskRunner | null = null;
  private loop: Promise<void> | null = null;
  private closed = false;

  override attach(runner: JobTaskRunner): void {
    this.runner = runner;
  }

  async enqueue(tasks: JobTask[]): Promise<void> {
    if (this.closed) return;
    this.tasks.push(...tasks);
    this.loop ??= this.run().finally(() => (this.loop = null));
  }

  private async run(): Promise<void> {
    // Let the caller (a request) answer first.
    await new Promise((r) => setImmediate(r));
    for (let task = this.tasks.shift(); task && !this.closed; task = this.tasks.shift()) {
      try {
        await this.runner!.runTask(task, true);
      } catch (e) {
        this.logger.error(`job task ${task.type} ${task.jobId} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  }

  override async drain(): Promise<void> {
    this.closed = true;
    this.tasks.length = 0;
    await this.loop;
  }
}
