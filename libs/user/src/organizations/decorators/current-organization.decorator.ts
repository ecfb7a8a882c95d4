import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import {
  currentOrganizationOf,
  type CurrentOrganizationMembership,
} from '../guards/current-organization-key.js';

/**
 * The organization an `@OrgMember()` / `@OrgRoles()` / `@OrgPermissions()` route named, with the
 * caller's role and permissions: `@CurrentOrganization() current`, or one field,
 * `@CurrentOrganization('role') role`.
 */
export const CurrentOrganization = createParamDecorator(
  (field: keyof CurrentOrganizationMembership | undefined, context: ExecutionContext) => {
    const membership = currentOrganizationOf(context.switchToHttp().getRequest<object>());
    return field ? membership?.[field] : membership;
  },
);
