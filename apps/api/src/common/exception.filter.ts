import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ERRORS, ErrorCode, ErrorDetail } from './errors.js';
import { JSON_TOO_DEEP_TYPE } from './json-depth.js';
import { OUTAGE_RETRY_AFTER_SECONDS, outageOf } from './outage.js';

interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

/** Maps framework HTTP errors (body parser, routing, validation) onto our stable codes. */
function fromHttpException(e: HttpException): ErrorBody {
  const status = e.getStatus();
  const res = e.getResponse();
  if (typeof res === 'object' && res !== null && 'code' in res && 'message' in res) return res as ErrorBody;
  // Nest's Express adapter re-wraps body-parser errors, keeping their message.
  if (e.message.startsWith(JSON_TOO_DEEP_TYPE)) return { code: 'JSON_TOO_DEEP', message: ERRORS.JSON_TOO_DEEP[1] };
  switch (status) {
    case HttpStatus.NOT_FOUND:
      return { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND[1] };
    case HttpStatus.UNAUTHORIZED:
      return { code: 'UNAUTHENTICATED', message: ERRORS.UNAUTHENTICATED[1] };
    case HttpStatus.FORBIDDEN:
      return { code: 'FORBIDDEN', message: ERRORS.FORBIDDEN[1] };
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return { code: 'PAYLOAD_TOO_LARGE', message: ERRORS.PAYLOAD_TOO_LARGE[1] };
    case HttpStatus.TOO_MANY_REQUESTS:
      return { code: 'TOO_MANY_REQUESTS', message: ERRORS.TOO_MANY_REQUESTS[1] };
    default:
      return { code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST[1] };
  }
}

/** Express' body parser throws plain errors carrying a `status` (400 bad JSON, 413 too large). */
function isClientHttpError(e: unknown): e is { status: number; type?: string } {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' && s >= 400 && s < 500;
}

/** The one exception filter: every error leaves as `{ code, message }`, internals never leak. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status: number;
    let body: ErrorBody;
    if (exception instanceof AppError) {
      status = exception.status;
      body = { code: exception.code, message: exception.userMessage, ...(exception.details ? { details: exception.details } : {}) };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      body = fromHttpException(exception);
      if (status >= 500) {
        this.logger.error(exception);
        body = { code: 'INTERNAL', message: ERRORS.INTERNAL[1] };
      }
    } else if (isClientHttpError(exception)) {
      status = exception.status;
      body =
        exception.type === JSON_TOO_DEEP_TYPE
          ? { code: 'JSON_TOO_DEEP', message: ERRORS.JSON_TOO_DEEP[1] }
          : status === 413
            ? { code: 'PAYLOAD_TOO_LARGE', message: ERRORS.PAYLOAD_TOO_LARGE[1] }
            : { code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST[1] };
    } else if (outageOf(exception)) {
      // The database or Redis is unreachable: a stable 503 the client may retry, not a bare 500.
      const code = outageOf(exception)!;
      status = HttpStatus.SERVICE_UNAVAILABLE;
      body = { code, message: ERRORS[code][1] };
      this.logOutage(code, exception);
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      body = { code: 'INTERNAL', message: ERRORS.INTERNAL[1] };
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.headersSent) return;
    if (body.code === 'DATABASE_UNAVAILABLE' || body.code === 'CACHE_UNAVAILABLE') res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res.status(status).json(body);
  }

  private lastOutageLog = 0;

  /** One line per outage every few seconds, not a stack per request. */
  private logOutage(code: string, e: unknown): void {
    const now = Date.now();
    if (now - this.lastOutageLog < 5000) return;
    this.lastOutageLog = now;
    this.logger.warn(`${code}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
