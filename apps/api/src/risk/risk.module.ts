import { Module } from '@nestjs/common';
import { RiskController } from './risk.controller.js';
import { RiskRepository } from './risk.repository.js';
import { RiskService } from './risk.service.js';

/** Risk score, colour and income circle, with history. */
@Module({
  controllers: [RiskController],
  providers: [RiskRepository, RiskService],
  exports: [RiskService],
})
export class RiskModule {}
