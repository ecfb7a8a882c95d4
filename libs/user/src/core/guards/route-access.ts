import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ALLOW_UNVERIFIED_EMAIL_KEY, IS_PUBLIC_KEY, ROLES_KEY } from '../tokens.js';
import { SESSION_CHECK_READ } from '../extension-points/session-check-reads.js';

/** What a route's @Public(), @Roles() and @AllowUnverifiedEmail() say, the method's own metadata over its controller's. */
export interface RouteAccess {
  readonly isPublic: boolean;
  /** Undefined when the route names no role. */
  readonly roles: readonly string[] | undefined;
  /** @AllowUnverifiedEmail(): open to users whose email is not verified yet (requireVerifiedEmail). */
  readonly allowsUnverifiedEmail: boolean;
  /** The feature read the route's session check joins (SessionCheckRead), if any. */
  readonly sessionCheckRead: string | undefined;
}

// Decorator metadata is fixed once the classes exist, so each route's is read once: with
// globalGuards, every request of the host runs these guards, public routes included.
// Keyed by controller, then method: a method inherited by two controllers may differ by class.
const accessByController = new WeakMap<object, WeakMap<object, RouteAccess>>();

/** The route's access rules, from a cache after its first request (no allocation). */
export function routeAccess(reflector: Reflector, context: ExecutionContext): RouteAccess {
  const controller = context.getClass();
  const handler = context.getHandler();
  let byHandler = accessByController.get(controller);
  if (!byHandler) {
    byHandler = new WeakMap();
    accessByController.set(controller, byHandler);
  }
  let access = byHandler.get(handler);
  if (!access) {
    const targets = [handler, controller];
    const roles = reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    access = {
      isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true,
      roles: roles?.length ? roles : undefined,
      allowsUnverifiedEmail:
        reflector.getAllAndOverride<boolean | undefined>(ALLOW_UNVERIFIED_EMAIL_KEY, targets) ===
        true,
      sessionCheckRead: reflector.getAllAndOverride<string | undefined>(
        SESSION_CHECK_READ,
        targets,
      ),
    };
    byHandler.set(handler, access);
  }
  return access;
}
