import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { ScreeningResultsService } from './screening-results.service.js';
import { ScreeningsController } from './screenings.controller.js';
import { ScreeningsRepository } from './screenings.repository.js';
import { ScreeningsService } from './screenings.service.js';

/** Population screening: runs, progress, results, flagged households, export. */
@Module({
  imports: [EligibilityModule],
  controllers: [ScreeningsController],
  providers: [ScreeningsRepository, ScreeningsService, ScreeningResultsService],
  exports: [ScreeningsService],
})
export class ScreeningsModule {}
