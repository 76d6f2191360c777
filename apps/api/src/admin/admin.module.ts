import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module.js';
import { AdminController } from './admin.controller.js';
import { AdminGridsService } from './admin-grids.service.js';
import { AdminRepository } from './admin.repository.js';
import { AdminUsersService } from './admin-users.service.js';

/** Administration: staff accounts, grids and their workers, dictionaries. */
@Module({
  imports: [TasksModule],
  controllers: [AdminController],
  providers: [AdminRepository, AdminUsersService, AdminGridsService],
})
export class AdminModule {}
