import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiUserKitError } from './api-user-kit-errors.decorator.js';
import { RecentSignInGuard } from '../guards/recent-sign-in.guard.js';

/** The route changes something sensitive: it needs a sign-in within `reauthenticationWindowSeconds`. */
export function RequiresRecentSignIn(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(RecentSignInGuard),
    ApiUserKitError(403, {
      description:
        'The last sign-in of this session is too old: sign in again (REAUTHENTICATION_REQUIRED); or an admin impersonates the user (IMPERSONATION_REFUSED)',
    }),
  );
}
