import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205400000PasskeysSchema } from './Migration20261205400000PasskeysSchema.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const PASSKEYS_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205400000PasskeysSchema', class: Migration20261205400000PasskeysSchema },
];
