import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UserFeatureListeners,
  type SessionOrganizationClaims,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { SessionOrganizationsRepository } from '../repositories/session-organizations.repository.js';

/** What organizations mean to the core and the other features: the session's organization. */
@Injectable()
export class OrganizationsFeatureListener implements UserFeatureListener, OnModuleInit {
  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly sessions: SessionOrganizationsRepository,
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
}
