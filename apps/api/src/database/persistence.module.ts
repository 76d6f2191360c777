import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { WechatAccessToken } from '../auth/wechat-access-token.js';
import { ConsentsRepository } from '../consents/consents.repository.js';
import { EligibilityRepository } from '../eligibility/eligibility.repository.js';
import { HouseholdCodec } from '../households/household-codec.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { SubmissionsRepository } from '../submissions/submissions.repository.js';
import { AccessService } from '../access/access.service.js';
import { Clock } from '../common/time.js';
import { ENTITIES } from './entities.js';
import { ReadPool } from './read-pool.js';
import { Transactor } from './transactor.js';

/**
 * The repositories of the tables many features read (users, consents, households, regions,
 * submissions, policies, current eligibility), the household codec, the access helper, the audit log
 * and the clock. A table read by one feature only has its repository in that feature's module.
 */
const SHARED = [
  Transactor,
  ReadPool,
  UsersRepository,
  ConsentsRepository,
  HouseholdsRepository,
  RegionsRepository,
  SubmissionsRepository,
  PoliciesRepository,
  EligibilityRepository,
  HouseholdCodec,
  AuditService,
  AccessService,
  Clock,
  WechatAccessToken,
];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: SHARED,
  exports: [TypeOrmModule, ...SHARED],
})
export class PersistenceModule {}
