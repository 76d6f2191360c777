import { Module } from '@nestjs/common';
import { WarningsController } from './warnings.controller.js';
import { WarningsRepository } from './warnings.repository.js';
import { WarningsService } from './warnings.service.js';

/** Warning rules as data, their evaluation, and the warning list. */
@Module({
  controllers: [WarningsController],
  providers: [WarningsRepository, WarningsService],
  exports: [WarningsRepository, WarningsService],
})
export class WarningsModule {}
