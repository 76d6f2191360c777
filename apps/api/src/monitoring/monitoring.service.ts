import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactor } from '../database/transactor.js';
import type { JobEntity } from '../jobs/job.entity.js';
import type { JobKind, ShardContext } from '../jobs/job-kind.js';
import { JobsService } from '../jobs/jobs.service.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { createHash, randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';
import { TaskDispatch } from '../tasks/task-dispatch.service.js';
import { addCounts, emptyCounts, MonitoringPipeline, type PipelineCounts } from './monitoring-pipeline.js';
import type { MonitoringRunEntity } from './monitoring-run.entity.js';
import { MonitoringRepository } from './monitoring.repository.js';

export interface RunSummary extends PipelineCounts {
  escalated: number;
}

const PAGE = 1000;
const TICK_MS = 3_600_000;

const JOB_KIND = 'monitoring';

/** The id of a district's scheduled run for a month (YYYY-MM): a UUID-shaped digest, the same in every process. */
export function scheduledRunId(districtCode: string, period: string): string {
  const h = createHash('sha256').update(`monitoring-scheduled|${districtCode}|${period}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The monthly monitoring run (and on demand): every active household through the pipeline, as a
 * job of shards any worker takes, then overdue tasks escalated. Safe to repeat: windows, unchanged
 * scores and existing re-checks mean a second run (or a shard run again after a worker died)
 * changes nothing. A timer starts the month's run once and escalates hourly.
 */
@Injectable()
export class MonitoringService implements OnModuleInit, OnApplicationShutdown, JobKind {
  readonly kind = JOB_KIND;
  private readonly logger = new Logger('Monitoring');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: MonitoringRepository,
    private readonly households: HouseholdsRepository,
    private readonly pipeline: MonitoringPipeline,
    private readonly tasks: TaskDispatch,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    private readonly bus: InvalidationBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.register(this);
  }

  async onModuleInit(): Promise<void> {
    await this.repo.failOrphans(this.clock.iso());
    // The monthly timer belongs to the processes that serve the API (a worker-only process has none).
    if (this.config.monitoring.scheduler && this.config.processRole !== 'worker') {
      this.timer = setInterval(() => void this.tick(), TICK_MS);
      this.timer.unref();
      setTimeout(() => void this.tick(), 60_000).unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  /** The scheduler's hourly tick: this month's run if there is none yet; overdue escalation always. */
  async tick(): Promise<void> {
    try {
      const district = this.config.districtCode;
      if (!(await this.repo.findForPeriod(district, this.clock.today().slice(0, 7)))) await this.begin('system', district, 'scheduled');
      else await this.tasks.escalateOverdue(district);
    } catch (e) {
      // Another API process's timer started this month's run first (the run id is the month's own).
      if (e instanceof AppError && e.code === 'MONITORING_RUNNING') return;
      this.logger.error(`monitoring tick failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async start(auth: AuthContext): Promise<MonitoringRunEntity> {
    const run = await this.begin(auth.userId, (auth.regionCode ?? this.config.districtCode).slice(0, 6), 'manual');
    await this.audit.record(auth, { action: 'monitoring.start', entityType: 'monitoring_run', entityId: run.id });
    return run;
  }

  async begin(startedBy: string, districtCode: string, trigger: 'scheduled' | 'manual'): Promise<MonitoringRunEntity> {
    if (await this.repo.findRunning(districtCode)) throw new AppError('MONITORING_RUNNING');
    const bounds = await this.households.shardBoundaries(districtCode, this.config.jobs.shardSize);
    const ranges = [...bounds, null].map((toKey, i) => ({ fromKey: i === 0 ? '' : bounds[i - 1]!, toKey }));
    const period = this.clock.today().slice(0, 7);
    const run: MonitoringRunEntity = {
      // A scheduled run's id is its district's and month's own, so the timers of several API processes
      // that race for the same month insert one run: the loser's insert fails on the primary key.
      id: trigger === 'scheduled' ? scheduledRunId(districtCode, period) : randomUUID(),
      trigger,
      period,
      districtCode,
      status: 'running',
      processed: 0,
      summary: JSON.stringify({ ...emptyCounts(), escalated: 0 }),
      startedBy,
      startedAt: this.clock.iso(),
      finishedAt: null,
      error: null,
    };
    try {
      await this.tx.run(async (m) => {
        await this.repo.insertRun(run, m);
        await this.jobs.create(m, JOB_KIND, run.id, ranges);
      });
    } catch (e) {
      if (trigger === 'scheduled' && (await this.repo.findRun(run.id))) throw new AppError('MONITORING_RUNNING');
      throw e;
    }
    await this.jobs.dispatch(JOB_KIND, run.id, ranges.length);
    return run;
  }

  async get(id: string): Promise<MonitoringRunEntity> {
    const run = await this.repo.findRun(id);
    if (!run) throw notFound();
    return run;
  }

  async finished(id: string): Promise<MonitoringRunEntity> {
    await this.jobs.waitFor(id);
    return this.get(id);
  }

  // --- the job ------------------------------------------------------------------------------

  async runShard(ctx: ShardContext): Promise<void> {
    const run = await this.repo.findRun(ctx.job.id);
    if (!run) throw new Error(`monitoring run ${ctx.job.id} not found`);
    let counts = emptyCounts();
    let after = ctx.shard.fromKey;
    for (;;) {
      if (await ctx.stopped()) return;
      const page = await this.repo.pageActive(run.districtCode, after, PAGE, ctx.shard.toKey);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      counts = addCounts(counts, await this.pipeline.process(page, { kind: 'monitoring', ref: run.id }, true));
    }
    // The shard's warnings and tasks were written as it went; its commit is the tally, after the job's row.
    await ctx.commit(
      counts.households,
      counts,
      async () => undefined,
      async (m) => {
        const done = (await this.jobs.results(m, run.id)) as PipelineCounts[];
        const sum = done.reduce(addCounts, emptyCounts());
        await this.repo.updateRun(run.id, { processed: sum.households, summary: JSON.stringify({ ...sum, escalated: 0 }) }, m);
      },
    );
  }

  async prepareFinish(job: JobEntity): Promise<unknown> {
    const run = await this.repo.findRun(job.id);
    return run ? this.tasks.escalateOverdue(run.districtCode) : 0;
  }

  async finish(job: JobEntity, results: unknown[], m: EntityManager, prepared: unknown): Promise<void> {
    const counts = (results as PipelineCounts[]).reduce(addCounts, emptyCounts());
    const summary: RunSummary = { ...counts, escalated: Number(prepared ?? 0) };
    await this.repo.updateRun(job.id, { status: 'completed', processed: counts.households, summary: JSON.stringify(summary), finishedAt: this.clock.iso() }, m);
  }

  async afterFinish(job: JobEntity): Promise<void> {
    this.bus.publish('aggregates');
    const run = await this.repo.findRun(job.id);
    await this.audit.record(null, {
      action: 'monitoring.complete',
      entityType: 'monitoring_run',
      entityId: job.id,
      detail: { ...(JSON.parse(run?.summary ?? '{}') as object) },
    });
  }

  async stopped(job: JobEntity, status: 'cancelled' | 'failed', error: string | null, results: unknown[], m: EntityManager): Promise<void> {
    const counts = (results as PipelineCounts[]).reduce(addCounts, emptyCounts());
    // A monitoring run is not cancelled from the console; a cancelled job shows as failed.
    await this.repo.updateRun(
      job.id,
      {
        status: 'failed',
        processed: counts.households,
        summary: JSON.stringify({ ...counts, escalated: 0 }),
        finishedAt: this.clock.iso(),
        error: error ?? '已取消',
      },
      m,
    );
    if (status === 'failed') this.logger.error(`monitoring run ${job.id} failed: ${error ?? ''}`);
  }
}
