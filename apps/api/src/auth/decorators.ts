import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Role } from '@zczr/domain';
import type { Request } from 'express';
import type { AuthContext } from '../common/auth-context.js';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';

/** No token needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the handler. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export type AuthedRequest = Request & { auth?: AuthContext };

/** The caller on a public route: resolved when a valid token is sent, else null. */
export const OptionalAuth = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthContext | null => ctx.switchToHttp().getRequest<AuthedRequest>().auth ?? null,
);

/** The caller, as resolved by the auth guard. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new Error('Auth decorator used on a public route');
  return req.auth;
});
