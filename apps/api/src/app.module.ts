import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { DemoRealNameVerifier, RealNameVerifier, WechatRealNameVerifier } from './auth/real-name.verifier.js';
import { AuthService } from './auth/auth.service.js';
import { TokenService } from './auth/token.service.js';
import { WechatClient } from './auth/wechat.client.js';
import { GlobalExceptionFilter } from './common/exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ConsentsController } from './consents/consents.controller.js';
import { ConsentsService } from './consents/consents.service.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { DatabaseModule } from './database/database.module.js';
import { PersistenceModule } from './database/persistence.module.js';
import { HealthController } from './health/health.controller.js';
import { HouseholdsController } from './households/households.controller.js';
import { HouseholdsService } from './households/households.service.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { RiskModule } from './risk/risk.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { WarningsModule } from './warnings/warnings.module.js';
import { RegionsController } from './regions/regions.controller.js';
import { RegionsService } from './regions/regions.service.js';
import { DemoSeedService } from './seed/demo-seed.service.js';
import { SharedStateModule } from './shared-state/shared-state.module.js';
import { EligibilityController } from './eligibility/eligibility.controller.js';
import { EligibilityRepository } from './eligibility/eligibility.repository.js';
import { EligibilityService } from './eligibility/eligibility.service.js';
import { MatcherService } from './eligibility/matcher.service.js';
import { PopulationService } from './eligibility/population.service.js';
import { PoliciesController } from './policies/policies.controller.js';
import { PoliciesRepository } from './policies/policies.repository.js';
import { PoliciesService } from './policies/policies.service.js';
import { ScreeningsController } from './screenings/screenings.controller.js';
import { ScreeningsRepository } from './screenings/screenings.repository.js';
import { ScreeningsService } from './screenings/screenings.service.js';
import { ScreeningResultsService } from './screenings/screening-results.service.js';
import { SubmissionsController } from './submissions/submissions.controller.js';
import { SubmissionsService } from './submissions/submissions.service.js';
import { OcrModule } from './ocr/ocr.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { AdminModule } from './admin/admin.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { CONSOLE_CORE_CONTROLLERS, CONSOLE_CORE_PROVIDERS } from './review/console-core.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // A KeyObject: jsonwebtoken otherwise re-parses a string secret (and tries it as a PEM key) on every call.
        JwtModule.register({ secret: createSecretKey(Buffer.from(config.jwtSecret)), signOptions: { algorithm: 'HS256' } }),
        DatabaseModule,
        SharedStateModule,
        PersistenceModule,
        CryptoModule,
        IdempotencyModule,
        JobsModule.forRoot(config),
        WarningsModule, RiskModule, TasksModule, MonitoringModule, ImportsModule,
        OcrModule, AttachmentsModule,
        DashboardModule, AdminModule,
        NotificationsModule,
      ],
      controllers: [
        HealthController, AuthController, RegionsController, ConsentsController, HouseholdsController, SubmissionsController, AuditController,
        PoliciesController, EligibilityController, ScreeningsController,
        ...CONSOLE_CORE_CONTROLLERS,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
        { provide: RealNameVerifier, useClass: config.realNameVerifier === 'demo' ? DemoRealNameVerifier : WechatRealNameVerifier },
        TokenService, WechatClient, AuthService, RegionsService, ConsentsService, HouseholdsService, SubmissionsService, DemoSeedService,
        PoliciesRepository, PoliciesService, MatcherService, EligibilityRepository, EligibilityService, PopulationService, ScreeningsRepository, ScreeningsService, ScreeningResultsService,
        ...CONSOLE_CORE_PROVIDERS,
      ],
    };
  }
}
