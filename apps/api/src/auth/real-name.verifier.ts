import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { WechatAccessToken } from './wechat-access-token.js';

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
  constructor(private readonly token: WechatAccessToken) {
    super();
  }

  async verify(claim: RealNameClaim): Promise<boolean> {
    const answer = await this.token.call<FaceAnswer>('/cityservice/face/identify/getinfo', { verify_result: claim.verifyResult });
    if (answer.errcode || answer.identify_ret !== 0) return false;
    if (claim.openid && answer.openid !== claim.openid) return false;
    return answer.id_card_number_md5?.toLowerCase() === md5(claim.idNumber.toUpperCase()) && answer.name_utf8_md5?.toLowerCase() === md5(claim.realName);
  }
}
