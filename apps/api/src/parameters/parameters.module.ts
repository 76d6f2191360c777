import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { ScreeningsModule } from '../screenings/screenings.module.js';
import { ParametersController } from './parameters.controller.js';
import { ParametersRepository } from './parameters.repository.js';
import { ParametersService } from './parameters.service.js';

/** Policy parameters by effective date: proposals, four-eyes decisions, re-screening on the date. */
@Module({
  imports: [EligibilityModule, ScreeningsModule],
  controllers: [ParametersController],
  providers: [ParametersRepository, ParametersService],
  exports: [ParametersService],
})
export class ParametersModule {}
