import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RolesGuard } from '../guards/roles.guard.js';
import { UserAuthGuard } from '../guards/user-auth.guard.js';
import { Roles } from './roles.decorator.js';

/** A signed-in route (optionally limited to roles), with its guards and Swagger notes in one place. */
export function Authenticated(
  options: { roles?: string[] } = {},
): MethodDecorator & ClassDecorator {
  const decorators = [
    UseGuards(UserAuthGuard, RolesGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the session was revoked' }),
  ];
  if (options.roles?.length) {
    decorators.push(
      Roles(...options.roles),
      ApiForbiddenResponse({ description: 'Lacks the role' }),
    );
  }
  return applyDecorators(...decorators);
}
