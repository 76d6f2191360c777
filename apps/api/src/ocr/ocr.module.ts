import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { multerLimits } from '../attachments/image-upload.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { OcrAccess } from './ocr-access.js';
import { OcrEngine } from './ocr-engine.js';
import { OcrController } from './ocr.controller.js';
import { OcrService } from './ocr.service.js';

/** Offline ID-document OCR: the tesseract.js worker pool, the readers and the three endpoints. */
@Module({
  imports: [MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ limits: multerLimits(c.uploads) }) })],
  controllers: [OcrController],
  providers: [OcrEngine, OcrAccess, OcrService],
  exports: [OcrEngine],
})
export class OcrModule {}
