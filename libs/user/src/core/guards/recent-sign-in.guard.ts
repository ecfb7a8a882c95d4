import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { USER_OPTIONS } from '../tokens.js';
import { principalOf } from './principal-request-key.js';

/**
 * Sensitive changes need a session whose user proved who they are recently (the session's
 * `authenticatedAt`: the password or provider sign-in, not a refresh), and never an admin's
 * impersonation session (403 IMPERSONATION_REFUSED). Runs after UserAuthGuard.
 */
@Injectable()
export class RecentSignInGuard implements CanActivate {
  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const principal: AuthenticatedPrincipal | undefined = principalOf(request);
    if (!principal) throw new UserKitException('NOT_SIGNED_IN');
    this.assertRecent(principal);
    return true;
  }

  /** For a route where only some requests are sensitive (e.g. an export with password hashes). */
  assertRecent(principal: AuthenticatedPrincipal): void {
    // A change that needs the user's own recent sign-in is never the impersonating admin's to
    // make, even on a route not marked @RefusedWhileImpersonating().
    if (principal.impersonatorId) throw new UserKitException('IMPERSONATION_REFUSED');
    const windowSeconds = this.options.identifiers.reauthenticationWindowSeconds;
    const age = Date.now() - principal.authenticatedAt.getTime();
    if (age > windowSeconds * 1000) {
      throw new UserKitException(
        'REAUTHENTICATION_REQUIRED',
        `This change needs a sign-in within the last ${formatWindow(windowSeconds)}: sign in again, then retry`,
      );
    }
  }
}

function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}
