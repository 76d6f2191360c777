import type { LoggerService } from '@nestjs/common';
import { maskSensitiveText } from '@zczr/domain';
import { pino, type Logger as Pino } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';

/** Deep-masks ID numbers and phones in anything about to be logged. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSensitiveText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: maskSensitiveText(value.message), stack: value.stack && maskSensitiveText(value.stack) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/** Structured logs (pino): no bodies, no tokens, and no unmasked ID number or phone anywhere. */
export function createPino(config: AppConfig, destination?: NodeJS.WritableStream): Pino {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      formatters: { log: (obj: Record<string, unknown>) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a: unknown) => (typeof a === 'string' ? maskSensitiveText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? process.stdout,
  );
}

/** One line per HTTP request: method, masked URL, status, time. */
export function httpLogger(logger: Pino): HttpLogger {
  return pinoHttp({
    logger,
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: maskSensitiveText(req.url ?? ''),
        remoteAddress: req.remoteAddress,
      }),
      // The wrapped response reports null until headers are flushed; the raw one has the real status.
      res: (res: { statusCode?: number | null; raw?: { statusCode?: number } }) => ({ statusCode: res.raw?.statusCode ?? res.statusCode ?? null }),
    },
    autoLogging: { ignore: (req) => req.url === '/api/health' },
  });
}

/** Nest's start-up chatter (one line per module and route) is debug, not info. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's own log calls (bootstrap, exceptions) go through the same masked pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Pino) {}

  log(message: unknown, context?: string): void {
    if (context && CHATTY_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, message instanceof Error ? message.message : String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
