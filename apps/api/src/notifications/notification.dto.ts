import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import type { AcceptSubscriptionsBody, MessageTemplate, NotificationView } from '@zczr/contract';
import { MESSAGE_KINDS, type MessageKind, type NotificationStatus } from './notification.entity.js';

export class MessageTemplateDto implements MessageTemplate {
  @ApiProperty({ enum: MESSAGE_KINDS }) kind: MessageKind;
  @ApiProperty({ description: '微信订阅消息模板 ID（wx.requestSubscribeMessage 的 tmplIds）' }) templateId: string;
  @ApiProperty({ description: '用途说明' }) title: string;
  @ApiProperty({ description: '还可以发送的条数（每次同意订阅可发一条）' }) remaining: number;
}

export class AcceptSubscriptionsDto implements AcceptSubscriptionsBody {
  @ApiProperty({ type: [String], description: 'wx.requestSubscribeMessage 返回为 accept 的模板 ID' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  accepted: string[];
}

export class NotificationFieldDto {
  @ApiProperty() label: string;
  @ApiProperty() value: string;
}

export class NotificationDto implements NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind: MessageKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: [NotificationFieldDto] }) fields: NotificationFieldDto[];
  @ApiProperty({ description: '点开后进入的页面' }) page: string;
  @ApiProperty({
    enum: ['sent', 'recorded', 'failed', 'not_subscribed'],
    description: 'sent 已通过微信发送；recorded 演示环境只记录；failed 发送失败；not_subscribed 未订阅，仅在小程序内可见',
  })
  status: NotificationStatus;
  @ApiProperty() createdAt: string;
}
