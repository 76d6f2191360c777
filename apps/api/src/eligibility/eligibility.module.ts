import { Module } from '@nestjs/common';
import { EligibilityController } from './eligibility.controller.js';
import { EligibilityService } from './eligibility.service.js';
import { MatcherService } from './matcher.service.js';
import { PopulationService } from './population.service.js';

/**
 * Matching households to policies: the compiled policy library (MatcherService, one instance: it
 * caches), each household's current results, and the population's facts kept in memory for previews.
 */
@Module({
  controllers: [EligibilityController],
  providers: [MatcherService, PopulationService, EligibilityService],
  exports: [MatcherService, PopulationService, EligibilityService],
})
export class EligibilityModule {}
