import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AdminOrganizationsController } from './controllers/admin-organizations.controller.js';
import { ActiveOrganizationController } from './controllers/active-organization.controller.js';
import { MeInvitationsController } from './controllers/me-invitations.controller.js';
import { MeOrganizationsController } from './controllers/me-organizations.controller.js';
import { OrganizationInvitationsController } from './controllers/organization-invitations.controller.js';
import { OrganizationMembersController } from './controllers/organization-members.controller.js';
import { OrganizationsController } from './controllers/organizations.controller.js';
import { OrganizationLogoController } from './controllers/organization-logo.controller.js';
import { OrganizationLogosController } from './controllers/organization-logos.controller.js';
import { OrganizationsFeatureListener } from './listeners/organizations-feature.listener.js';
import { ORGANIZATIONS_ENTITIES } from './entities/index.js';
import { OrganizationAccessGuard } from './guards/organization-access.guard.js';
import {
  ORGANIZATIONS_OPTIONS,
  resolveOrganizationsOptions,
  type UserOrganizationsModuleOptions,
} from './options/organizations-options.js';
import { OrganizationInvitationsRepository } from './repositories/organization-invitations.repository.js';
import { OrganizationMembersRepository } from './repositories/organization-members.repository.js';
import { OrganizationsRepository } from './repositories/organizations.repository.js';
import { MembershipSessionRead } from './repositories/membership-session-read.js';
import { SessionOrganizationsRepository } from './repositories/session-organizations.repository.js';
import { ActiveOrganizationService } from './services/active-organization.service.js';
import { OrganizationAccessService } from './services/organization-access.service.js';
import { OrganizationInvitationsService } from './services/organization-invitations.service.js';
import { OrganizationMembersService } from './services/organization-members.service.js';
import { OrganizationsService } from './services/organizations.service.js';
import { OrganizationLogosService } from './services/organization-logos.service.js';
import {
  ORGANIZATIONS_MODULE_OPTIONS,
  UserOrganizationsConfigurableModule,
} from './user-organizations.module-definition.js';

/**
 * Organizations: teams of users with a role each (`owner`, `admin`, `member` and the host's
 * roles, each a set of permissions), `/organizations`, `/me/organizations`, invitations by email
 * (`/organizations/:id/invitations`, `/me/invitations`, `/invitations/:id/accept`), and the guards of
 * the host's own organization routes (`@OrgRoles()`, `@OrgPermissions()`, `@OrgMember()`,
 * `@CurrentOrganization()`). Needs UserModule (global).
 */
@Module({
  imports: [MikroOrmModule.forFeature(ORGANIZATIONS_ENTITIES)],
  controllers: [
    OrganizationsController,
    MeOrganizationsController,
    OrganizationMembersController,
    OrganizationInvitationsController,
    MeInvitationsController,
    ActiveOrganizationController,
    AdminOrganizationsController,
    OrganizationLogoController,
    OrganizationLogosController,
  ],
  providers: [
    {
      provide: ORGANIZATIONS_OPTIONS,
      useFactory: (options: UserOrganizationsModuleOptions) => resolveOrganizationsOptions(options),
      inject: [ORGANIZATIONS_MODULE_OPTIONS],
    },
    OrganizationsRepository,
    OrganizationMembersRepository,
    OrganizationAccessService,
    OrganizationsService,
    OrganizationMembersService,
    OrganizationInvitationsRepository,
    OrganizationInvitationsService,
    SessionOrganizationsRepository,
    ActiveOrganizationService,
    OrganizationAccessGuard,
    OrganizationsFeatureListener,
    OrganizationLogosService,
    MembershipSessionRead,
  ],
  exports: [
    ORGANIZATIONS_OPTIONS,
    OrganizationAccessService,
    OrganizationsService,
    OrganizationMembersService,
    OrganizationInvitationsService,
    ActiveOrganizationService,
    OrganizationAccessGuard,
    OrganizationLogosService,
    MembershipSessionRead,
  ],
})
export class UserOrganizationsModule extends UserOrganizationsConfigurableModule {}
