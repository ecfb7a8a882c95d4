import { Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserKitException } from '../errors/user-kit.exception.js';
import { rethrowStoreUnavailable } from '../filters/service-unavailable.filter.js';
import { SessionsService, type AuthenticatedPrincipal } from '../services/sessions.service.js';
import { attachPrincipal, principalOf } from './principal-request-key.js';
import { routeAccess } from './route-access.js';
import {
  attachSessionCheckRead,
  SessionCheckReads,
} from '../extension-points/session-check-reads.js';
import type { JoinedRead } from '../repositories/sessions.repository.js';

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
    @Optional() protected readonly sessionCheckReads?: SessionCheckReads,
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
    const joinedRead = this.joinedReadOf(request, context);
    const checked = await this.sessions
      .authenticateJoined(token, joinedRead)
      .catch((error: unknown) =>
        rethrowStoreUnavailable(error, context.switchToHttp().getResponse()),
      );
    if (!checked) throw new UserKitException('SESSION_REVOKED');
    const { principal, joined } = checked;
    if (joinedRead && joined)
      attachSessionCheckRead(request, joinedRead.read.name, {
        argument: joinedRead.argument,
        row: joined,
      });
    attachPrincipal(request, principal);
    return this.assertEmailVerified(context, principal);
  }

  /** A feature's read the route asks to join to the session check, with this request's argument. */
  private joinedReadOf(request: object, context: ExecutionContext): JoinedRead | undefined {
    const name = routeAccess(this.reflector, context).sessionCheckRead;
    const read = name === undefined ? undefined : this.sessionCheckReads?.get(name);
    const argument = read?.argumentOf(request, context);
    return read && argument !== undefined ? { read, argument } : undefined;
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
