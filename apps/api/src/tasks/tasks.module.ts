import { Module } from '@nestjs/common';
import { CoreServices } from '../monitoring/core-services.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';

/** Verification tasks and the working-day calendar. */
@Module({
  imports: [WarningsModule],
  controllers: [TasksController],
  providers: [TasksRepository, TasksService, CoreServices],
  exports: [TasksService],
})
export class TasksModule {}
