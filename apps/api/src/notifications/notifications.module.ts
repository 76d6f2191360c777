import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { ScreeningsModule } from '../screenings/screenings.module.js';
import { SubmissionsModule } from '../submissions/submissions.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { WechatMessagesClient } from './wechat-messages.client.js';

/** 订阅消息: "the policy found you" after a screening, and review results of a resident's report. */
@Module({
  imports: [ScreeningsModule, SubmissionsModule, EligibilityModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, WechatMessagesClient],
})
export class NotificationsModule {}
