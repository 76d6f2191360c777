import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { bulkInsert } from '../database/bulk.js';
import { Transactor } from '../database/transactor.js';
import { JobEntity, JobShardEntity, type JobStatus } from './job.entity.js';

@Injectable()
export class JobsRepository {
  constructor(
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    @InjectRepository(JobShardEntity) private readonly shards: Repository<JobShardEntity>,
    private readonly tx: Transactor,
  ) {}

  async insert(m: EntityManager, job: JobEntity, shards: JobShardEntity[]): Promise<void> {
    await m.insert(JobEntity, job);
    await bulkInsert(
      m,
      'job_shard',
      ['jobId', 'shardIndex', 'fromKey', 'toKey', 'status', 'attempts', 'takenBy', 'processed', 'result', 'doneBy', 'doneAt'],
      shards,
      200,
    );
  }

  find(id: string): Promise<JobEntity | null> {
    return this.jobs.findOneBy({ id });
  }

  findShard(jobId: string, shardIndex: number): Promise<JobShardEntity | null> {
    return this.shards.findOneBy({ jobId, shardIndex });
  }

  shardsOf(jobId: string): Promise<JobShardEntity[]> {
    return this.shards.find({ where: { jobId }, order: { shardIndex: 'ASC' } });
  }

  running(kinds: string[]): Promise<JobEntity[]> {
    return this.jobs.find({ where: kinds.map((kind) => ({ kind, status: 'running' as const })) });
  }

  async countAttempt(jobId: string, shardIndex: number, takenBy: string): Promise<void> {
    await this.tx.write((m) =>
      m
        .createQueryBuilder()
        .update(JobShardEntity)
        .set({ attempts: () => 'attempts + 1', takenBy })
        .where({ jobId, shardIndex })
        .execute(),
    );
  }

  /** Marks the shard done if nobody did: false when another worker already committed it. */
  async markShardDone(m: EntityManager, jobId: string, shardIndex: number, processed: number, result: string, doneBy: string, at: string): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(JobShardEntity)
      .set({ status: 'done', processed, result, doneBy, doneAt: at })
      .where({ jobId, shardIndex, status: 'pending' })
      .execute();
    return r.affected === 1;
  }

  /** Counts a shard into a running job: false when the job is no longer running. */
  async addProgress(m: EntityManager, jobId: string, processed: number): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(JobEntity)
      .set({ shardsDone: () => 'shardsDone + 1', processed: () => `processed + ${Math.trunc(processed)}` })
      .where({ id: jobId, status: 'running' })
      .execute();
    return r.affected === 1;
  }

  /** Moves a running job to its final status: false when it was not running any more. */
  async close(m: EntityManager, jobId: string, status: Exclude<JobStatus, 'running'>, at: string, error: string | null): Promise<boolean> {
    const r = await m.createQueryBuilder().update(JobEntity).set({ status, finishedAt: at, error }).where({ id: jobId, status: 'running' }).execute();
    return r.affected === 1;
  }

  async results(m: EntityManager | null, jobId: string): Promise<unknown[]> {
    const rows = await (m ?? this.shards.manager).find(JobShardEntity, { where: { jobId, status: 'done' }, order: { shardIndex: 'ASC' } });
    return rows.map((r) => JSON.parse(r.result ?? 'null') as unknown);
  }
}
