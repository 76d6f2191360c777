import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { ScreeningsModule } from '../screenings/screenings.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { DemoReviews } from './demo-reviews.js';
import { DemoSeedService } from './demo-seed.service.js';

/** Demo data for a fresh install: regions, accounts, households, a screening, a monitoring run, reviews to do. */
@Module({
  imports: [RegionsModule, HouseholdsModule, ScreeningsModule, MonitoringModule, TasksModule],
  providers: [DemoSeedService, DemoReviews],
})
export class SeedModule {}
