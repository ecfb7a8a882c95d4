import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000InitialSchema } from './Migration20261125000000InitialSchema.js';
import { Migration20261125100000AdminSearch } from './Migration20261125100000AdminSearch.js';
import { Migration20261125400000SignInBackoff } from './Migration20261125400000SignInBackoff.js';
import { Migration20261125600000Identifiers } from './Migration20261125600000Identifiers.js';
import { Migration20261125700000ProfileSchema } from './Migration20261125700000ProfileSchema.js';
import { Migration20261204000000ProfileImageOwner } from './Migration20261204000000ProfileImageOwner.js';
import { Migration20261204100000OAuthBindings } from './Migration20261204100000OAuthBindings.js';
import { Migration20261205100000PendingExternalAccounts } from './Migration20261205100000PendingExternalAccounts.js';
import { Migration20261205100000Usernames } from './Migration20261205100000Usernames.js';
import { Migration20261205300000AttributeLabels } from './Migration20261205300000AttributeLabels.js';
import { Migration20261205400000BanDetails } from './Migration20261205400000BanDetails.js';
import { Migration20261205500000Impersonation } from './Migration20261205500000Impersonation.js';
import { Migration20261205600000ExternalIds } from './Migration20261205600000ExternalIds.js';

/**
 * The core's schema migrations, oldest first, for PostgreSQL and SQLite. Put them in the host's
 * MikroORM `migrations.migrationsList` (next to the host's own), then each imported feature's
 * (`OAUTH_MIGRATIONS`, ...), and run `orm.migrator.up()` at start.
 */
export const USER_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000000InitialSchema', class: Migration20261125000000InitialSchema },
  { name: 'Migration20261125100000AdminSearch', class: Migration20261125100000AdminSearch },
  { name: 'Migration20261125400000SignInBackoff', class: Migration20261125400000SignInBackoff },
  { name: 'Migration20261125600000Identifiers', class: Migration20261125600000Identifiers },
  { name: 'Migration20261125700000ProfileSchema', class: Migration20261125700000ProfileSchema },
  {
    name: 'Migration20261204000000ProfileImageOwner',
    class: Migration20261204000000ProfileImageOwner,
  },
  { name: 'Migration20261204100000OAuthBindings', class: Migration20261204100000OAuthBindings },
  {
    name: 'Migration20261205100000PendingExternalAccounts',
    class: Migration20261205100000PendingExternalAccounts,
  },
  { name: 'Migration20261205100000Usernames', class: Migration20261205100000Usernames },
  {
    name: 'Migration20261205300000AttributeLabels',
    class: Migration20261205300000AttributeLabels,
  },
  { name: 'Migration20261205400000BanDetails', class: Migration20261205400000BanDetails },
  {
    name: 'Migration20261205500000Impersonation',
    class: Migration20261205500000Impersonation,
  },
  { name: 'Migration20261205600000ExternalIds', class: Migration20261205600000ExternalIds },
];
