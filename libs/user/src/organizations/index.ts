// `@userkit/user/organizations`: teams of users, their roles and permissions, and the guards of
// the host's organization routes.
export { UserOrganizationsModule } from './user-organizations.module.js';
export {
  ORGANIZATIONS_MODULE_OPTIONS,
  ORGANIZATIONS_OPTIONS_TYPE,
  ORGANIZATIONS_ASYNC_OPTIONS_TYPE,
} from './user-organizations.module-definition.js';
export {
  ORGANIZATIONS_OPTIONS,
  type UserOrganizationsModuleOptions,
  type ResolvedOrganizationsOptions,
} from './options/organizations-options.js';
export {
  OWNER_ROLE,
  ADMIN_ROLE,
  MEMBER_ROLE,
  ORGANIZATION_PERMISSIONS,
  BUILT_IN_ROLE_PERMISSIONS,
} from './options/organization-roles.js';
export {
  ORGANIZATIONS_ENTITIES,
  Organization,
  OrganizationMembership,
  OrganizationInvitation,
  SessionOrganization,
  type InvitationStatus,
} from './entities/index.js';
export { ORGANIZATIONS_MIGRATIONS } from './migrations/index.js';
export { OrganizationsService } from './services/organizations.service.js';
export {
  OrganizationMembersService,
  type MembersPage,
} from './services/organization-members.service.js';
export {
  OrganizationInvitationsService,
  INVITATION_TTL_MS,
} from './services/organization-invitations.service.js';
export {
  OrganizationLogosService,
  ORGANIZATION_LOGOS_PATH,
} from './services/organization-logos.service.js';
export type { OrganizationChanges } from './repositories/organizations.repository.js';
export { ActiveOrganizationService } from './services/active-organization.service.js';
export { OrganizationAccessService } from './services/organization-access.service.js';
export type { MembershipView } from './repositories/organizations.repository.js';
export type { MemberRow } from './repositories/organization-members.repository.js';
export { OrganizationAccessGuard } from './guards/organization-access.guard.js';
export type {
  CurrentOrganizationMembership,
  OrganizationValues,
} from './guards/current-organization-key.js';
export {
  OrgMember,
  OrgRoles,
  OrgPermissions,
  type OrganizationRouteOptions,
} from './decorators/organization-access.decorator.js';
export { CurrentOrganization } from './decorators/current-organization.decorator.js';
export * from './dto/organization.response.js';
