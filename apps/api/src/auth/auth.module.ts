import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WechatAccessToken } from './wechat-access-token.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AccountService } from './account.service.js';
import { StaffCredentials } from './staff-credentials.js';
import { DemoRealNameVerifier, RealNameVerifier, WechatRealNameVerifier } from './real-name.verifier.js';
import { TokenService } from './token.service.js';
import { WechatClient } from './wechat.client.js';

/** Signing in (WeChat, staff password + TOTP, demo), tokens, real-name binding, and the guard on every route. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject: jsonwebtoken otherwise re-parses a string secret (and tries it as a PEM key) on every call.
      useFactory: (c: AppConfig) => ({ secret: createSecretKey(Buffer.from(c.jwtSecret)), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    {
      provide: RealNameVerifier,
      inject: [APP_CONFIG, WechatAccessToken],
      useFactory: (c: AppConfig, token: WechatAccessToken): RealNameVerifier =>
        c.realNameVerifier === 'demo' ? new DemoRealNameVerifier() : new WechatRealNameVerifier(token),
    },
    TokenService,
    WechatClient,
    StaffCredentials,
    AuthService,
    AccountService,
  ],
  exports: [TokenService],
})
export class AuthModule {}
