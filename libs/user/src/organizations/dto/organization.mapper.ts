import type { OrganizationInvitation } from '../entities/organization-invitation.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import type { MemberRow } from '../repositories/organization-members.repository.js';
import type { MembershipView } from '../repositories/organizations.repository.js';
import type {
  AdminOrganizationResponse,
  MyInvitationResponse,
  OrganizationInvitationResponse,
  OrganizationMemberResponse,
  OrganizationMembershipResponse,
  OrganizationResponse,
} from './organization.response.js';

export function mapOrganization(organization: Organization): OrganizationResponse {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    logoUrl: organization.logoUrl ?? null,
    publicMetadata: organization.publicMetadata ?? {},
    createdAt: organization.createdAt.toISOString(),
    updatedAt: organization.updatedAt.toISOString(),
  };
}

/** The admin view: everything a member sees, and the private metadata. */
export function mapAdminOrganization(organization: Organization): AdminOrganizationResponse {
  return {
    ...mapOrganization(organization),
    privateMetadata: organization.privateMetadata ?? {},
  };
}

export function mapMembership(
  view: MembershipView,
  permissions: string[],
): OrganizationMembershipResponse {
  return {
    organization: mapOrganization(view.organization),
    role: view.role,
    permissions,
    joinedAt: view.joinedAt.toISOString(),
  };
}

export function mapMember(row: MemberRow): OrganizationMemberResponse {
  return {
    userId: row.userId,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
    email: row.email,
    username: row.username,
    displayName: row.displayName,
    firstName: row.firstName,
    lastName: row.lastName,
  };
}

export function mapInvitation(invitation: OrganizationInvitation): OrganizationInvitationResponse {
  return {
    id: invitation.id,
    organizationId: invitation.organization.id,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export function mapMyInvitation(invitation: OrganizationInvitation): MyInvitationResponse {
  return {
    id: invitation.id,
    organization: mapOrganization(invitation.organization),
    email: invitation.email,
    role: invitation.role,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
