import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { ConsentsController } from './consents.controller.js';
import { ConsentsService } from './consents.service.js';

/** Consents: given, read, withdrawn (a withdrawal seals the household's file). */
@Module({
  imports: [EligibilityModule, AttachmentsModule],
  controllers: [ConsentsController],
  providers: [ConsentsService],
})
export class ConsentsModule {}
