import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TaskDispatch } from '../tasks/task-dispatch.service.js';
import { addCounts, emptyCounts, MonitoringPipeline, type PipelineCounts } from './monitoring-pipeline.js';
import type { MonitoringRunEntity } from './monitoring-run.entity.js';
import { MonitoringRepository } from './monitoring.repository.js';

export interface RunSummary extends PipelineCounts {
  escalated: number;
}

const PAGE = 1000;
const TICK_MS = 3_600_000;

/**
 * The monthly monitoring run (and on demand): every active household through the pipeline, then
 * overdue tasks escalated. Safe to repeat: windows, unchanged scores and existing re-checks mean a
 * second run changes nothing. A timer starts the month's run once and escalates hourly.
 */
@Injectable()
export class MonitoringService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Monitoring');
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: MonitoringRepository,
    private readonly pipeline: MonitoringPipeline,
    private readonly tasks: TaskDispatch,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repo.failInterrupted(this.clock.iso());
    if (this.config.monitoring.scheduler) {
      this.timer = setInterval(() => void this.tick(), TICK_MS);
      this.timer.unref();
      setTimeout(() => void this.tick(), 60_000).unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** The scheduler's hourly tick: this month's run if there is none yet; overdue escalation always. */
  async tick(): Promise<void> {
    try {
      const district = this.config.districtCode;
      if (!(await this.repo.findForPeriod(district, this.clock.today().slice(0, 7)))) await this.begin('system', district, 'scheduled');
      else await this.tasks.escalateOverdue(district);
    } catch (e) {
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
    const run: MonitoringRunEntity = {
      id: randomUUID(), trigger, period: this.clock.today().slice(0, 7), districtCode, status: 'running', processed: 0, summary: JSON.stringify({ ...emptyCounts(), escalated: 0 }),
      startedBy, startedAt: this.clock.iso(), finishedAt: null, error: null,
    };
    await this.repo.insertRun(run);
    const work = this.execute(run).finally(() => this.running.delete(run.id));
    this.running.set(run.id, work);
    return run;
  }

  async get(id: string): Promise<MonitoringRunEntity> {
    const run = await this.repo.findRun(id);
    if (!run) throw notFound();
    return run;
  }

  async finished(id: string): Promise<MonitoringRunEntity> {
    await this.running.get(id);
    return this.get(id);
  }

  private async execute(run: MonitoringRunEntity): Promise<void> {
    try {
      let counts = emptyCounts();
      let after = '';
      for (;;) {
        const page = await this.repo.pageActive(run.districtCode, after, PAGE);
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        counts = addCounts(counts, await this.pipeline.process(page, { kind: 'monitoring', ref: run.id }, true));
        await this.repo.updateRun(run.id, { processed: counts.households, summary: JSON.stringify({ ...counts, escalated: 0 }) });
      }
      const summary: RunSummary = { ...counts, escalated: await this.tasks.escalateOverdue(run.districtCode) };
      await this.repo.updateRun(run.id, { status: 'completed', processed: counts.households, summary: JSON.stringify(summary), finishedAt: this.clock.iso() });
      await this.audit.record(null, { action: 'monitoring.complete', entityType: 'monitoring_run', entityId: run.id, detail: { ...summary } });
    } catch (e) {
      this.logger.error(`monitoring run ${run.id} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      await this.repo.updateRun(run.id, { status: 'failed', finishedAt: this.clock.iso(), error: (e instanceof Error ? e.message : String(e)).slice(0, 500) });
    }
  }
}
