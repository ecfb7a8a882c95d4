import { OrganizationMembership } from './organization-membership.entity.js';
import { Organization } from './organization.entity.js';

export { Organization, OrganizationMembership };

/** The entities of UserOrganizationsModule: add them to the host's MikroORM `entities`. */
export const ORGANIZATIONS_ENTITIES = [Organization, OrganizationMembership];
