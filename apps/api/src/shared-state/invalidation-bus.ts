import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RedisService } from './redis.service.js';

const ECHO_WITHIN_MS = 3000;

/** What a process may have cached and another process may change. */
export type Topic =
  /** A user's access (status, role, grids, household): payload = user id. */
  | 'auth.user'
  /** The published policy library and its parameters. */
  | 'policies'
  /** One household's facts in the preview store: payload = household id. */
  | 'facts.household'
  /** The whole preview store (a screening finished elsewhere). */
  | 'facts.all'
  /** Figures over many households (the dashboard): a screening, monitoring run or import finished. */
  | 'aggregates'
  /** A process's own heartbeat: proves its subscription still delivers. */
  | 'echo';

/** `null`: forget everything of this topic (sent after a reconnect, when messages may have been missed). */
export type Handler = (payload: string | null) => void;

interface Message {
  o: string;
  t: Topic;
  p: string | null;
}

/**
 * Tells every API process to drop what it cached. Without Redis, handlers run in this process only
 * (as before). With Redis, a publish runs the local handlers at once and is sent on one pub/sub
 * channel; the other processes run theirs when it arrives (well under a second). When the
 * subscription drops, `reliable` turns false (caches should not be trusted) and, once it is back,
 * every handler is told to forget everything, since messages sent meanwhile are lost.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('InvalidationBus');
  private readonly handlers = new Map<Topic, Handler[]>();
  private readonly origin = randomUUID();
  private subscribed = false;
  /** When this process last heard its own heartbeat on the channel. */
  private lastEcho = 0;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly redis: RedisService) {}

  private get channel(): string {
    return this.redis.key('invalidate');
  }

  /**
   * True when every change made elsewhere reaches this process (always, without Redis): subscribed,
   * connected, and its own heartbeat (sent every second) came back within the last three seconds.
   */
  get reliable(): boolean {
    return !this.redis.enabled || (this.subscribed && this.redis.subscriber?.status === 'ready' && Date.now() - this.lastEcho < ECHO_WITHIN_MS);
  }

  onApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  async onModuleInit(): Promise<void> {
    const sub = this.redis.subscriber;
    if (!sub) return;
    sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        const m = JSON.parse(raw) as Message;
        if (m.t === 'echo') {
          if (m.o === this.origin) this.lastEcho = Date.now();
        } else if (m.o !== this.origin) this.dispatch(m.t, m.p);
      } catch {
        this.logger.warn('ignored a malformed invalidation message');
      }
    });
    sub.on('ready', () => {
      // Connected again: what was published meanwhile is lost, so forget everything, and make sure
      // the subscription is there (SUBSCRIBE is idempotent).
      if (!this.subscribed) return;
      for (const t of this.handlers.keys()) this.dispatch(t, null);
      sub.subscribe(this.channel).catch((e: Error) => this.logger.warn(`re-subscribe failed: ${e.message}`));
    });
    // Subscribe once the connection is ready (a SUBSCRIBE queued before it would put the connection
    // in subscriber mode under ioredis' own ready check); ioredis re-subscribes after a reconnect.
    // Boot waits up to 5 s for it; until it is done, caches are bypassed.
    const subscribe = (): Promise<void> =>
      sub.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
        },
        (e: Error) => this.logger.warn(`subscribe failed: ${e.message}`),
      );
    const subscribing = sub.status === 'ready' ? subscribe() : new Promise<void>((resolve) => sub.once('ready', () => void subscribe().then(resolve)));
    const echo = JSON.stringify({ o: this.origin, t: 'echo', p: null } satisfies Message);
    this.heartbeat = setInterval(() => {
      this.redis.client?.publish(this.channel, echo).catch(() => undefined);
    }, 1000).unref();
    await Promise.race([subscribing, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (this.subscribed) this.redis.client?.publish(this.channel, echo).catch(() => undefined);
    if (!this.subscribed) this.logger.warn('not subscribed yet; caches are bypassed until Redis is back');
  }

  on(topic: Topic, handler: Handler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** Invalidates here at once (unless `here` is false: this process is current already), and in every other process when Redis is there. */
  publish(topic: Topic, payload: string | null = null, here = true): void {
    if (here) this.dispatch(topic, payload);
    const client = this.redis.client;
    if (!client) return;
    const message = JSON.stringify({ o: this.origin, t: topic, p: payload } satisfies Message);
    void this.send(message, topic);
  }

  /**
   * Fire and forget, retried for about two seconds (a busy or reconnecting client): the change is
   * stored already; if it never gets through, other processes' caches still expire on their own
   * (the auth cache within seconds), and they bypass them while their own subscription is down.
   */
  private async send(message: string, topic: Topic): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.redis.client!.publish(this.channel, message);
        return;
      } catch (e) {
        if (attempt >= 8) {
          this.logger.warn(`publish ${topic} failed: ${(e as Error).message}`);
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private dispatch(topic: Topic, payload: string | null): void {
    for (const h of this.handlers.get(topic) ?? []) {
      try {
        h(payload);
      } catch (e) {
        this.logger.warn(`invalidation handler for ${topic} failed: ${(e as Error).message}`);
      }
    }
  }
}
