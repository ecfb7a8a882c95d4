import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/** What a host route asks of the caller's membership (set by the decorators, read by the guard). */
export interface OrganizationRequirement {
  /** Any of these roles (the owner passes every role check); empty: any member. */
  roles: string[];
  /** Every one of these permissions. */
  permissions: string[];
  /** The route parameter with the organization's id; unset: the module's `routeParam`. */
  param?: string;
}

export const ORGANIZATION_REQUIREMENT = 'userkit:organizationRequirement';

// Decorator metadata is fixed once the classes exist: each route's requirement is read once (the
// guard and the session check's read both ask on every request). Keyed by controller, then method.
const requirementByController = new WeakMap<
  object,
  WeakMap<object, OrganizationRequirement | null>
>();

/** The route's requirement (the method's over its controller's), from a cache after the first. */
export function organizationRequirementOf(
  reflector: Reflector,
  context: ExecutionContext,
): OrganizationRequirement | null {
  const controller = context.getClass();
  const handler = context.getHandler();
  let byHandler = requirementByController.get(controller);
  if (!byHandler) requirementByController.set(controller, (byHandler = new WeakMap()));
  let requirement = byHandler.get(handler);
  if (requirement === undefined) {
    requirement =
      reflector.getAllAndOverride<OrganizationRequirement | undefined>(ORGANIZATION_REQUIREMENT, [
        handler,
        controller,
      ]) ?? null;
    byHandler.set(handler, requirement);
  }
  return requirement;
}
