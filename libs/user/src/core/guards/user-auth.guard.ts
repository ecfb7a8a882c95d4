import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserKitException } from '../errors/user-kit.exception.js';
import { rethrowStoreUnavailable } from '../filters/service-unavailable.filter.js';
import { SessionsService, type AuthenticatedPrincipal } from '../services/sessions.service.js';
import { attachPrincipal, principalOf } from './principal-request-key.js';
import { routeAccess } from './route-access.js';

/**
 * Bearer access token + a live session, checked in the database on every request, so logout,
 * revocation, bans and role changes apply at once on every app instance. With
 * `requireVerifiedEmail`, a user without a verified email address passes only on routes marked
 * @AllowUnverifiedEmail() (403 `EMAIL_NOT_VERIFIED` elsewhere, the host's routes too). Subclass to change how
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
    const known = principalOf(request);
    if (known) return this.assertEmailVerified(context, known);
    const token = this.extractToken(request);
    if (!token) throw new UserKitException('NOT_SIGNED_IN');
    const principal = await this.sessions
      .authenticate(token)
      .catch((error: unknown) =>
        rethrowStoreUnavailable(error, context.switchToHttp().getResponse()),
      );
    if (!principal) throw new UserKitException('SESSION_REVOKED');
    attachPrincipal(request, principal);
    return this.assertEmailVerified(context, principal);
  }

  /**
   * `requireVerifiedEmail`: until the user verified an email address, only the routes marked
   * @AllowUnverifiedEmail() (GET /me, verifying, resending) let them through.
   */
  private assertEmailVerified(context: ExecutionContext, principal: AuthenticatedPrincipal): true {
    if (
      principal.emailVerificationPending &&
      !routeAccess(this.reflector, context).allowsUnverifiedEmail
    )
      throw new UserKitException('EMAIL_NOT_VERIFIED');
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
