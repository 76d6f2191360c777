import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** What a face check proved: whose face, for which name and ID number. */
export interface RealNameClaim {
  openid: string | null;
  realName: string;
  idNumber: string;
  /** The ticket the phone got from the face check (WeChat: `verifyResult` of wx.startFacialRecognitionVerify). */
  verifyResult: string;
}

/** Proves that the person on the phone is the person named. */
export abstract class RealNameVerifier {
  /** Resolves true when the check passed for exactly this name, ID number and account. */
  abstract verify(claim: RealNameClaim): Promise<boolean>;
}

/** The ticket the demo's stand-in face check issues (demo mode only: config refuses it in production). */
export const DEMO_FACE_TICKET = 'demo-face-pass';

@Injectable()
export class DemoRealNameVerifier extends RealNameVerifier {
  verify(claim: RealNameClaim): Promise<boolean> {
    return Promise.resolve(claim.verifyResult === DEMO_FACE_TICKET);
  }
}

interface TokenAnswer { access_token?: string; expires_in?: number; errcode?: number }
interface FaceAnswer {
  errcode?: number;
  identify_ret?: number;
  openid?: string;
  id_card_number_md5?: string;
  name_utf8_md5?: string;
}

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/**
 * WeChat's 人脸核身 (cityservice/face/identify/getinfo): the ticket is exchanged for the result of the
 * check against the public-security photo, with digests of the name and ID number that were checked.
 */
@Injectable()
export class WechatRealNameVerifier extends RealNameVerifier {
  private token: { value: string; until: number } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async verify(claim: RealNameClaim): Promise<boolean> {
    const answer = await this.call<FaceAnswer>('/cityservice/face/identify/getinfo', { verify_result: claim.verifyResult });
    if (answer.errcode || answer.identify_ret !== 0) return false;
    if (claim.openid && answer.openid !== claim.openid) return false;
    return answer.id_card_number_md5?.toLowerCase() === md5(claim.idNumber.toUpperCase()) && answer.name_utf8_md5?.toLowerCase() === md5(claim.realName);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const { appId, secret, apiBase } = this.config.wechat;
    const url = new URL('/cgi-bin/token', apiBase);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret }).toString();
    const answer = await this.fetchJson<TokenAnswer>(url, undefined);
    if (!answer.access_token) throw new AppError('WECHAT_UNAVAILABLE');
    this.token = { value: answer.access_token, until: Date.now() + Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000 };
    return answer.access_token;
  }

  private async call<T>(path: string, body: unknown): Promise<T> {
    const url = new URL(path, this.config.wechat.apiBase);
    url.search = new URLSearchParams({ access_token: await this.accessToken() }).toString();
    return this.fetchJson<T>(url, body);
  }

  private async fetchJson<T>(url: URL, body: unknown): Promise<T> {
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
}
