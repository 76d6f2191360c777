import { Module } from '@nestjs/common';
import { DatabaseSizingCheck } from './database-sizing.js';
import { HealthController } from './health.controller.js';

@Module({
  controllers: [HealthController],
  providers: [DatabaseSizingCheck],
})
export class HealthModule {}
