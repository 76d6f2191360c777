import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { bulkInsert, type Statement } from '../database/bulk.js';
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
    await this.insertShards(m, shards);
  }

  /**
   * Adds shards to a running job that has exactly `expectedTotal` (its shards all done): false, with
   * nothing written, when another worker added them first or the job is no longer running.
   */
  async addShards(m: EntityManager, jobId: string, expectedTotal: number, shards: JobShardEntity[]): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(JobEntity)
      .set({ shardsTotal: expectedTotal + shards.length })
      .where({ id: jobId, status: 'running', shardsTotal: expectedTotal })
      .execute();
    if (r.affected !== 1) return false;
    await this.insertShards(m, shards);
    return true;
  }

  private async insertShards(m: EntityManager, shards: JobShardEntity[]): Promise<void> {
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

  /** markShardDone as a guard statement of a batch (Transactor.batch). */
  markShardDoneStatement(jobId: string, shardIndex: number, processed: number, result: string, doneBy: string, at: string): Statement {
    const q = this.quote();
    return {
      sql: `UPDATE ${q('job_shard')} SET ${q('status')} = 'done', ${q('processed')} = ?, ${q('result')} = ?, ${q('doneBy')} = ?, ${q('doneAt')} = ? WHERE ${q('jobId')} = ? AND ${q('shardIndex')} = ? AND ${q('status')} = 'pending'`,
      params: [Math.trunc(processed), result, doneBy, at, jobId, shardIndex],
      expectOne: true,
    };
  }

  /** addProgress as a guard statement of a batch. */
  addProgressStatement(jobId: string, processed: number): Statement {
    const q = this.quote();
    return {
      sql: `UPDATE ${q('job')} SET ${q('shardsDone')} = ${q('shardsDone')} + 1, ${q('processed')} = ${q('processed')} + ? WHERE ${q('id')} = ? AND ${q('status')} = 'running'`,
      params: [Math.trunc(processed), jobId],
      expectOne: true,
    };
  }

  private quote(): (c: string) => string {
    return this.tx.mysql ? (c) => `\`${c}\`` : (c) => `"${c}"`;
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
