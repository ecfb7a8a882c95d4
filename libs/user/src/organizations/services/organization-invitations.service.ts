import { Inject, Injectable } from '@nestjs/common';
import type { User } from '../../core/entities/user.entity.js';
import { UserEventsPublisher, userKitEvent } from '../../core/events/user-events.publisher.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import {
  MessageDeliveryService,
  recipientOf,
} from '../../core/services/message-delivery.service.js';
import { sameDigest } from '../../core/services/one-time-codes.js';
import { generateSecretToken, hashSecretToken } from '../../core/services/secret-token.js';
import { normalizeEmail } from '../../core/validation/email.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import type { OrganizationInvitation } from '../entities/organization-invitation.entity.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import { ORGANIZATION_PERMISSIONS, OWNER_ROLE } from '../options/organization-roles.js';
import type { MembershipView } from '../repositories/organizations.repository.js';
import {
  OrganizationInvitationsRepository,
  type InvitationAnswer,
} from '../repositories/organization-invitations.repository.js';
import { OrganizationAccessService } from './organization-access.service.js';

/** Invitations are valid seven days. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invitations to organizations: sent by a member with `invitations:manage` (owner, admin) to an
 * email address, listed and revoked by them; seen, accepted or declined by the user who verified
 * that address. Single use: the first answer wins.
 */
@Injectable()
export class OrganizationInvitationsService {
  constructor(
    @Inject(ORGANIZATIONS_OPTIONS) private readonly options: ResolvedOrganizationsOptions,
    private readonly invitations: OrganizationInvitationsRepository,
    private readonly access: OrganizationAccessService,
    private readonly events: UserEventsPublisher,
    private readonly delivery: MessageDeliveryService,
  ) {}

  async invite(
    organizationId: string,
    inviter: User,
    input: { email: string; role: string },
  ): Promise<OrganizationInvitation> {
    const actor = await this.access.requirePermission(
      organizationId,
      inviter.id,
      ORGANIZATION_PERMISSIONS.manageInvitations,
    );
    this.access.assertKnownRole(input.role);
    if (input.role === OWNER_ROLE && actor.role !== OWNER_ROLE)
      throw new UserKitException('ORGANIZATION_PERMISSION_DENIED');
    const organization = actor.organization;
    const email = normalizeEmail(input.email);
    if (await this.invitations.isMemberAddress(organization.id, email))
      throw new UserKitException('ORGANIZATION_ALREADY_MEMBER');
    const token = generateSecretToken();
    const created = await this.events.commit(
      () =>
        this.invitations.create({
          organizationId: organization.id,
          email,
          role: input.role,
          tokenHash: hashSecretToken(token),
          invitedBy: inviter.id,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        }),
      (result) => (result === 'pending_exists' ? [] : [this.event('invitation.created', result)]),
    );
    if (created === 'pending_exists') throw new UserKitException('ORGANIZATION_INVITATION_PENDING');
    await this.delivery.deliver('sendOrganizationInvitation', {
      user: recipientOf(inviter),
      email,
      organization: { id: organization.id, name: organization.name, slug: organization.slug },
      role: created.role,
      invitationId: created.id,
      link: this.linkOf(created.id, token),
      token,
      expiresAt: created.expiresAt,
    });
    return created;
  }

  async listPending(organizationId: string, userId: string): Promise<OrganizationInvitation[]> {
    const actor = await this.access.requirePermission(
      organizationId,
      userId,
      ORGANIZATION_PERMISSIONS.manageInvitations,
    );
    return this.invitations.listPending(actor.organization.id);
  }

  async revoke(organizationId: string, userId: string, invitationId: string): Promise<void> {
    const actor = await this.access.requirePermission(
      organizationId,
      userId,
      ORGANIZATION_PERMISSIONS.manageInvitations,
    );
    const invitation = isResourceId(invitationId)
      ? await this.invitations.findPendingInOrganization(invitationId, actor.organization.id)
      : null;
    if (!invitation) throw new UserKitException('ORGANIZATION_INVITATION_NOT_FOUND');
    this.assertAnswered(
      await this.events.commit(
        () => this.invitations.answer(invitation, 'revoked'),
        (answer) => this.eventsOf(answer, 'invitation.revoked'),
      ),
    );
  }

  listMine(userId: string): Promise<OrganizationInvitation[]> {
    return this.invitations.listPendingForUser(userId);
  }

  /**
   * Makes the user a member with the invitation's role. The link's token, when the front end
   * passes it on, must be the invitation's; the verified address is what entitles the user.
   */
  async accept(invitationId: string, userId: string, token?: string): Promise<MembershipView> {
    const invitation = await this.pendingFor(invitationId, userId);
    if (token !== undefined && !sameDigest(hashSecretToken(token), invitation.tokenHash))
      throw new UserKitException('ORGANIZATION_INVITATION_NOT_FOUND');
    const answer = await this.events.commit(
      () => this.invitations.accept(invitation, userId, this.options.limits),
      (result) =>
        result.outcome === 'answered'
          ? [
              this.event('invitation.accepted', invitation),
              userKitEvent('membership.created', {
                organizationId: invitation.organization.id,
                userId,
                role: invitation.role,
              }),
            ]
          : [],
    );
    this.assertAnswered(answer);
    return this.access.requireMember(invitation.organization.id, userId);
  }

  async decline(invitationId: string, userId: string): Promise<void> {
    const invitation = await this.pendingFor(invitationId, userId);
    this.assertAnswered(
      await this.events.commit(
        () => this.invitations.answer(invitation, 'declined'),
        (answer) => this.eventsOf(answer, 'invitation.declined'),
      ),
    );
  }

  private async pendingFor(invitationId: string, userId: string): Promise<OrganizationInvitation> {
    const invitation = isResourceId(invitationId)
      ? await this.invitations.findPendingForUser(invitationId, userId)
      : null;
    if (!invitation) throw new UserKitException('ORGANIZATION_INVITATION_NOT_FOUND');
    return invitation;
  }

  private linkOf(invitationId: string, token: string): string | null {
    if (!this.options.invitationUrl) return null;
    const url = new URL(this.options.invitationUrl);
    url.searchParams.set('invitation', invitationId);
    url.searchParams.set('token', token);
    return url.toString();
  }

  private event(
    name:
      'invitation.created' | 'invitation.accepted' | 'invitation.declined' | 'invitation.revoked',
    invitation: OrganizationInvitation,
  ) {
    return userKitEvent(name, {
      invitationId: invitation.id,
      organizationId: invitation.organization.id,
      email: invitation.email,
      role: invitation.role,
    });
  }

  private eventsOf(answer: InvitationAnswer, name: 'invitation.declined' | 'invitation.revoked') {
    return answer.outcome === 'answered' ? [this.event(name, answer.invitation)] : [];
  }

  private assertAnswered(answer: InvitationAnswer): void {
    if (answer.outcome === 'not_found')
      throw new UserKitException('ORGANIZATION_INVITATION_NOT_FOUND');
    if (answer.outcome === 'already_member')
      throw new UserKitException('ORGANIZATION_ALREADY_MEMBER');
    if (answer.outcome === 'user_limit') throw new UserKitException('ORGANIZATION_LIMIT_REACHED');
    if (answer.outcome === 'organization_limit')
      throw new UserKitException('ORGANIZATION_MEMBER_LIMIT_REACHED');
  }
}
