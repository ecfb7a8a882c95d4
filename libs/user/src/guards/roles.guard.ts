import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../tokens.js';
import { principalOf } from './principal-request-key.js';

/** Allows the route when the principal has one of the @Roles(); runs after UserAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(protected readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const required = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    if (!required || required.length === 0) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const principal: AuthenticatedPrincipal | undefined = principalOf(
      context.switchToHttp().getRequest(),
    );
    if (!principal) throw new UserKitException('NOT_SIGNED_IN');
    if (!this.hasRole(principal, required)) throw new UserKitException('FORBIDDEN_ROLE');
    return true;
  }

  protected hasRole(principal: AuthenticatedPrincipal, required: string[]): boolean {
    return required.some((role) => principal.roles.includes(role));
  }
}
