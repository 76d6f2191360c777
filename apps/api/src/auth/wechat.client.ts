import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppError } from '../common/errors.js';

interface Code2SessionAnswer {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** Client of WeChat's auth.code2Session (`/sns/jscode2session`): exchanges a mini-program login code for an openid. */
@Injectable()
export class WechatClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
    const { appId, secret, apiBase } = this.config.wechat;
    const url = new URL('/sns/jscode2session', apiBase);
    url.search = new URLSearchParams({ appid: appId, secret, js_code: code, grant_type: 'authorization_code' }).toString();
    let answer: Code2SessionAnswer;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      answer = (await res.json()) as Code2SessionAnswer;
    } catch {
      throw new AppError('WECHAT_UNAVAILABLE');
    }
    if (answer.errcode || !answer.openid) throw new AppError('WECHAT_LOGIN_FAILED');
    return { openid: answer.openid, ...(answer.unionid ? { unionid: answer.unionid } : {}) };
  }
}
