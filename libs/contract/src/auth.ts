/** Signing in and who am I. */
import type { Role } from '@zczr/domain';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Me {
  id: string;
  /** Staff's login name. */
  username: string | null;
  role: Role;
  displayName: string;
  realName: string | null;
  idNumberMasked: string | null;
  /** Real-name identity verified (face check or confirmed by staff). */
  identityVerified: boolean;
  regionCode: string | null;
  /** e.g. "温江区 柳城街道". */
  regionName: string | null;
  gridIds: string[];
  householdId: string | null;
}

export interface WechatLoginBody {
  code: string;
}

export interface StaffLoginBody {
  username: string;
  password: string;
  totp: string;
}

export interface RefreshBody {
  refreshToken: string;
}

export interface DemoLoginBody {
  role: Role;
}

export interface BindIdentityBody {
  realName: string;
  idNumber: string;
  consentToIdentityProcessing: boolean;
  faceVerifyResult?: string;
}

export interface ConfirmIdentityBody {
  confirm: boolean;
  reason: string;
}
