import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { MatcherService } from '../eligibility/matcher.service.js';
import { HouseholdsService } from '../households/households.service.js';

/**
 * The household, matcher and eligibility services live in the root module, which feature modules
 * cannot import. They hold caches (the compiled policy library), so a second instance would go
 * stale: this resolves the one instance from the application when first used.
 */
@Injectable()
export class CoreServices {
  constructor(private readonly ref: ModuleRef) {}

  get households(): HouseholdsService {
    return this.ref.get(HouseholdsService, { strict: false });
  }

  get eligibility(): EligibilityService {
    return this.ref.get(EligibilityService, { strict: false });
  }

  get matcher(): MatcherService {
    return this.ref.get(MatcherService, { strict: false });
  }
}
