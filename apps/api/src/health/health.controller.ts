import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators.js';

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ok' | 'error'; database: 'up' | 'down'; dialect: string }> {
    const dialect = this.dataSource.options.type;
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up', dialect };
    } catch {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', database: 'down', dialect };
    }
  }
}
