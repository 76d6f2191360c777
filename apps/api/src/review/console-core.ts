import type { Provider, Type } from '@nestjs/common';
import { HouseholdAuditController } from '../households/household-audit.controller.js';
import { HouseholdAuditService } from '../households/household-audit.service.js';
import { PolicyVersionsController } from '../policies/policy-versions.controller.js';
import { PolicyVersionsService } from '../policies/policy-versions.service.js';
import { DemoReviews } from '../seed/demo-reviews.js';
import { ReviewController } from './review.controller.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewService } from './review.service.js';

/**
 * What the staff console's core pages add to the API: the review queue, a household's audit trail,
 * policy versions and parameters. Registered in the root module because they use its services
 * (submissions, matcher, policies), which feature modules cannot import.
 */
export const CONSOLE_CORE_CONTROLLERS: Type[] = [ReviewController, HouseholdAuditController, PolicyVersionsController];
export const CONSOLE_CORE_PROVIDERS: Provider[] = [ReviewRepository, ReviewService, HouseholdAuditService, PolicyVersionsService, DemoReviews];
