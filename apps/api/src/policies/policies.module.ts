import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { PoliciesController } from './policies.controller.js';
import { PoliciesService } from './policies.service.js';
import { PolicyVersionsController } from './policy-versions.controller.js';
import { PolicyVersionsService } from './policy-versions.service.js';

/** The policy library: browsing, drafts and versions, publishing, previews over the population. */
@Module({
  imports: [EligibilityModule],
  controllers: [PoliciesController, PolicyVersionsController],
  providers: [PoliciesService, PolicyVersionsService],
  exports: [PoliciesService],
})
export class PoliciesModule {}
