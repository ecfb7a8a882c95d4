import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205300000AuditLogSchema } from './Migration20261205300000AuditLogSchema.js';

/** This feature's table: list it after USER_MIGRATIONS in the host's `migrationsList`. */
export const AUDIT_LOG_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205300000AuditLogSchema', class: Migration20261205300000AuditLogSchema },
];
