import type { MembershipLimits } from '../repositories/membership-limits.js';
import {
  ADMIN_ROLE,
  BUILT_IN_ROLE_PERMISSIONS,
  EVERY_PERMISSION,
  MEMBER_ROLE,
  ORGANIZATION_PERMISSION_PATTERN,
  ORGANIZATION_ROLE_PATTERN,
  OWNER_ROLE,
} from './organization-roles.js';

/** Options of UserOrganizationsModule.forRoot() (or the factory of forRootAsync). */
export interface UserOrganizationsModuleOptions {
  /**
   * The host's roles, each a set of permission strings: `{ billing: ['invoices:read'] }`. Naming
   * `admin` or `member` adds permissions to that built-in role; `owner` holds every permission
   * and cannot be changed.
   */
  roles?: Record<string, string[]>;
  /**
   * The route parameter that names the organization on the host's routes guarded by
   * `@OrgRoles()`, `@OrgPermissions()` or `@OrgMember()`. Default `orgId`.
   */
  routeParam?: string;
  /**
   * The absolute URL of the host's page that accepts invitations; the invitation message links
   * to it with `?invitation=<id>&token=<token>` added. Unset: the message carries no link (the
   * invitee finds the invitation under `GET /me/invitations` once signed in).
   */
  invitationUrl?: string;
  /**
   * Organizations a user may belong to (created or joined); a creation, acceptance or add past
   * it is 409 ORGANIZATION_LIMIT_REACHED. Default none (null).
   */
  maxOrganizationsPerUser?: number | null;
  /** Members an organization may have; past it 409 ORGANIZATION_MEMBER_LIMIT_REACHED. Default none. */
  maxMembersPerOrganization?: number | null;
}

/** The options after defaults. */
export interface ResolvedOrganizationsOptions {
  /** Every role (built-in and the host's) and its permissions. */
  roles: ReadonlyMap<string, ReadonlySet<string>>;
  routeParam: string;
  invitationUrl: string | null;
  limits: MembershipLimits;
}

/** The resolved options (ResolvedOrganizationsOptions). */
export const ORGANIZATIONS_OPTIONS = Symbol('UserKit.OrganizationsOptions');

/** Defaults and checks: throws at start-up for an option the module cannot use. */
export function resolveOrganizationsOptions(
  options: UserOrganizationsModuleOptions | undefined,
): ResolvedOrganizationsOptions {
  const given = options ?? {};
  const problems: string[] = [];
  const roles = new Map<string, Set<string>>(
    Object.entries(BUILT_IN_ROLE_PERMISSIONS).map(([role, permissions]) => [
      role,
      new Set(permissions),
    ]),
  );
  const hostRoles = given.roles ?? {};
  if (typeof hostRoles !== 'object' || hostRoles === null || Array.isArray(hostRoles)) {
    problems.push('roles must be an object of role names to lists of permissions');
  } else {
    for (const [role, permissions] of Object.entries(hostRoles)) {
      if (role === OWNER_ROLE) {
        problems.push('roles.owner cannot be changed: the owner holds every permission');
        continue;
      }
      if (!ORGANIZATION_ROLE_PATTERN.test(role)) {
        problems.push(
          `roles.${role}: a role name is lower-case letters, digits, "_" and "-" (at most 32)`,
        );
        continue;
      }
      if (
        !Array.isArray(permissions) ||
        permissions.some(
          (permission) =>
            typeof permission !== 'string' ||
            permission === EVERY_PERMISSION ||
            !ORGANIZATION_PERMISSION_PATTERN.test(permission),
        )
      ) {
        problems.push(`roles.${role} must be a list of permissions such as "projects:write"`);
        continue;
      }
      const merged = roles.get(role) ?? new Set<string>();
      for (const permission of permissions) merged.add(permission);
      roles.set(role, merged);
    }
  }
  const routeParam = given.routeParam ?? 'orgId';
  if (typeof routeParam !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(routeParam))
    problems.push('routeParam must be the name of a route parameter, such as "orgId"');
  const invitationUrl = given.invitationUrl ?? null;
  if (invitationUrl !== null && !isHttpUrl(invitationUrl))
    problems.push('invitationUrl must be an absolute http(s) URL');
  const limit = (name: string, value: unknown): number | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1_000_000)
      return value;
    problems.push(`${name} must be a whole number from 1 to 1000000, or null`);
    return null;
  };
  const limits = {
    organizationsPerUser: limit('maxOrganizationsPerUser', given.maxOrganizationsPerUser),
    membersPerOrganization: limit('maxMembersPerOrganization', given.maxMembersPerOrganization),
  };
  if (problems.length > 0)
    throw new Error(`Invalid UserOrganizationsModule options:\n - ${problems.join('\n - ')}`);
  return { roles, routeParam, invitationUrl, limits };
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether `role` holds `permission` (the owner holds every one). */
export function roleHasPermission(
  options: ResolvedOrganizationsOptions,
  role: string,
  permission: string,
): boolean {
  const permissions = options.roles.get(role);
  return (
    permissions !== undefined && (permissions.has(EVERY_PERMISSION) || permissions.has(permission))
  );
}

/** The permissions of a role as a list (`['*']` for the owner). */
export function permissionsOf(options: ResolvedOrganizationsOptions, role: string): string[] {
  return [...(options.roles.get(role) ?? [])];
}

export { ADMIN_ROLE, MEMBER_ROLE, OWNER_ROLE };
