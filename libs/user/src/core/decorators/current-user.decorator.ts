import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { principalOf } from '../guards/principal-request-key.js';

/**
 * The signed-in principal put on the request by UserAuthGuard: `@CurrentUser() me` or one field,
 * `@CurrentUser('id') userId`.
 */
export const CurrentUser = createParamDecorator(
  (field: keyof AuthenticatedPrincipal | undefined, context: ExecutionContext) => {
    const request = context.switchToHttp().getRequest();
    const principal: AuthenticatedPrincipal | undefined = principalOf(request);
    return field ? principal?.[field] : principal;
  },
);
