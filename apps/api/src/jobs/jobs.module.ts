import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { BullJobQueue, JOBS_QUEUE, jobsProcessor } from './bull-job-queue.js';
import { InProcessJobQueue, JobQueue } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';
import { JobsService } from './jobs.service.js';

/**
 * Jobs on BullMQ when REDIS_URL is set (workers: PROCESS_ROLE worker or all), else in process.
 */
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers: Provider[] = [JobsRepository, JobsService];
    if (!config.redis) {
      return { module: JobsModule, global: true, providers: [...providers, { provide: JobQueue, useClass: InProcessJobQueue }], exports: [JobsService] };
    }
    providers.push({ provide: JobQueue, useClass: BullJobQueue });
    if (config.processRole !== 'api') providers.push(jobsProcessor(config.jobs));
    return {
      module: JobsModule,
      global: true,
      imports: [BullModule.forRoot({ connection: { url: config.redis.url }, prefix: config.redis.prefix }), BullModule.registerQueue({ name: JOBS_QUEUE })],
      providers,
      exports: [JobsService],
    };
  }
}
