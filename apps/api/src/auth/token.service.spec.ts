import { jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';
import type { UserEntity } from './user.entity.js';
import { TokenService } from './token.service.js';

const secret = 'a-test-secret-of-enough-length-0123456789';
const jwt = new JwtService({ secret: createSecretKey(Buffer.from(secret)), signOptions: { algorithm: 'HS256' } });
const config = { jwtAccessTtlSeconds: 900, jwtRefreshTtlSeconds: 86400 } as AppConfig;
const user = { id: 'u-1', role: 'grid_worker', tokenVersion: 3 } as UserEntity;

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('TokenService.verifyAccess', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts its own access token, again and again, with the same claims', () => {
    const tokens = new TokenService(jwt, config);
    const { accessToken } = tokens.issue(user);
    const first = tokens.verifyAccess(accessToken);
    expect(first).toMatchObject({ sub: 'u-1', role: 'grid_worker', typ: 'access' });
    expect(tokens.verifyAccess(accessToken)).toEqual(first);
  });

  it('refuses a token altered by one character, even after the genuine one was accepted', () => {
    const tokens = new TokenService(jwt, config);
    const { accessToken } = tokens.issue(user);
    tokens.verifyAccess(accessToken);
    const [h, p, s] = accessToken.split('.') as [string, string, string];
    const forgedClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'district_admin' })).toString('base64url');
    expect(code(() => tokens.verifyAccess(`${h}.${forgedClaims}.${s}`))).toBe('TOKEN_INVALID');
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    expect(code(() => tokens.verifyAccess(`${h}.${p}.${flipped}`))).toBe('TOKEN_INVALID');
  });

  it('refuses a token once it has expired, though it was accepted before', () => {
    jest.useFakeTimers({ now: new Date('2026-12-06T08:00:00Z') });
    const tokens = new TokenService(jwt, { ...config, jwtAccessTtlSeconds: 60 } as AppConfig);
    const { accessToken } = tokens.issue(user);
    expect(tokens.verifyAccess(accessToken).sub).toBe('u-1');
    jest.setSystemTime(new Date('2026-12-06T08:00:59Z'));
    expect(tokens.verifyAccess(accessToken).sub).toBe('u-1');
    jest.setSystemTime(new Date('2026-12-06T08:01:01Z'));
    expect(code(() => tokens.verifyAccess(accessToken))).toBe('TOKEN_INVALID');
  });

  it('refuses a refresh token as an access token, and a token signed with another key', () => {
    const tokens = new TokenService(jwt, config);
    expect(code(() => tokens.verifyAccess(tokens.issue(user).refreshToken))).toBe('TOKEN_INVALID');
    const other = new JwtService({ secret: createSecretKey(Buffer.from('another-secret-of-enough-length-98765')), signOptions: { algorithm: 'HS256' } });
    expect(code(() => tokens.verifyAccess(new TokenService(other, config).issue(user).accessToken))).toBe('TOKEN_INVALID');
  });
});
