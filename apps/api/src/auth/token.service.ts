import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@zczr/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AppError } from '../common/errors.js';
import type { UserEntity } from './user.entity.js';

interface AccessClaims {
  sub: string;
  role: Role;
  typ: 'access';
}
interface RefreshClaims {
  sub: string;
  ver: number;
  typ: 'refresh';
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Access tokens whose signature was checked, kept until they expire (at most this many). */
const VERIFIED_MAX = 10_000;

@Injectable()
export class TokenService {
  /**
   * Every request carries its access token; checking the HMAC each time was about 0.13 ms, 2–3% of
   * a submission's CPU and more of a light read's. A token string verified once is the same token
   * until its `exp`: kept here by its exact text, so a token altered by one character is checked
   * (and refused) afresh.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(user: UserEntity): TokenPair {
    const access: AccessClaims = { sub: user.id, role: user.role, typ: 'access' };
    const refresh: RefreshClaims = { sub: user.id, ver: user.tokenVersion, typ: 'refresh' };
    return {
      accessToken: this.jwt.sign(access, { expiresIn: this.config.jwtAccessTtlSeconds }),
      refreshToken: this.jwt.sign(refresh, { expiresIn: this.config.jwtRefreshTtlSeconds }),
      expiresIn: this.config.jwtAccessTtlSeconds,
    };
  }

  verifyAccess(token: string): AccessClaims {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expMs > Date.now()) return hit.claims;
      this.verified.delete(token);
    }
    const claims = this.verify<AccessClaims & { exp: number }>(token);
    if (claims.typ !== 'access') throw new AppError('TOKEN_INVALID');
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(token, { claims, expMs: claims.exp * 1000 });
    return claims;
  }

  verifyRefresh(token: string): RefreshClaims {
    const claims = this.verify<RefreshClaims>(token);
    if (claims.typ !== 'refresh') throw new AppError('TOKEN_INVALID');
    return claims;
  }

  private verify<T extends object>(token: string): T & { exp: number } {
    try {
      const claims = this.jwt.verify<T & { exp?: unknown }>(token, { algorithms: ['HS256'] });
      // A token without an expiry would be good forever: never accepted, whoever signed it.
      if (typeof claims.exp !== 'number') throw new Error('no exp');
      return claims as T & { exp: number };
    } catch {
      throw new AppError('TOKEN_INVALID');
    }
  }
}
