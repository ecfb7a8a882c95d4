import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205400000OrganizationsSchema } from './Migration20261205400000OrganizationsSchema.js';
import { Migration20261205400100OrganizationInvitations } from './Migration20261205400100OrganizationInvitations.js';
import { Migration20261205400200SessionOrganizations } from './Migration20261205400200SessionOrganizations.js';
import { Migration20261205400300OrganizationProfile } from './Migration20261205400300OrganizationProfile.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const ORGANIZATIONS_MIGRATIONS: MigrationObject[] = [
  {
    name: 'Migration20261205400000OrganizationsSchema',
    class: Migration20261205400000OrganizationsSchema,
  },
  {
    name: 'Migration20261205400100OrganizationInvitations',
    class: Migration20261205400100OrganizationInvitations,
  },
  {
    name: 'Migration20261205400200SessionOrganizations',
    class: Migration20261205400200SessionOrganizations,
  },
  {
    name: 'Migration20261205400300OrganizationProfile',
    class: Migration20261205400300OrganizationProfile,
  },
];
