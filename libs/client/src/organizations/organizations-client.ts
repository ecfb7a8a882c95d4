import type {
  ActiveOrganizationResponse,
  CreateInvitationDto,
  CreateOrganizationDto,
  MembersPageQuery,
  MyInvitationResponse,
  OrganizationInvitationResponse,
  OrganizationMemberRoleResponse,
  OrganizationMembershipResponse,
  OrganizationMembersPageResponse,
  UpdateOrganizationDto,
} from '../generated/api-types.js';
import type { Transport } from '../transport.js';
import { queryString } from '../user.js';
import {
  activeOrganizationOf,
  NO_ACTIVE_ORGANIZATION,
  type ActiveOrganizationState,
} from './active-organization.js';

const segment = encodeURIComponent;

/**
 * `client.organizations`: the signed-in user's organizations, their members and invitations
 * (the API's UserOrganizationsModule). Every call needs a session.
 */
export class OrganizationsClient {
  constructor(
    private readonly transport: Transport,
    /** The client's copy of the session's organization, kept in step by these calls. */
    private readonly active?: ActiveOrganizationState,
  ) {}

  /** The organizations you belong to, with your role in each (GET /me/organizations). */
  list(): Promise<OrganizationMembershipResponse[]> {
    return this.transport.send('GET', '/me/organizations');
  }

  /** A new organization; you are its owner. The slug is made from the name when left out. */
  create(params: CreateOrganizationDto): Promise<OrganizationMembershipResponse> {
    return this.transport.send('POST', '/organizations', { body: params });
  }

  get(organizationId: string): Promise<OrganizationMembershipResponse> {
    return this.transport.send('GET', `/organizations/${segment(organizationId)}`);
  }

  /** A new name or slug (owner, admin). */
  update(
    organizationId: string,
    params: UpdateOrganizationDto,
  ): Promise<OrganizationMembershipResponse> {
    return this.transport.send('PATCH', `/organizations/${segment(organizationId)}`, {
      body: params,
    });
  }

  /**
   * Uploads the logo (PNG, JPEG, GIF or WebP, at most 5 MB; owner, admin): `organization.logoUrl`
   * of the answer serves it. Needs a FileStorage on the API (UserProfileImagesModule).
   */
  setLogo(organizationId: string, file: Blob): Promise<OrganizationMembershipResponse> {
    const form = new FormData();
    form.append('file', file);
    return this.transport.send('PUT', `/organizations/${segment(organizationId)}/logo`, {
      body: form,
    });
  }

  /** No logo any more (owner, admin). */
  removeLogo(organizationId: string): Promise<OrganizationMembershipResponse> {
    return this.transport.send('DELETE', `/organizations/${segment(organizationId)}/logo`);
  }

  /** Deletes the organization, its memberships and invitations with it (owner only). */
  async delete(organizationId: string): Promise<void> {
    await this.transport.send('DELETE', `/organizations/${segment(organizationId)}`);
    this.forgetActive(organizationId);
  }

  /** Members in the order they joined; pass `nextCursor` for the next page. */
  listMembers(
    organizationId: string,
    params: MembersPageQuery = {},
  ): Promise<OrganizationMembersPageResponse> {
    return this.transport.send(
      'GET',
      `/organizations/${segment(organizationId)}/members${queryString({ ...params })}`,
    );
  }

  /** Gives a member another role (owner, admin; only an owner makes or unmakes an owner). */
  changeMemberRole(
    organizationId: string,
    userId: string,
    role: string,
  ): Promise<OrganizationMemberRoleResponse> {
    return this.transport.send(
      'PATCH',
      `/organizations/${segment(organizationId)}/members/${segment(userId)}`,
      { body: { role } },
    );
  }

  /** Removes a member; your own id: you leave. The last owner can do neither. */
  async removeMember(organizationId: string, userId: string): Promise<void> {
    await this.transport.send(
      'DELETE',
      `/organizations/${segment(organizationId)}/members/${segment(userId)}`,
    );
    if (userId === this.active?.userId()) this.forgetActive(organizationId);
  }

  /** Invites an email address with a role (owner, admin); the API's MessageSender sends it. */
  invite(
    organizationId: string,
    params: CreateInvitationDto,
  ): Promise<OrganizationInvitationResponse> {
    return this.transport.send('POST', `/organizations/${segment(organizationId)}/invitations`, {
      body: params,
    });
  }

  /** The organization's pending invitations (owner, admin). */
  listInvitations(organizationId: string): Promise<OrganizationInvitationResponse[]> {
    return this.transport.send('GET', `/organizations/${segment(organizationId)}/invitations`);
  }

  async revokeInvitation(organizationId: string, invitationId: string): Promise<void> {
    await this.transport.send(
      'DELETE',
      `/organizations/${segment(organizationId)}/invitations/${segment(invitationId)}`,
    );
  }

  /** This session's organization (`organizationId`, `slug`, `role`), all null when none is set. */
  async getActive(): Promise<ActiveOrganizationResponse> {
    const response = await this.transport.send<ActiveOrganizationResponse>(
      'GET',
      '/me/session/organization',
    );
    this.active?.changed(activeOrganizationOf(response));
    return response;
  }

  /** Makes an organization of yours this session's (null: none). */
  async setActive(organizationId: string | null): Promise<ActiveOrganizationResponse> {
    const response = await this.transport.send<ActiveOrganizationResponse>(
      'PUT',
      '/me/session/organization',
      { body: { organizationId } },
    );
    this.active?.changed(activeOrganizationOf(response));
    return response;
  }

  /** Pending invitations to your verified addresses (GET /me/invitations). */
  listMyInvitations(): Promise<MyInvitationResponse[]> {
    return this.transport.send('GET', '/me/invitations');
  }

  /** Joins with the invitation's role; `token`: the one of the invitation link, when you have it. */
  acceptInvitation(invitationId: string, token?: string): Promise<OrganizationMembershipResponse> {
    return this.transport.send('POST', `/invitations/${segment(invitationId)}/accept`, {
      body: token === undefined ? {} : { token },
    });
  }

  /** You left, or the organization is gone: the API no longer gives the session that one. */
  private forgetActive(organizationId: string): void {
    if (this.active?.current().orgId === organizationId)
      this.active.changed(NO_ACTIVE_ORGANIZATION);
  }

  async declineInvitation(invitationId: string): Promise<void> {
    await this.transport.send('POST', `/invitations/${segment(invitationId)}/decline`, {
      body: {},
    });
  }
}
