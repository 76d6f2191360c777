import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { GridResponse, RegionNode, RegionsService } from './regions.service.js';

@ApiTags('regions 行政区划与网格')
@ApiBearerAuth()
@Controller('v1')
export class RegionsController {
  constructor(private readonly service: RegionsService) {}

  @Get('regions')
  tree(@Auth() auth: AuthContext): Promise<RegionNode[]> {
    return this.service.tree(auth);
  }

  @Get('grids')
  @ApiQuery({ name: 'communityCode', required: false })
  grids(@Auth() auth: AuthContext, @Query('communityCode') communityCode?: string): Promise<GridResponse[]> {
    return this.service.grids(auth, typeof communityCode === 'string' ? communityCode : undefined);
  }
}
