import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { SharedCounters } from './shared-counters.js';

/** express-rate-limit's store on the shared counters: one count across every API process. */
export class SharedRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly counters: SharedCounters,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const hit = await this.counters.hit(`${this.prefix}:${key}`, this.windowMs);
    return { totalHits: hit.count, resetTime: new Date(hit.resetAt) };
  }

  async get(key: string): Promise<IncrementResponse | undefined> {
    const hit = await this.counters.get(`${this.prefix}:${key}`);
    return hit ? { totalHits: hit.count, resetTime: new Date(hit.resetAt) } : undefined;
  }

  decrement(key: string): Promise<void> {
    return this.counters.decrement(`${this.prefix}:${key}`);
  }

  resetKey(key: string): Promise<void> {
    return this.counters.reset(`${this.prefix}:${key}`);
  }
}
