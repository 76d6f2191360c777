import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdAuditController } from './household-audit.controller.js';
import { HouseholdAuditService } from './household-audit.service.js';
import { HouseholdsController } from './households.controller.js';
import { HouseholdsService } from './households.service.js';

/** Household files: create, read (masked by role), change directly or by request, revisions, access record. */
@Module({
  imports: [EligibilityModule],
  controllers: [HouseholdsController, HouseholdAuditController],
  providers: [HouseholdsService, HouseholdAuditService],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}
