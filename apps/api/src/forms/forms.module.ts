import { Module } from '@nestjs/common';
import { TaskDispatchModule } from '../tasks/task-dispatch.module.js';
import { FormsController } from './forms.controller.js';
import { FormsService } from './forms.service.js';

/** Printable forms (PDF): the 入户调查表 of a household and the 告知书 of a task's decision. */
@Module({
  imports: [TaskDispatchModule],
  controllers: [FormsController],
  providers: [FormsService],
})
export class FormsModule {}
