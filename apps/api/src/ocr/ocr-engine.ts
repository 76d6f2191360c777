import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { maskSensitiveText } from '@zczr/domain';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DocumentReader, type DocumentRead } from './document-reader.js';
import { resolveLanguageData } from './engine/language-data.js';
import { OcrBusyError, OcrTimeoutError, OcrUnavailableError, TesseractPool } from './engine/tesseract-pool.js';

/** Seconds one worker may take to load its model before it counts as failed. */
const START_TIMEOUT_MS = 30_000;

/**
 * The OCR worker pool as a Nest provider: started with the app (OCR_WORKERS workers, 0 = off),
 * stopped with it. A pool that cannot start leaves the API running with OCR unavailable (503),
 * since the rest of the platform does not depend on it.
 */
@Injectable()
export class OcrEngine implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('OCR');
  private pool: TesseractPool | null = null;
  private reader: DocumentReader | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const size = this.config.ocr.workers;
    if (size === 0) return;
    let language;
    try {
      language = resolveLanguageData();
    } catch (e) {
      this.logger.error(`OCR disabled: ${(e as Error).message}`);
      return;
    }
    const pool = new TesseractPool({
      size,
      language,
      startTimeoutMs: START_TIMEOUT_MS,
      jobTimeoutMs: this.config.ocr.timeoutMs,
      maxQueue: size * 8,
      onError: (message, error) => this.logger.error(`${message}: ${maskSensitiveText(error instanceof Error ? error.message : String(error ?? ''))}`),
    });
    await pool.start();
    if (pool.size === 0) {
      this.logger.error('OCR disabled: no worker started');
      return;
    }
    this.pool = pool;
    this.reader = new DocumentReader(pool, this.config.uploads, { districtCode: this.config.districtCode });
    this.logger.log(`OCR ready: ${pool.size} worker(s), ${language.lang}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.stop();
    this.pool = null;
    this.reader = null;
  }

  get available(): boolean {
    return this.reader !== null && (this.pool?.size ?? 0) > 0;
  }

  /** Runs a read, turning the pool's failures into the API's errors. */
  async read<T>(fn: (reader: DocumentReader) => Promise<DocumentRead<T>>): Promise<DocumentRead<T>> {
    if (!this.reader) throw new AppError('OCR_UNAVAILABLE');
    try {
      return await fn(this.reader);
    } catch (e) {
      if (e instanceof OcrUnavailableError) throw new AppError('OCR_UNAVAILABLE');
      if (e instanceof OcrBusyError) throw new AppError('OCR_BUSY');
      if (e instanceof OcrTimeoutError) throw new AppError('OCR_TIMEOUT');
      // sharp refusing the pixels after the upload check passed (should not happen, but is the client's image).
      if (e instanceof Error && /Input (image|file)|pixel limit|corrupt|VipsJpeg|premature/i.test(e.message)) throw new AppError('IMAGE_CORRUPT');
      throw e;
    }
  }
}
