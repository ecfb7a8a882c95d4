import type { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { userKitEvent, type UserKitEvent } from '../../core/events/user-events.publisher.js';
import {
  UserFeatureListeners,
  type SessionOrganizationClaims,
  type UserDeletionPart,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { OWNER_ROLE } from '../options/organization-roles.js';
import { OrganizationsRepository } from '../repositories/organizations.repository.js';
import { SessionOrganizationsRepository } from '../repositories/session-organizations.repository.js';
import { OrganizationLogosService } from '../services/organization-logos.service.js';

/** What organizations mean to the core and the other features. */
@Injectable()
export class OrganizationsFeatureListener implements UserFeatureListener, OnModuleInit {
  /** The pages offer the console's organizations and the profile's panel. */
  readonly pageFeature = 'organizations';

  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly sessions: SessionOrganizationsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly logos: OrganizationLogosService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Token templates' `org.*`: the session's organization while the user is its member. */
  async activeOrganization(
    sessionId: string,
    userId: string,
  ): Promise<SessionOrganizationClaims | null> {
    const view = await this.sessions.find(sessionId, userId);
    return view
      ? { id: view.organization.id, slug: view.organization.slug, role: view.role }
      : null;
  }

  /**
   * No organization is left without an owner: the last owner of one that has other members is
   * refused (409 ORGANIZATION_OWNER_REQUIRED, naming them); one where the user is alone goes with
   * the user (`organization.deleted`); the user's other memberships end (`membership.deleted`).
   */
  async userDeleting(em: EntityManager, userId: string): Promise<UserDeletionPart> {
    const memberships = await this.organizations.membershipsOfLeavingUser(em, userId);
    const ownerless = memberships.filter(
      (membership) =>
        membership.role === OWNER_ROLE &&
        membership.otherOwners === 0 &&
        membership.otherMembers > 0,
    );
    if (ownerless.length > 0) {
      const slugs = ownerless.map((membership) => membership.organization.slug).join(', ');
      return {
        refusal: new UserKitException(
          'ORGANIZATION_OWNER_REQUIRED',
          `The last owner of organizations with other members (${slugs}): make another member an owner of each, or delete them, first`,
        ),
      };
    }
    const events: UserKitEvent[] = [];
    const logoIds: string[] = [];
    for (const { organization, role, otherMembers } of memberships) {
      if (otherMembers > 0) {
        events.push(
          userKitEvent('membership.deleted', { organizationId: organization.id, userId, role }),
        );
      } else if (await this.organizations.deleteIn(em, organization.id)) {
        events.push(
          userKitEvent('organization.deleted', {
            organizationId: organization.id,
            slug: organization.slug,
          }),
        );
        if (organization.logoId !== null) logoIds.push(organization.logoId);
      }
    }
    return {
      events,
      afterCommit: async () => {
        for (const id of logoIds) await this.logos.discard(id);
      },
    };
  }
}
