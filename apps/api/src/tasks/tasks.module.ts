import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { TaskDispatchModule } from './task-dispatch.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

/** Verification tasks as people work them (an accepted visit revises, re-matches and re-scores the household). */
@Module({
  imports: [ApprovalsModule, TaskDispatchModule, WarningsModule, HouseholdsModule, EligibilityModule, MonitoringModule],
  controllers: [TasksController],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}
