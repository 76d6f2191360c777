import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { maskSensitiveText } from '@zczr/domain';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DocumentReader, type DocumentRead } from './document-reader.js';
import { resolveLanguageData } from './engine/language-data.js';
import { PaddlePool } from './engine/paddle-pool.js';
import { OcrBusyError, OcrTimeoutError, OcrUnavailableError, TesseractPool } from './engine/tesseract-pool.js';

/** Seconds one worker may take to load its model before it counts as failed. */
const START_TIMEOUT_MS = 30_000;

/**
 * The OCR engines as a Nest provider: started with the app (OCR_WORKERS workers, 0 = off),
 * stopped with it. With OCR_ENGINE=paddle (default) PP-OCRv4 child processes read and as many
 * tesseract.js workers give second reads; with OCR_ENGINE=tesseract, tesseract.js alone. A pool
 * that cannot start leaves the API running with OCR unavailable (503), since the rest of the
 * platform does not depend on it; a second reader that cannot start only costs the second reads.
 */
@Injectable()
export class OcrEngine implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('OCR');
  private tesseract: TesseractPool | null = null;
  private paddle: PaddlePool | null = null;
  private reader: DocumentReader | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private readonly onError = (message: string, error?: unknown): void =>
    this.logger.error(`${message}: ${maskSensitiveText(error instanceof Error ? error.message : String(error ?? ''))}`);

  async onModuleInit(): Promise<void> {
    const { workers: size, engine, timeoutMs } = this.config.ocr;
    if (size === 0) return;
    const [paddle, tesseract] = await Promise.all([engine === 'paddle' ? this.startPaddle(size, timeoutMs) : null, this.startTesseract(size, timeoutMs)]);
    this.paddle = paddle;
    this.tesseract = tesseract;
    if (engine === 'paddle' && !paddle) {
      this.logger.error('OCR disabled: no PP-OCRv4 worker started (OCR_ENGINE=tesseract reads with tesseract.js alone)');
      return;
    }
    if (!paddle && !tesseract) {
      this.logger.error('OCR disabled: no worker started');
      return;
    }
    this.reader = new DocumentReader({ lines: paddle, zones: tesseract }, this.config.uploads, { districtCode: this.config.districtCode });
    this.logger.log(`OCR ready: ${paddle ? `${paddle.size} PP-OCRv4 worker(s), ` : ''}${tesseract?.size ?? 0} tesseract.js worker(s)`);
  }

  private async startPaddle(size: number, jobTimeoutMs: number): Promise<PaddlePool | null> {
    const pool = new PaddlePool({ size, startTimeoutMs: START_TIMEOUT_MS, jobTimeoutMs, maxQueue: size * 8, onError: this.onError });
    await pool.start();
    if (pool.size > 0) return pool;
    await pool.stop();
    return null;
  }

  private async startTesseract(size: number, jobTimeoutMs: number): Promise<TesseractPool | null> {
    let language;
    try {
      language = resolveLanguageData();
    } catch (e) {
      this.logger.error(`tesseract.js disabled: ${(e as Error).message}`);
      return null;
    }
    const pool = new TesseractPool({ size, language, startTimeoutMs: START_TIMEOUT_MS, jobTimeoutMs, maxQueue: size * 8, onError: this.onError });
    await pool.start();
    if (pool.size > 0) return pool;
    await pool.stop();
    return null;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.paddle?.stop(), this.tesseract?.stop()]);
    this.paddle = null;
    this.tesseract = null;
    this.reader = null;
  }

  get available(): boolean {
    return this.reader !== null && ((this.paddle?.size ?? 0) > 0 || (this.tesseract?.size ?? 0) > 0);
  }

  /** Runs a read, turning the pools' failures into the API's errors. */
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
