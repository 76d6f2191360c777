import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JobStatus = 'running' | 'completed' | 'cancelled' | 'failed';
export type ShardStatus = 'pending' | 'done';

/**
 * A long-running job (a screening, a monitoring run): split into shards that any worker process
 * takes. Its id is the id of the domain run it drives (screening_run, monitoring_run).
 */
@Entity('job')
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 12 }) status: JobStatus;
  @Column({ type: 'int' }) shardsTotal: number;
  @Column({ type: 'int' }) shardsDone: number;
  /** Items (households, rows) of the shards done. */
  @Column({ type: 'int' }) processed: number;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) finishedAt: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) error: string | null;
}

/**
 * One shard: the keys in (fromKey, toKey] (toKey null: to the end). A shard's writes, its result
 * and its "done" mark commit in one transaction, so a shard is done once or not at all.
 */
@Entity('job_shard')
export class JobShardEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) jobId: string;
  @PrimaryColumn({ type: 'int' }) shardIndex: number;
  @Column({ type: 'varchar', length: 64 }) fromKey: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) toKey: string | null;
  @Column({ type: 'varchar', length: 12 }) status: ShardStatus;
  /** How many times a worker started it (more than once after a worker died or failed). */
  @Column({ type: 'int' }) attempts: number;
  /** The process (host:pid) that started it last. */
  @Column({ type: 'varchar', length: 64, nullable: true }) takenBy: string | null;
  @Column({ type: 'int' }) processed: number;
  /** JSON: the kind's partial result (counts), merged when the job finishes. */
  @Column({ type: 'text', nullable: true }) result: string | null;
  /** Which process did it (host:pid). */
  @Column({ type: 'varchar', length: 64, nullable: true }) doneBy: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) doneAt: string | null;
}
