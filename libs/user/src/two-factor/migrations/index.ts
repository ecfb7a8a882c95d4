import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205000000TwoFactorSchema } from './Migration20261205000000TwoFactorSchema.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const TWO_FACTOR_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205000000TwoFactorSchema', class: Migration20261205000000TwoFactorSchema },
];
