import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService, Role } from '@dragnet/domain';
import { DomainError, ForbiddenError } from '@dragnet/platform';
import type { Request } from 'express';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';

/**
 * Every route needs a valid bearer token unless marked @Public. The user is reloaded on each request,
 * so a deactivated account, a changed role, a password change or a logout takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new DomainError('unauthorized', 'A bearer token is required');
    const { user, claims } = await this.auth.authenticate(token);
    request.actor = { userId: user.id, role: user.role, country: user.country, requestId: request.requestId };
    request.token = { sub: claims.sub, gen: claims.gen, jti: claims.jti, exp: claims.exp };
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(user.role))
      throw new ForbiddenError(`This needs one of the roles: ${allowed.join(', ')}`);
    return true;
  }
}
