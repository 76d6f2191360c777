import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

/** Department data imports. Uploads stream to disk (DATA_DIR/imports-tmp), never into memory. */
@Module({
  imports: [
    MonitoringModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => {
        const dest = join(c.dataDir, 'imports-tmp');
        mkdirSync(dest, { recursive: true });
        return { dest, limits: { fileSize: c.monitoring.importMaxBytes, files: 1, fields: 5, parts: 6 } };
      },
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
