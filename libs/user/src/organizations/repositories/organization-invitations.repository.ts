import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import {
  OrganizationInvitation,
  type InvitationStatus,
} from '../entities/organization-invitation.entity.js';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { checkMembershipLimits, type MembershipLimits } from './membership-limits.js';

export interface NewInvitation {
  organizationId: string;
  email: string;
  role: string;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

/** An answer to an invitation: what happened, and the invitation when it was answered. */
export type InvitationAnswer =
  | { outcome: 'answered'; invitation: OrganizationInvitation }
  | { outcome: 'not_found' }
  | { outcome: 'already_member' }
  | { outcome: 'user_limit' }
  | { outcome: 'organization_limit' };

/** Raised inside the acceptance's transaction to roll its status change back. */
class AlreadyMember extends Error {}

/**
 * Invitations: sent, listed, and answered once. Every answer (accept, decline, revoke) is one
 * conditional update of a pending row: of two at once, exactly one changes it.
 */
@Injectable()
export class OrganizationInvitationsRepository {
  constructor(private readonly em: EntityManager) {}

  /** `pending_exists`: the partial unique index refused a second pending one for the address. */
  async create(input: NewInvitation): Promise<OrganizationInvitation | 'pending_exists'> {
    try {
      return await this.em.transactional(async (em) => {
        const invitation = em.create(OrganizationInvitation, {
          organization: input.organizationId,
          email: input.email,
          role: input.role,
          tokenHash: input.tokenHash,
          invitedBy: input.invitedBy,
          expiresAt: input.expiresAt,
        });
        await em.flush();
        return invitation;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'pending_exists';
      throw error;
    }
  }

  /** Whether a member of the organization holds this address (verified, or as primary). */
  async isMemberAddress(organizationId: string, normalizedEmail: string): Promise<boolean> {
    const holders = await this.em.find(
      EmailAddress,
      { normalizedEmail, $or: [{ verified: true }, { primary: true }] },
      { fields: ['id', 'user'] },
    );
    if (holders.length === 0) return false;
    const members = await this.em.count(OrganizationMembership, {
      organization: organizationId,
      user: { $in: holders.map((holder) => holder.user.id) },
    });
    return members > 0;
  }

  /** The organization's pending, unexpired invitations, oldest first. */
  listPending(organizationId: string, now = new Date()): Promise<OrganizationInvitation[]> {
    return this.em.find(
      OrganizationInvitation,
      { organization: organizationId, status: 'pending', expiresAt: { $gt: now } },
      { populate: ['organization'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /** The pending, unexpired invitations to the user's verified addresses, oldest first. */
  async listPendingForUser(userId: string, now = new Date()): Promise<OrganizationInvitation[]> {
    const emails = await this.verifiedEmailsOf(userId);
    if (emails.length === 0) return [];
    return this.em.find(
      OrganizationInvitation,
      { email: { $in: emails }, status: 'pending', expiresAt: { $gt: now } },
      { populate: ['organization'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /** A pending, unexpired invitation of the organization, or null. */
  findPendingInOrganization(
    invitationId: string,
    organizationId: string,
    now = new Date(),
  ): Promise<OrganizationInvitation | null> {
    return this.em.findOne(
      OrganizationInvitation,
      {
        id: invitationId,
        organization: organizationId,
        status: 'pending',
        expiresAt: { $gt: now },
      },
      { populate: ['organization'] },
    );
  }

  /** A pending, unexpired invitation to one of the user's verified addresses, or null. */
  async findPendingForUser(
    invitationId: string,
    userId: string,
    now = new Date(),
  ): Promise<OrganizationInvitation | null> {
    const emails = await this.verifiedEmailsOf(userId);
    if (emails.length === 0) return null;
    return this.em.findOne(
      OrganizationInvitation,
      { id: invitationId, email: { $in: emails }, status: 'pending', expiresAt: { $gt: now } },
      { populate: ['organization'] },
    );
  }

  /**
   * Revokes or declines: one conditional update of the pending row. The invitation as answered,
   * or `not_found` when it was not pending (another answer won).
   */
  async answer(
    invitation: OrganizationInvitation,
    status: Exclude<InvitationStatus, 'pending' | 'accepted'>,
  ): Promise<InvitationAnswer> {
    const changed = await this.transition(this.em, invitation.id, status);
    return changed ? { outcome: 'answered', invitation } : { outcome: 'not_found' };
  }

  /**
   * Accepts: the pending row becomes `accepted` and the user a member, in one transaction. Of an
   * acceptance and a revocation at once, one changes the row; the other finds it answered.
   */
  async accept(
    invitation: OrganizationInvitation,
    userId: string,
    limits: MembershipLimits,
  ): Promise<InvitationAnswer> {
    try {
      return await this.em.transactional(async (em) => {
        // Checked first: a join past a limit leaves the invitation pending.
        const breach = await checkMembershipLimits(em, limits, userId, invitation.organization.id);
        if (breach) return { outcome: breach };
        if (!(await this.transition(em, invitation.id, 'accepted')))
          return { outcome: 'not_found' } as const;
        try {
          em.create(OrganizationMembership, {
            organization: invitation.organization.id,
            user: userId,
            role: invitation.role,
          });
          await em.flush();
        } catch (error) {
          if (error instanceof UniqueConstraintViolationException) throw new AlreadyMember();
          throw error;
        }
        return { outcome: 'answered', invitation } as const;
      });
    } catch (error) {
      if (error instanceof AlreadyMember) return { outcome: 'already_member' };
      throw error;
    }
  }

  private async transition(
    em: EntityManager,
    invitationId: string,
    status: Exclude<InvitationStatus, 'pending'>,
  ): Promise<boolean> {
    const now = new Date();
    const changed = await em.nativeUpdate(
      OrganizationInvitation,
      { id: invitationId, status: 'pending', expiresAt: { $gt: now } },
      { status, respondedAt: now },
    );
    return changed === 1;
  }

  private async verifiedEmailsOf(userId: string): Promise<string[]> {
    const addresses = await this.em.find(
      EmailAddress,
      { user: userId, verified: true },
      { fields: ['normalizedEmail'] },
    );
    return addresses.map((address) => address.normalizedEmail);
  }
}
