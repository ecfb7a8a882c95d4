import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205000000OAuthSchema } from './Migration20261205000000OAuthSchema.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const OAUTH_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205000000OAuthSchema', class: Migration20261205000000OAuthSchema },
];
