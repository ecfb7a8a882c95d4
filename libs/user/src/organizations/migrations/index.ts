import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205400000OrganizationsSchema } from './Migration20261205400000OrganizationsSchema.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const ORGANIZATIONS_MIGRATIONS: MigrationObject[] = [
  {
    name: 'Migration20261205400000OrganizationsSchema',
    class: Migration20261205400000OrganizationsSchema,
  },
];
