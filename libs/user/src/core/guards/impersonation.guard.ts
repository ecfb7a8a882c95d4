import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import { principalOf } from './principal-request-key.js';

/**
 * Refuses an impersonation session (403 IMPERSONATION_REFUSED): what only the user may do (their
 * password, second factor, ways to sign in, the account itself) is never done by an admin acting
 * as them. Runs after UserAuthGuard.
 */
@Injectable()
export class ImpersonationGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (!principal) throw new UserKitException('NOT_SIGNED_IN');
    if (principal.impersonatorId) throw new UserKitException('IMPERSONATION_REFUSED');
    return true;
  }
}
