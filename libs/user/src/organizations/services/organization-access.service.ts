import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import {
  ORGANIZATIONS_OPTIONS,
  permissionsOf,
  roleHasPermission,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import { OWNER_ROLE } from '../options/organization-roles.js';
import {
  OrganizationsRepository,
  type MembershipView,
} from '../repositories/organizations.repository.js';

/**
 * Who may do what in an organization: its members see it, their role's permissions decide the
 * rest. A user who is not a member gets 404, the same as for an organization that does not exist,
 * so that ids do not tell which organizations exist.
 */
@Injectable()
export class OrganizationAccessService {
  constructor(
    @Inject(ORGANIZATIONS_OPTIONS) private readonly options: ResolvedOrganizationsOptions,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /** The organization and the user's role in it; 404 ORGANIZATION_NOT_FOUND when not a member. */
  async requireMember(organizationId: unknown, userId: string): Promise<MembershipView> {
    if (!isResourceId(organizationId)) throw new UserKitException('ORGANIZATION_NOT_FOUND');
    const view = await this.organizations.findForMember(organizationId, userId);
    if (!view) throw new UserKitException('ORGANIZATION_NOT_FOUND');
    return view;
  }

  /** As requireMember, and 403 ORGANIZATION_PERMISSION_DENIED unless the role holds `permission`. */
  async requirePermission(
    organizationId: unknown,
    userId: string,
    permission: string,
  ): Promise<MembershipView> {
    const view = await this.requireMember(organizationId, userId);
    this.assertPermission(view.role, permission);
    return view;
  }

  /** Whether the organization exists (for an admin, who need not be a member). */
  async exists(organizationId: string): Promise<boolean> {
    return (await this.organizations.findById(organizationId)) !== null;
  }

  /** The user's membership, or null (no error: for the member a change names). */
  findMembership(organizationId: string, userId: string): Promise<MembershipView | null> {
    return this.organizations.findForMember(organizationId, userId);
  }

  assertPermission(role: string, permission: string): void {
    if (!roleHasPermission(this.options, role, permission))
      throw new UserKitException('ORGANIZATION_PERMISSION_DENIED');
  }

  /**
   * Whether the role satisfies a route's `@OrgRoles(...)`: one of them, or `owner` (who may do
   * anything any role may).
   */
  hasAnyRole(role: string, roles: readonly string[]): boolean {
    return role === OWNER_ROLE || roles.includes(role);
  }

  hasPermission(role: string, permission: string): boolean {
    return roleHasPermission(this.options, role, permission);
  }

  /** The role's permissions as a list (`['*']` for the owner). */
  permissionsOf(role: string): string[] {
    return permissionsOf(this.options, role);
  }

  /** 400 ORGANIZATION_ROLE_NOT_FOUND unless a built-in role or one of the host's. */
  assertKnownRole(role: string): void {
    if (!this.options.roles.has(role)) throw new UserKitException('ORGANIZATION_ROLE_NOT_FOUND');
  }
}
