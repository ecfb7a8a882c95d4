import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserKitException } from '../errors/user-kit.exception.js';
import { rethrowStoreUnavailable } from '../filters/service-unavailable.filter.js';
import { SessionsService } from '../services/sessions.service.js';
import { attachPrincipal, principalOf } from './principal-request-key.js';
import { routeAccess } from './route-access.js';

/**
 * Bearer access token + a live session, checked in the database on every request, so logout,
 * revocation, bans and role changes apply at once on every app instance. Subclass to change how
 * the token is read (`protected extractToken`).
 */
@Injectable()
export class UserAuthGuard implements CanActivate {
  constructor(
    protected readonly reflector: Reflector,
    protected readonly sessions: SessionsService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // A plain `true`, no promise: with globalGuards every public route of the host comes here.
    if (routeAccess(this.reflector, context).isPublic) return true;
    return this.requireSession(context);
  }

  private async requireSession(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<
        Record<PropertyKey, unknown> & { headers: Record<string, string | string[] | undefined> }
      >();
    // Applied both globally and per controller: authenticate once.
    if (principalOf(request)) return true;
    const token = this.extractToken(request);
    if (!token) throw new UserKitException('NOT_SIGNED_IN');
    const principal = await this.sessions
      .authenticate(token)
      .catch((error: unknown) =>
        rethrowStoreUnavailable(error, context.switchToHttp().getResponse()),
      );
    if (!principal) throw new UserKitException('SESSION_REVOKED');
    attachPrincipal(request, principal);
    return true;
  }

  protected extractToken(request: {
    headers: Record<string, string | string[] | undefined>;
  }): string | null {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return null;
    const match = /^Bearer\s+([A-Za-z0-9\-_.]+)\s*$/i.exec(header);
    return match ? match[1] : null;
  }
}
