import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
}

/**
 * The mini-program's access_token for WeChat's server APIs (人脸核身, 订阅消息), one per process:
 * fetching a new token retires the old one after a few minutes, so every caller shares this cache.
 */
@Injectable()
export class WechatAccessToken {
  private token: { value: string; until: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  /** After WeChat answers 40001/42001 (token invalid or expired): fetch a fresh one next time. */
  invalidate(): void {
    this.token = null;
  }

  /** POSTs `body` as JSON to a WeChat API path with the access token; WECHAT_UNAVAILABLE on any transport failure. */
  async call<T>(path: string, body: unknown): Promise<T> {
    const url = new URL(path, this.config.wechat.apiBase);
    url.search = new URLSearchParams({ access_token: await this.get() }).toString();
    return fetchJson<T>(url, body);
  }

  private async fetchToken(): Promise<string> {
    const { appId, secret, apiBase } = this.config.wechat;
    const url = new URL('/cgi-bin/token', apiBase);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret }).toString();
    const answer = await fetchJson<TokenAnswer>(url, undefined);
    if (!answer.access_token) throw new AppError('WECHAT_UNAVAILABLE');
    this.token = { value: answer.access_token, until: Date.now() + Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000 };
    return answer.access_token;
  }
}

async function fetchJson<T>(url: URL, body: unknown): Promise<T> {
  try {
    const res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as T;
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE');
  }
}
