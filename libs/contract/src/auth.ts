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
  /** Resident: the second demo resident, not yet bound (the first visit). */
  firstVisit?: boolean;
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

// ---- 个人中心: a staff member changes their own password and second factor ----------------------

/** Both changes are confirmed with the current password and a current TOTP code. */
export interface ChangePasswordBody {
  currentPassword: string;
  totp: string;
  newPassword: string;
}

export interface StartTotpChangeBody {
  currentPassword: string;
  totp: string;
}

/** A new secret to enter into the authenticator app; it takes effect only once a code from it is confirmed. */
export interface TotpChallenge {
  totpSecret: string;
  otpauthUrl: string;
  /** Opaque, good for 10 minutes: sent back with the first code of the new secret. */
  ticket: string;
}

export interface ConfirmTotpChangeBody {
  ticket: string;
  totp: string;
}
