import { Inject, Injectable } from '@nestjs/common';
import { WechatAccessToken } from '../auth/wechat-access-token.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { MessageText } from './message-text.js';

interface SendAnswer {
  errcode?: number;
  errmsg?: string;
}

/** errcodes that mean the access token went stale: fetched again and retried once. */
const TOKEN_STALE = new Set([40001, 40014, 42001]);

/** Client of WeChat's subscribeMessage.send (`/cgi-bin/message/subscribe/send`). */
@Injectable()
export class WechatMessagesClient {
  constructor(
    private readonly token: WechatAccessToken,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends one message; resolves WeChat's errcode (0 = sent). Rejects (WECHAT_UNAVAILABLE) when WeChat cannot be reached. */
  async send(openid: string, templateId: string, page: string, text: MessageText): Promise<number> {
    const body = {
      touser: openid,
      template_id: templateId,
      page,
      miniprogram_state: this.config.wechat.messageState,
      lang: 'zh_CN',
      data: Object.fromEntries(text.fields.map((f) => [f.key, { value: f.value }])),
    };
    let answer = await this.token.call<SendAnswer>('/cgi-bin/message/subscribe/send', body);
    if (answer.errcode && TOKEN_STALE.has(answer.errcode)) {
      this.token.invalidate();
      answer = await this.token.call<SendAnswer>('/cgi-bin/message/subscribe/send', body);
    }
    return answer.errcode ?? 0;
  }
}
