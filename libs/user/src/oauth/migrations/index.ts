import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205000000OAuthSchema } from './Migration20261205000000OAuthSchema.js';
import { Migration20261205100000OAuthPendingAccounts } from './Migration20261205100000OAuthPendingAccounts.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const OAUTH_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205000000OAuthSchema', class: Migration20261205000000OAuthSchema },
  {
    name: 'Migration20261205100000OAuthPendingAccounts',
    class: Migration20261205100000OAuthPendingAccounts,
  },
];
