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

@Injectable()
export class TokenService {
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
    const claims = this.verify<AccessClaims>(token);
    if (claims.typ !== 'access') throw new AppError('TOKEN_INVALID');
    return claims;
  }

  verifyRefresh(token: string): RefreshClaims {
    const claims = this.verify<RefreshClaims>(token);
    if (claims.typ !== 'refresh') throw new AppError('TOKEN_INVALID');
    return claims;
  }

  private verify<T extends object>(token: string): T {
    try {
      const claims = this.jwt.verify<T & { exp?: unknown }>(token, { algorithms: ['HS256'] });
      // A token without an expiry would be good forever: never accepted, whoever signed it.
      if (typeof claims.exp !== 'number') throw new Error('no exp');
      return claims;
    } catch {
      throw new AppError('TOKEN_INVALID');
    }
  }
}
