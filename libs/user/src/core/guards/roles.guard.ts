import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { principalOf } from './principal-request-key.js';
import { routeAccess } from './route-access.js';

/** Allows the route when the principal has one of the @Roles(); runs after UserAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(protected readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const { isPublic, roles: required } = routeAccess(this.reflector, context);
    if (!required || isPublic) return true;
    const principal: AuthenticatedPrincipal | undefined = principalOf(
      context.switchToHttp().getRequest(),
    );
    if (!principal) throw new UserKitException('NOT_SIGNED_IN');
    if (!this.hasRole(principal, required)) throw new UserKitException('FORBIDDEN_ROLE');
    return true;
  }

  protected hasRole(principal: AuthenticatedPrincipal, required: readonly string[]): boolean {
    return required.some((role) => principal.roles.includes(role));
  }
}
