import { Module } from '@nestjs/common';
import { TaskDispatch } from './task-dispatch.service.js';
import { TasksRepository } from './tasks.repository.js';

/** Creating, dispatching and escalating tasks, and the task table: what monitoring and the task use cases share. */
@Module({
  providers: [TasksRepository, TaskDispatch],
  exports: [TasksRepository, TaskDispatch],
})
export class TaskDispatchModule {}
