import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { AcceptSubscriptionsDto, MessageTemplateDto, NotificationDto } from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications 订阅消息')
@ApiBearerAuth()
@Roles('resident')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @Get('subscriptions')
  @ApiOperation({ summary: '居民：可订阅的消息模板，以及每种还能收到几条' })
  @ApiOkResponse({ type: [MessageTemplateDto] })
  templates(@Auth() auth: AuthContext): Promise<MessageTemplateDto[]> {
    return this.service.templates(auth);
  }

  @Post('subscriptions')
  @HttpCode(200)
  @ApiOperation({ summary: '居民：记录在 wx.requestSubscribeMessage 中同意的模板（每同意一次可发送一条）' })
  @ApiOkResponse({ type: [MessageTemplateDto] })
  accept(@Auth() auth: AuthContext, @Body() dto: AcceptSubscriptionsDto): Promise<MessageTemplateDto[]> {
    return this.service.accept(auth, dto.accepted);
  }

  @Get()
  @ApiOperation({ summary: '居民：我的消息（政策找到您、审核结果），最近 50 条' })
  @ApiOkResponse({ type: [NotificationDto] })
  list(@Auth() auth: AuthContext): Promise<NotificationDto[]> {
    return this.service.list(auth);
  }
}
