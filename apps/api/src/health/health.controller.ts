import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators.js';
import { OUTAGE_RETRY_AFTER_SECONDS } from '../common/outage.js';
import { RedisService } from '../shared-state/redis.service.js';

type Part = 'up' | 'down';

export interface HealthDto {
  status: 'ok' | 'error';
  database: Part;
  /** Redis (shared state between processes): 'off' when REDIS_URL is not set. */
  cache: Part | 'off';
  dialect: string;
}

const within = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  /** 200 when every part answers; 503 with Retry-After naming the part that is down. Answers within about 2 s. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const dialect = this.dataSource.options.type;
    const [database, cache] = await Promise.all([
      within(
        this.dataSource.query('SELECT 1').then(
          (): Part => 'up',
          (): Part => 'down',
        ),
        2000,
        'down' as Part,
      ),
      this.redis.enabled ? this.redis.ping(1000).then((ok): Part => (ok ? 'up' : 'down')) : Promise.resolve('off' as const),
    ]);
    const ok = database === 'up' && cache !== 'down';
    if (!ok) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    }
    return { status: ok ? 'ok' : 'error', database, cache, dialect };
  }
}
