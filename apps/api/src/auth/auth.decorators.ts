import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role, SessionToken } from '@dragnet/domain';

export const PUBLIC_ROUTE = 'dragnet:public';
export const ALLOWED_ROLES = 'dragnet:roles';

/** Reachable without a token (login, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest {
  actor?: Actor;
  /** The presented token's claims, for logout and for streams that check it again. */
  token?: SessionToken;
  requestId: string;
}

/** The authenticated caller, as the domain sees it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});

/** The presented token's id and expiry. */
export const CurrentToken = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.token) throw new Error('CurrentToken used on a public route');
  return request.token;
});
