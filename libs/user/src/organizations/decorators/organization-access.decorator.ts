import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { OrganizationAccessGuard } from '../guards/organization-access.guard.js';
import { SESSION_CHECK_READ } from '../../core/extension-points/session-check-reads.js';
import { MEMBERSHIP_SESSION_READ } from '../repositories/membership-session-read.js';
import {
  ORGANIZATION_REQUIREMENT,
  type OrganizationRequirement,
} from '../guards/organization-requirement.js';

const NOT_A_MEMBER =
  'ORGANIZATION_NOT_FOUND: no such organization, or you are not a member of it (never 403: ids do not leak)';

function organizationRoute(requirement: OrganizationRequirement): MethodDecorator & ClassDecorator {
  const guarded = requirement.roles.length > 0 || requirement.permissions.length > 0;
  return applyDecorators(
    SetMetadata(ORGANIZATION_REQUIREMENT, requirement),
    // The session check reads the membership in its own statement (database mode).
    SetMetadata(SESSION_CHECK_READ, MEMBERSHIP_SESSION_READ),
    // One guard: it signs the user in too, unless a global UserAuthGuard already did.
    UseGuards(OrganizationAccessGuard),
    ApiBearerAuth(),
    ApiUserKitError(400, { description: 'A route parameter that is not valid percent-encoding' }),
    ApiUserKitError(401),
    ApiUserKitError(404, { description: NOT_A_MEMBER }),
    ApiUserKitError(503),
    ...(guarded
      ? [
          ApiUserKitError(403, {
            description:
              'ORGANIZATION_PERMISSION_DENIED: your role in the organization does not allow this',
          }),
        ]
      : []),
  );
}

/** Options of the organization decorators: the route parameter, when not the module's. */
export interface OrganizationRouteOptions {
  param?: string;
}

/** Any member of the organization the route names (`:orgId`); `@CurrentOrganization()` gives it. */
export function OrgMember(
  options: OrganizationRouteOptions = {},
): MethodDecorator & ClassDecorator {
  return organizationRoute({ roles: [], permissions: [], param: options.param });
}

/** A member with one of these roles (`@OrgRoles('admin')`); an owner passes too. */
export function OrgRoles(
  ...roles: [string, ...string[]] | [...string[], OrganizationRouteOptions]
): MethodDecorator & ClassDecorator {
  const { names, options } = splitOptions(roles);
  return organizationRoute({ roles: names, permissions: [], param: options.param });
}

/** A member whose role holds every one of these permissions (`@OrgPermissions('projects:write')`). */
export function OrgPermissions(
  ...permissions: [string, ...string[]] | [...string[], OrganizationRouteOptions]
): MethodDecorator & ClassDecorator {
  const { names, options } = splitOptions(permissions);
  return organizationRoute({ roles: [], permissions: names, param: options.param });
}

function splitOptions(values: ReadonlyArray<string | OrganizationRouteOptions>): {
  names: string[];
  options: OrganizationRouteOptions;
} {
  const last = values.at(-1);
  if (last !== undefined && typeof last === 'object')
    return { names: values.slice(0, -1) as string[], options: last };
  return { names: values as string[], options: {} };
}
