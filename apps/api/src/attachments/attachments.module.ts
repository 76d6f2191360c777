import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ATTACHMENT_STORE, LocalAttachmentStore, type AttachmentStore } from './attachment-store.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsRepository } from './attachments.repository.js';
import { AttachmentsService } from './attachments.service.js';
import { multerLimits } from './image-upload.js';
import { S3AttachmentStore } from './s3-attachment-store.js';

function createStore(c: AppConfig): AttachmentStore {
  return c.attachments.store === 's3' && c.attachments.s3 ? new S3AttachmentStore(c.attachments.s3) : new LocalAttachmentStore(join(c.dataDir, 'attachments'));
}

/** Photos of papers filed with a household, in a local or S3-compatible store. */
@Module({
  imports: [MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ limits: multerLimits(c.uploads) }) })],
  controllers: [AttachmentsController],
  providers: [AttachmentsRepository, AttachmentsService, { provide: ATTACHMENT_STORE, inject: [APP_CONFIG], useFactory: createStore }],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
