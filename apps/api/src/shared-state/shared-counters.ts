import { Injectable } from '@nestjs/common';
import { RedisService } from './redis.service.js';

export interface Hit {
  count: number;
  /** When the window ends (epoch ms). */
  resetAt: number;
}

const MEMORY_LIMIT = 100_000;

/** INCR in a fixed window: the first hit sets the window's expiry; returns [count, ms left]. */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/**
 * Fixed-window counters and timed locks that every API process sees: in Redis when REDIS_URL is
 * set (keys `<prefix>:rl:…`), else in this process's memory. Login rate limits, the identity-binding
 * throttle and the lockout of unknown user names count here, so N processes do not give N times
 * the attempts. With Redis unreachable, calls throw 503 CACHE_UNAVAILABLE (never silently allow).
 */
@Injectable()
export class SharedCounters {
  private readonly memory = new Map<string, { n: number; until: number }>();

  constructor(private readonly redis: RedisService) {}

  async hit(key: string, windowMs: number): Promise<Hit> {
    const now = Date.now();
    if (this.redis.enabled) {
      const [n, ttl] = await this.redis.run((r) => r.eval(HIT_SCRIPT, 1, this.redis.key(`rl:${key}`), String(windowMs)) as Promise<[number, number]>);
      return { count: Number(n), resetAt: now + Number(ttl) };
    }
    let e = this.memory.get(key);
    if (!e || e.until <= now) {
      if (this.memory.size >= MEMORY_LIMIT) this.sweep(now);
      e = { n: 0, until: now + windowMs };
      this.memory.set(key, e);
    }
    e.n += 1;
    return { count: e.n, resetAt: e.until };
  }

  async decrement(key: string): Promise<void> {
    if (this.redis.enabled) {
      await this.redis.run((r) =>
        r.eval(
          `if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`,
          1,
          this.redis.key(`rl:${key}`),
        ),
      );
      return;
    }
    const e = this.memory.get(key);
    if (e && e.n > 0) e.n -= 1;
  }

  async get(key: string): Promise<Hit | null> {
    const now = Date.now();
    if (this.redis.enabled) {
      const [n, ttl] = await this.redis.run((r) =>
        r
          .multi()
          .get(this.redis.key(`rl:${key}`))
          .pttl(this.redis.key(`rl:${key}`))
          .exec()
          .then((res) => [res?.[0]?.[1], res?.[1]?.[1]] as [string | null, number]),
      );
      return n === null || n === undefined ? null : { count: Number(n), resetAt: now + Math.max(0, Number(ttl)) };
    }
    const e = this.memory.get(key);
    return e && e.until > now ? { count: e.n, resetAt: e.until } : null;
  }

  async reset(key: string): Promise<void> {
    if (this.redis.enabled) {
      await this.redis.run((r) => r.del(this.redis.key(`rl:${key}`)));
      return;
    }
    this.memory.delete(key);
  }

  /** Sets a lock that lasts `ms` (a counter at 1 until it expires). */
  async lock(key: string, ms: number): Promise<void> {
    if (this.redis.enabled) {
      await this.redis.run((r) => r.set(this.redis.key(`rl:${key}`), '1', 'PX', ms));
      return;
    }
    this.memory.set(key, { n: 1, until: Date.now() + ms });
  }

  async locked(key: string): Promise<boolean> {
    return (await this.get(key)) !== null;
  }

  private sweep(now: number): void {
    for (const [k, e] of this.memory) if (e.until <= now) this.memory.delete(k);
    if (this.memory.size >= MEMORY_LIMIT) this.memory.clear();
  }
}
