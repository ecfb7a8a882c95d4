import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205000000OAuthSchema } from './Migration20261205000000OAuthSchema.js';
import { Migration20261205100000OAuthPendingAccounts } from './Migration20261205100000OAuthPendingAccounts.js';
import { Migration20261206000000ExchangeSignInMethod } from './Migration20261206000000ExchangeSignInMethod.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const OAUTH_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205000000OAuthSchema', class: Migration20261205000000OAuthSchema },
  {
    name: 'Migration20261205100000OAuthPendingAccounts',
    class: Migration20261205100000OAuthPendingAccounts,
  },
  {
    name: 'Migration20261206000000ExchangeSignInMethod',
    class: Migration20261206000000ExchangeSignInMethod,
  },
];
