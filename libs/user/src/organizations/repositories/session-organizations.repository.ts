import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { SessionOrganization } from '../entities/session-organization.entity.js';
import type { MembershipView } from './organizations.repository.js';

/** The active organization of each session. */
@Injectable()
export class SessionOrganizationsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The session's organization with the user's role, while the user is still its member (a
   * removal or the organization's deletion ends it without touching this row's reader).
   */
  async find(sessionId: string, userId: string): Promise<MembershipView | null> {
    const active = await this.em.findOne(SessionOrganization, { sessionId });
    if (!active) return null;
    const membership = await this.em.findOne(
      OrganizationMembership,
      { organization: active.organizationId, user: userId },
      { populate: ['organization'] },
    );
    return membership
      ? {
          organization: membership.organization,
          role: membership.role,
          joinedAt: membership.createdAt,
        }
      : null;
  }

  /** Sets it (an update, else an insert; two at once: the second insert becomes an update). */
  async set(sessionId: string, organizationId: string): Promise<void> {
    const updatedAt = new Date();
    const update = () =>
      this.em.nativeUpdate(SessionOrganization, { sessionId }, { organizationId, updatedAt });
    if ((await update()) > 0) return;
    try {
      await this.em.transactional((em) =>
        em.insert(SessionOrganization, { sessionId, organizationId, updatedAt }),
      );
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      await update();
    }
  }

  async clear(sessionId: string): Promise<void> {
    await this.em.nativeDelete(SessionOrganization, { sessionId });
  }
}
