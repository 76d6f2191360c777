import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AdminModule } from './admin/admin.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { GlobalExceptionFilter } from './common/exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ConsentsModule } from './consents/consents.module.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { PersistenceModule } from './database/persistence.module.js';
import { EligibilityModule } from './eligibility/eligibility.module.js';
import { HealthModule } from './health/health.module.js';
import { HouseholdsModule } from './households/households.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { OcrModule } from './ocr/ocr.module.js';
import { ParametersModule } from './parameters/parameters.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { RegionsModule } from './regions/regions.module.js';
import { ReviewModule } from './review/review.module.js';
import { RiskModule } from './risk/risk.module.js';
import { ScreeningsModule } from './screenings/screenings.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SubmissionsModule } from './submissions/submissions.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { WarningsModule } from './warnings/warnings.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ApprovalsModule } from './approvals/approvals.module.js';
import { FormsModule } from './forms/forms.module.js';
import { SharedStateModule } from './shared-state/shared-state.module.js';

/**
 * The application: global infrastructure (config, database, the shared repositories, the cipher,
 * idempotency), then one module per feature, each importing the features it uses. Nothing is looked
 * up at run time; `dpdm` in CI keeps the import graph free of cycles.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        SharedStateModule,
        PersistenceModule,
        CryptoModule,
        IdempotencyModule,
        HealthModule,
        AuthModule,
        RegionsModule,
        ConsentsModule,
        HouseholdsModule,
        SubmissionsModule,
        AuditModule,
        PoliciesModule,
        ParametersModule,
        EligibilityModule,
        ScreeningsModule,
        ReviewModule,
        WarningsModule,
        RiskModule,
        ApprovalsModule,
        TasksModule,
        MonitoringModule,
        ImportsModule,
        OcrModule,
        AttachmentsModule,
        DashboardModule,
        AdminModule,
        SeedModule,
        JobsModule.forRoot(config),
        NotificationsModule,
        FormsModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
    };
  }
}
