import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { ERRORS } from './common/errors.js';
import { OUTAGE_RETRY_AFTER_SECONDS } from './common/outage.js';
import { rejectDeepJson } from './common/json-depth.js';
import { PinoNestLogger, createPino, httpLogger } from './common/logging.js';
import type { AppConfig } from './config/app-config.js';
import { PoliciesService } from './policies/policies.service.js';
import { DemoSeedService } from './seed/demo-seed.service.js';
import { SharedRateLimitStore } from './shared-state/rate-limit-store.js';
import { SharedCounters } from './shared-state/shared-counters.js';

/** Serves a built single-page app under a prefix, falling back to its index.html. */
function serveSpa(app: NestExpressApplication, prefix: string, dir: string): void {
  if (!existsSync(join(dir, 'index.html'))) return;
  app.use(prefix, express.static(dir, { index: 'index.html', maxAge: '1h' }));
  app.use(prefix, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET') return next();
    res.sendFile(join(dir, 'index.html'));
  });
}

/** Builds the whole application: used by main.ts, the tests and the benchmarks. */
export async function createApp(config: AppConfig, opts: { seed?: boolean; logDestination?: NodeJS.WritableStream } = {}): Promise<NestExpressApplication> {
  const logger = createPino(config, opts.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.use(httpLogger(logger));
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (none by default).
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'script-src': ["'self'"] } } }));
  app.use(express.json({ limit: config.bodyLimit, verify: rejectDeepJson(config.jsonMaxDepth) }));
  // Brute-force protection on sign-in, per client address (lockout per account is in AuthService),
  // counted across every API process (Redis when REDIS_URL is set).
  const counters = app.get(SharedCounters);
  const limiter = (prefix: string, windowMs: number, limit: number): express.RequestHandler => {
    const inner = rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: new SharedRateLimitStore(counters, prefix),
      handler: (_req, res) => res.status(429).json({ code: 'TOO_MANY_REQUESTS', message: ERRORS.TOO_MANY_REQUESTS[1] }),
    });
    // A store that cannot count (Redis down) answers 503, never lets the request through uncounted.
    return (req, res, next) =>
      void inner(req, res, (err?: unknown) => {
        if (!err) return next();
        res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
        res.status(503).json({ code: 'CACHE_UNAVAILABLE', message: ERRORS.CACHE_UNAVAILABLE[1] });
      });
  };
  app.use(['/api/v1/auth/login', '/api/v1/auth/wechat-login', '/api/v1/auth/refresh'], limiter('login', 60_000, config.login.ratePerMinute));
  app.use('/api/v1/auth/bind-identity', limiter('bind', 60 * 60_000, 30));
  app.setGlobalPrefix('api');
  const doc = new DocumentBuilder()
    .setTitle('政策找人 API')
    .setDescription('社会救助“政策找人”平台接口。错误统一返回 { code, message }，code 为稳定的英文代码，message 为中文说明。')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  serveSpa(app, '/admin', config.staticDirs.admin);
  serveSpa(app, '/h5', config.staticDirs.h5);
  app.enableShutdownHooks();
  await app.init();
  // A worker-only process takes job shards; seeding belongs to the API processes.
  if (config.processRole === 'worker') return app;
  await app.get(PoliciesService).seedLibraryIfEmpty();
  if (opts.seed ?? true) await app.get(DemoSeedService).run();
  await app.get(DemoSeedService).disableDemoAccounts();
  return app;
}

export type App = INestApplication;
