import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** How long a Redis command may wait before the request is answered 503 CACHE_UNAVAILABLE. */
const COMMAND_TIMEOUT_MS = 2500;

/**
 * The Redis connection shared by the API processes (REDIS_URL), or nothing: without it every piece
 * of shared state lives in this process. Commands never queue while Redis is away (no offline
 * queue, one retry): they fail at once and the caller answers 503 CACHE_UNAVAILABLE; the client
 * reconnects by itself. A second connection carries the pub/sub subscription.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  client: Redis | null = null;
  subscriber: Redis | null = null;
  readonly prefix: string;
  private lastErrorLog = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = config.redis?.prefix ?? 'zczr';
  }

  get enabled(): boolean {
    return this.config.redis !== null;
  }

  /** Connected and answering commands (always true without Redis: nothing to be down). */
  get up(): boolean {
    return !this.client || this.client.status === 'ready';
  }

  async onModuleInit(): Promise<void> {
    const url = this.config.redis?.url;
    if (!url) return;
    const options = {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 5000,
      commandTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 1000),
    };
    this.client = new Redis(url, options);
    // The subscriber keeps its subscription across reconnects (ioredis re-subscribes by itself).
    this.subscriber = new Redis(url, { ...options, commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null, enableReadyCheck: false });
    for (const c of [this.client, this.subscriber]) c.on('error', (e: Error) => this.logError(e));
    // Boot waits a little for Redis, then goes on: requests that need it answer 503 until it is back.
    await Promise.race([
      new Promise<void>((resolve) => this.client!.once('ready', () => resolve())),
      new Promise<void>((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
    if (!this.up) this.logger.warn('Redis not reachable at start; requests that need it answer 503 until it is back');
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of [this.client, this.subscriber]) c?.disconnect();
  }

  /** A key or channel name under this deployment's prefix. */
  key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  /** Runs Redis commands; any failure of Redis becomes 503 CACHE_UNAVAILABLE. */
  async run<T>(work: (r: Redis) => Promise<T>): Promise<T> {
    if (!this.client) throw new Error('Redis is not configured');
    try {
      return await work(this.client);
    } catch (e) {
      this.logError(e as Error);
      throw new AppError('CACHE_UNAVAILABLE');
    }
  }

  /** Answers within `timeoutMs`: true when Redis replied to PING. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    if (!this.client) return true;
    if (this.client.status !== 'ready') return false;
    try {
      return await Promise.race([
        this.client.ping().then((r) => r === 'PONG'),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]);
    } catch {
      return false;
    }
  }

  private logError(e: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < 5000) return;
    this.lastErrorLog = now;
    this.logger.warn(`Redis: ${e.message}`);
  }
}
