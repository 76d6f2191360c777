import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { CoreServices } from './core-services.js';
import { MonitoringPipeline } from './monitoring-pipeline.js';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringRepository } from './monitoring.repository.js';
import { MonitoringService } from './monitoring.service.js';

/** The monthly monitoring run and the pipeline that imports and accepted tasks also go through. */
@Module({
  imports: [WarningsModule, RiskModule, TasksModule],
  controllers: [MonitoringController],
  providers: [MonitoringRepository, MonitoringPipeline, MonitoringService, CoreServices],
  exports: [MonitoringPipeline, MonitoringService],
})
export class MonitoringModule {}
