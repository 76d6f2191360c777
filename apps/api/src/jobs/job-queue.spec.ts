import type { AppConfig } from '../config/app-config.js';
import { InProcessJobQueue, type JobTask, type JobTaskRunner } from './job-queue.js';

/** A runner whose tasks end when the test says so; it records what ran beside what. */
class Runner implements JobTaskRunner {
  readonly started: string[] = [];
  readonly running = new Set<string>();
  maxBeside = 0;
  private readonly ends = new Map<string, () => void>();

  runTask(task: JobTask): Promise<void> {
    const name = task.type === 'shard' ? `${task.jobId}.${task.index}` : `${task.jobId}.finish`;
    this.started.push(name);
    this.running.add(name);
    this.maxBeside = Math.max(this.maxBeside, this.running.size);
    return new Promise<void>((resolve) =>
      this.ends.set(name, () => {
        this.running.delete(name);
        resolve();
      }),
    );
  }

  end(name: string): void {
    this.ends.get(name)!();
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function queueWith(concurrency: number): { queue: InProcessJobQueue; runner: Runner } {
  const queue = new InProcessJobQueue({ jobs: { concurrency } } as AppConfig);
  const runner = new Runner();
  queue.attach(runner);
  return { queue, runner };
}

const shard = (jobId: string, index: number, overlap?: boolean): JobTask => ({ type: 'shard', jobId, index, ...(overlap ? { overlap } : {}) });

describe('in-process job queue', () => {
  it('runs shards of an overlapping kind two at a time, in queue order', async () => {
    const { queue, runner } = queueWith(2);
    await queue.enqueue([shard('s', 0, true), shard('s', 1, true), shard('s', 2, true)]);
    await settle();
    expect(runner.started).toEqual(['s.0', 's.1']);
    runner.end('s.1');
    await settle();
    expect(runner.started).toEqual(['s.0', 's.1', 's.2']);
    expect([...runner.running]).toEqual(['s.0', 's.2']);
    runner.end('s.0');
    runner.end('s.2');
    await queue.drain();
    expect(runner.maxBeside).toBe(2);
  });

  it('runs any other task alone: it waits for the shards in flight, and nothing starts beside it', async () => {
    const { queue, runner } = queueWith(2);
    await queue.enqueue([shard('s', 0, true), { type: 'finish', jobId: 's' }, shard('i', 0), shard('s', 9, true)]);
    await settle();
    expect(runner.started).toEqual(['s.0']);
    runner.end('s.0');
    await settle();
    expect(runner.started).toEqual(['s.0', 's.finish']);
    runner.end('s.finish');
    await settle();
    expect(runner.started).toEqual(['s.0', 's.finish', 'i.0']);
    runner.end('i.0');
    await settle();
    runner.end('s.9');
    await queue.drain();
    expect(runner.maxBeside).toBe(1);
  });

  it('runs one at a time with JOB_CONCURRENCY=1', async () => {
    const { queue, runner } = queueWith(1);
    await queue.enqueue([shard('s', 0, true), shard('s', 1, true)]);
    await settle();
    expect(runner.started).toEqual(['s.0']);
    runner.end('s.0');
    await settle();
    runner.end('s.1');
    await queue.drain();
    expect(runner.maxBeside).toBe(1);
  });

  it('keeps going after a task that throws, and takes nothing more once drained', async () => {
    const queue = new InProcessJobQueue({ jobs: { concurrency: 2 } } as AppConfig);
    const ran: number[] = [];
    queue.attach({
      runTask: async (task) => {
        if (task.type !== 'shard') return;
        ran.push(task.index);
        if (task.index === 0) throw new Error('boom');
      },
    });
    await queue.enqueue([shard('s', 0, true), shard('s', 1, true)]);
    await settle();
    expect(ran.sort()).toEqual([0, 1]);
    await queue.drain();
    await queue.enqueue([shard('s', 2, true)]);
    await settle();
    expect(ran).toHaveLength(2);
  });
});
