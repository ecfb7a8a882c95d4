import { Injectable } from '@nestjs/common';
import type { MembershipView } from '../repositories/organizations.repository.js';
import { SessionOrganizationsRepository } from '../repositories/session-organizations.repository.js';
import { OrganizationAccessService } from './organization-access.service.js';

/**
 * The organization a session works in (Clerk's active organization): set to one the user is a
 * member of, or none. It lasts as long as the session and the membership.
 */
@Injectable()
export class ActiveOrganizationService {
  constructor(
    private readonly sessions: SessionOrganizationsRepository,
    private readonly access: OrganizationAccessService,
  ) {}

  get(sessionId: string, userId: string): Promise<MembershipView | null> {
    return this.sessions.find(sessionId, userId);
  }

  /** `null` clears it; another organization: 404 ORGANIZATION_NOT_FOUND unless a member. */
  async set(
    sessionId: string,
    userId: string,
    organizationId: string | null,
  ): Promise<MembershipView | null> {
    if (organizationId === null) {
      await this.sessions.clear(sessionId);
      return null;
    }
    const view = await this.access.requireMember(organizationId, userId);
    await this.sessions.set(sessionId, view.organization.id);
    return view;
  }
}
