import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, type Type } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JobQueue, type JobTask } from './job-queue.js';
import { JobsService } from './jobs.service.js';

export const JOBS_QUEUE = 'jobs';
/** A shard or finish task that throws is tried this many times before the job fails. */
const ATTEMPTS = 3;

/** Tasks in a BullMQ queue on Redis: any worker process takes them. */
@Injectable()
export class BullJobQueue extends JobQueue {
  readonly distributed = true;

  constructor(@InjectQueue(JOBS_QUEUE) private readonly queue: Queue<JobTask>) {
    super();
  }

  async enqueue(tasks: JobTask[]): Promise<void> {
    await this.queue.addBulk(
      tasks.map((t) => ({
        name: t.type,
        data: t,
        opts: {
          // One queued task per shard (and one finish) at a time: a repeated enqueue is ignored.
          jobId: t.type === 'shard' ? `${t.jobId}.${t.index}` : `${t.jobId}.finish.${t.shards ?? 0}`,
          attempts: ATTEMPTS,
          backoff: { type: 'fixed', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { count: 1000 },
        },
      })),
    );
  }
}

/**
 * The worker side: one task at a time per process (a shard already uses the process's worker
 * threads). A worker that dies stops renewing its lock; after `lockMs` the stalled check (every
 * `stalledCheckMs`, in any live worker) puts the task back, and the shard runs again elsewhere.
 */
export function jobsProcessor(opts: { lockMs: number; stalledCheckMs: number }): Type<WorkerHost> {
  @Processor(JOBS_QUEUE, { concurrency: 1, lockDuration: opts.lockMs, stalledInterval: opts.stalledCheckMs, maxStalledCount: 1000 })
  class JobsProcessor extends WorkerHost {
    constructor(private readonly jobs: JobsService) {
      super();
    }

    async process(job: Job<JobTask>): Promise<void> {
      await this.jobs.runTask(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
    }
  }
  return JobsProcessor;
}
