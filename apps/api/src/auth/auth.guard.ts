import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@zczr/domain';
import { AppError } from '../common/errors.js';
import { AuthedRequest, IS_PUBLIC, ROLES_KEY } from './decorators.js';
import { TokenService } from './token.service.js';
import { UsersRepository } from './users.repository.js';

/** Global guard: a Bearer access token on every route not marked @Public(), then @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Public routes still know a signed-in caller (e.g. staff see drafts), and never fail on a bad token.
      if (header?.startsWith('Bearer ')) await this.resolve(req, header.slice(7)).catch(() => undefined);
      return true;
    }
    if (!header?.startsWith('Bearer ')) throw new AppError('UNAUTHENTICATED');
    const user = await this.resolve(req, header.slice(7));
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw new AppError('FORBIDDEN');
    return true;
  }

  private async resolve(req: AuthedRequest, token: string): Promise<{ role: Role }> {
    const claims = this.tokens.verifyAccess(token);
    const access = await this.users.findAccess(claims.sub);
    if (!access || access.user.role !== claims.role) throw new AppError('TOKEN_INVALID');
    const { user, gridIds, householdId } = access;
    req.auth = {
      userId: user.id,
      role: user.role,
      regionCode: user.regionCode,
      gridIds,
      householdId,
      ip: req.ip ?? null,
    };
    return user;
  }
}
