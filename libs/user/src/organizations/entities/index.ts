import { OrganizationInvitation, type InvitationStatus } from './organization-invitation.entity.js';
import { OrganizationMembership } from './organization-membership.entity.js';
import { Organization } from './organization.entity.js';
import { SessionOrganization } from './session-organization.entity.js';

export {
  Organization,
  OrganizationMembership,
  OrganizationInvitation,
  SessionOrganization,
  type InvitationStatus,
};

/** The entities of UserOrganizationsModule: add them to the host's MikroORM `entities`. */
export const ORGANIZATIONS_ENTITIES = [
  Organization,
  OrganizationMembership,
  OrganizationInvitation,
  SessionOrganization,
];
