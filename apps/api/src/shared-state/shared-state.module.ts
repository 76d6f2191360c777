import { Global, Module } from '@nestjs/common';
import { InvalidationBus } from './invalidation-bus.js';
import { RedisService } from './redis.service.js';
import { SharedCounters } from './shared-counters.js';

/** State the API processes share: Redis (optional), counters, and cache invalidation. */
@Global()
@Module({
  providers: [RedisService, SharedCounters, InvalidationBus],
  exports: [RedisService, SharedCounters, InvalidationBus],
})
export class SharedStateModule {}
