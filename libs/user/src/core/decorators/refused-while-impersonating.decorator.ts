import { applyDecorators, UseGuards } from '@nestjs/common';
import { ImpersonationGuard } from '../guards/impersonation.guard.js';
import { ApiUserKitError } from './api-user-kit-errors.decorator.js';

/**
 * Only the user themselves: an admin's impersonation session gets 403 IMPERSONATION_REFUSED.
 * For a password change, second-factor changes, new ways to sign in, deleting the account.
 */
export function RefusedWhileImpersonating(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(ImpersonationGuard),
    ApiUserKitError(403, {
      description: 'IMPERSONATION_REFUSED: an admin acting as the user may not do this',
    }),
  );
}
