import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';

/** The audit log's endpoints (AuditService itself is shared: every feature records). */
@Module({
  controllers: [AuditController],
})
export class AuditModule {}
