import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiUserKitError } from './api-user-kit-errors.decorator.js';
import { RolesGuard } from '../guards/roles.guard.js';
import { UserAuthGuard } from '../guards/user-auth.guard.js';
import { Roles } from './roles.decorator.js';

const EMAIL_NOT_VERIFIED_DESCRIPTION =
  'EMAIL_NOT_VERIFIED: the app requires a verified email address (requireVerifiedEmail) and the user has none yet';

/** A signed-in route (optionally limited to roles), with its guards and Swagger notes in one place. */
export function Authenticated(
  options: { roles?: string[] } = {},
): MethodDecorator & ClassDecorator {
  const decorators = [
    UseGuards(UserAuthGuard, RolesGuard),
    ApiBearerAuth(),
    ApiUserKitError(401, { description: 'Not signed in, or the session was revoked' }),
  ];
  if (options.roles?.length) {
    decorators.push(
      Roles(...options.roles),
      ApiUserKitError(403, {
        description: `Lacks the role; or ${EMAIL_NOT_VERIFIED_DESCRIPTION}`,
      }),
    );
  } else {
    decorators.push(ApiUserKitError(403, { description: EMAIL_NOT_VERIFIED_DESCRIPTION }));
  }
  return applyDecorators(...decorators);
}
