import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { RiskModule } from '../risk/risk.module.js';
import { TaskDispatchModule } from '../tasks/task-dispatch.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { MonitoringPipeline } from './monitoring-pipeline.js';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringRepository } from './monitoring.repository.js';
import { MonitoringService } from './monitoring.service.js';

/** The monthly monitoring run and the pipeline that imports and accepted tasks also go through. */
@Module({
  imports: [WarningsModule, RiskModule, TaskDispatchModule, EligibilityModule],
  controllers: [MonitoringController],
  providers: [MonitoringRepository, MonitoringPipeline, MonitoringService],
  exports: [MonitoringPipeline, MonitoringService],
})
export class MonitoringModule {}
