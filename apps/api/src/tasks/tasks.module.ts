import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ApprovalsModule } from '../approvals/approvals.module.js';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { multerLimits } from '../attachments/image-upload.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { TaskDispatchModule } from './task-dispatch.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';
import { VisitPhotosService } from './visit-photos.service.js';

/** Verification tasks as people work them (an accepted visit revises, re-matches and re-scores the household). */
@Module({
  imports: [
    ApprovalsModule,
    TaskDispatchModule,
    WarningsModule,
    HouseholdsModule,
    EligibilityModule,
    MonitoringModule,
    AttachmentsModule,
    // Visit photos: the same size limits while the file streams in as for every upload.
    MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ limits: multerLimits(c.uploads) }) }),
  ],
  controllers: [TasksController],
  providers: [TasksService, VisitPhotosService],
  exports: [TasksService],
})
export class TasksModule {}
