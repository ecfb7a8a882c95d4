import { Inject, Injectable } from '@nestjs/common';
import { UserEventsPublisher, userKitEvent } from '../../core/events/user-events.publisher.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { decodeUserCursor, encodeUserCursor } from '../../core/services/user-cursor.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import { ORGANIZATION_PERMISSIONS, OWNER_ROLE } from '../options/organization-roles.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import {
  OrganizationMembersRepository,
  type MemberRow,
  type MembershipChange,
} from '../repositories/organization-members.repository.js';
import type { MembershipView } from '../repositories/organizations.repository.js';
import { OrganizationAccessService } from './organization-access.service.js';

export interface MembersPage {
  members: MemberRow[];
  nextCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 50;

/**
 * An organization's members: the list (every member sees it), role changes and removals
 * (`members:manage`: owner, admin), leaving. Only an owner makes or unmakes an owner, and the
 * last owner can neither leave nor be demoted.
 */
@Injectable()
export class OrganizationMembersService {
  constructor(
    @Inject(ORGANIZATIONS_OPTIONS) private readonly options: ResolvedOrganizationsOptions,
    private readonly members: OrganizationMembersRepository,
    private readonly access: OrganizationAccessService,
    private readonly events: UserEventsPublisher,
  ) {}

  async list(
    organizationId: string,
    userId: string,
    query: { limit?: number; cursor?: string; search?: string },
  ): Promise<MembersPage> {
    const view = await this.access.requireMember(organizationId, userId);
    return this.pageOf(view.organization.id, query);
  }

  private async pageOf(
    organizationId: string,
    query: { limit?: number; cursor?: string; search?: string },
  ): Promise<MembersPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeUserCursor(query.cursor);
    const search = query.search?.trim() || undefined;
    const found = await this.members.page(organizationId, after, limit + 1, search);
    const members = found.slice(0, limit);
    const last = members.at(-1);
    return {
      members,
      nextCursor:
        found.length > limit && last
          ? encodeUserCursor({ createdAt: last.joinedAt, id: last.userId })
          : null,
    };
  }

  /**
   * Makes a user a member with a role, for the host's own flows (an admin tool, a directory
   * sync): no caller's permission is checked here. 409 ORGANIZATION_ALREADY_MEMBER when they are
   * one; 404 ORGANIZATION_NOT_FOUND when the organization (or the user) does not exist.
   */
  async add(organizationId: string, userId: string, role: string): Promise<void> {
    this.access.assertKnownRole(role);
    if (!isResourceId(organizationId) || !isResourceId(userId))
      throw new UserKitException('ORGANIZATION_NOT_FOUND');
    const added = await this.events.commit(
      () => this.members.add(organizationId, userId, role, this.options.limits),
      (result) =>
        result === 'added'
          ? [userKitEvent('membership.created', { organizationId, userId, role })]
          : [],
    );
    if (added === 'already_member') throw new UserKitException('ORGANIZATION_ALREADY_MEMBER');
    if (added === 'not_found') throw new UserKitException('ORGANIZATION_NOT_FOUND');
    if (added === 'user_limit') throw new UserKitException('ORGANIZATION_LIMIT_REACHED');
    if (added === 'organization_limit')
      throw new UserKitException('ORGANIZATION_MEMBER_LIMIT_REACHED');
  }

  /** Any organization's members, for an admin (no membership asked); 404 when there is none. */
  async listAsAdmin(
    organizationId: string,
    query: { limit?: number; cursor?: string; search?: string },
  ): Promise<MembersPage> {
    if (!isResourceId(organizationId) || !(await this.access.exists(organizationId)))
      throw new UserKitException('ORGANIZATION_NOT_FOUND');
    return this.pageOf(organizationId, query);
  }

  /** The member's role is `role` now. */
  async changeRole(
    organizationId: string,
    actorId: string,
    memberId: string,
    role: string,
  ): Promise<{ userId: string; role: string }> {
    const actor = await this.access.requirePermission(
      organizationId,
      actorId,
      ORGANIZATION_PERMISSIONS.manageMembers,
    );
    this.access.assertKnownRole(role);
    const target = await this.targetOf(actor, actorId, memberId);
    // Ownership passes from owner to owner: an admin neither makes nor unmakes one.
    if ((role === OWNER_ROLE || target.role === OWNER_ROLE) && actor.role !== OWNER_ROLE)
      throw new UserKitException('ORGANIZATION_PERMISSION_DENIED');
    const id = actor.organization.id;
    const change = await this.events.commit(
      () => this.members.changeRole(id, memberId, role),
      (result) =>
        result.outcome === 'changed' && result.previousRole !== role
          ? [userKitEvent('membership.updated', { organizationId: id, userId: memberId, role })]
          : [],
    );
    this.assertChanged(change);
    return { userId: memberId, role };
  }

  /** Removes the member; the member themselves leaves (any role may, but the last owner). */
  async remove(organizationId: string, actorId: string, memberId: string): Promise<void> {
    const actor = await this.access.requireMember(organizationId, actorId);
    if (memberId !== actorId) {
      this.access.assertPermission(actor.role, ORGANIZATION_PERMISSIONS.manageMembers);
      const target = await this.targetOf(actor, actorId, memberId);
      if (target.role === OWNER_ROLE && actor.role !== OWNER_ROLE)
        throw new UserKitException('ORGANIZATION_PERMISSION_DENIED');
    }
    const id = actor.organization.id;
    const change = await this.events.commit(
      () => this.members.remove(id, memberId),
      (result) =>
        result.outcome === 'changed'
          ? [
              userKitEvent('membership.deleted', {
                organizationId: id,
                userId: memberId,
                role: result.previousRole,
              }),
            ]
          : [],
    );
    this.assertChanged(change);
  }

  /** The other member a change names; 404 ORGANIZATION_MEMBER_NOT_FOUND when not one. */
  private async targetOf(
    actor: MembershipView,
    actorId: string,
    memberId: string,
  ): Promise<MembershipView> {
    if (memberId === actorId) return actor;
    const target = isResourceId(memberId)
      ? await this.access.findMembership(actor.organization.id, memberId)
      : null;
    if (!target) throw new UserKitException('ORGANIZATION_MEMBER_NOT_FOUND');
    return target;
  }

  private assertChanged(change: MembershipChange): void {
    if (change.outcome === 'not_found') throw new UserKitException('ORGANIZATION_MEMBER_NOT_FOUND');
    if (change.outcome === 'last_owner') throw new UserKitException('ORGANIZATION_LAST_OWNER');
  }
}
