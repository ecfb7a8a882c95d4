import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205200000WebhooksSchema } from './Migration20261205200000WebhooksSchema.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const WEBHOOKS_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205200000WebhooksSchema', class: Migration20261205200000WebhooksSchema },
];
