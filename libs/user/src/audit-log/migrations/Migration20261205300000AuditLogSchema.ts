import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/**
 * The audit log: newest first by (created_at, id), alone or under the filters (user, actor, type,
 * user and type, actor and type); each index ends with the sort key, so a filtered page is one
 * index range read backwards from the cursor, never a scan of rows the filter then drops (an
 * admin with a million actions and none of the type asked for answers as fast as any other).
 */
export class Migration20261205300000AuditLogSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205300000AuditLogSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_audit_log" ("id" varchar(36) not null, "created_at" timestamptz(3) not null, "type" varchar(64) not null, "user_id" varchar(36) null, "actor_id" varchar(36) null, "session_id" varchar(36) null, "ip" varchar(64) null, "user_agent" varchar(512) null, "details" jsonb not null default '{}', primary key ("id"))`,
      `create index if not exists "userkit_audit_log_created_at_index" on "userkit_audit_log" ("created_at", "id")`,
      `create index if not exists "userkit_audit_log_user_index" on "userkit_audit_log" ("user_id", "created_at", "id")`,
      `create index if not exists "userkit_audit_log_actor_index" on "userkit_audit_log" ("actor_id", "created_at", "id")`,
      `create index if not exists "userkit_audit_log_type_index" on "userkit_audit_log" ("type", "created_at", "id")`,
      `create index if not exists "userkit_audit_log_user_type_index" on "userkit_audit_log" ("user_id", "type", "created_at", "id")`,
      `create index if not exists "userkit_audit_log_actor_type_index" on "userkit_audit_log" ("actor_id", "type", "created_at", "id")`,
    ],
    sqlite: [
      "create table if not exists `userkit_audit_log` (`id` text not null primary key, `created_at` datetime not null, `type` text not null, `user_id` text null, `actor_id` text null, `session_id` text null, `ip` text null, `user_agent` text null, `details` json not null default '{}')",
      'create index if not exists `userkit_audit_log_created_at_index` on `userkit_audit_log` (`created_at`, `id`)',
      'create index if not exists `userkit_audit_log_user_index` on `userkit_audit_log` (`user_id`, `created_at`, `id`)',
      'create index if not exists `userkit_audit_log_actor_index` on `userkit_audit_log` (`actor_id`, `created_at`, `id`)',
      'create index if not exists `userkit_audit_log_type_index` on `userkit_audit_log` (`type`, `created_at`, `id`)',
      'create index if not exists `userkit_audit_log_user_type_index` on `userkit_audit_log` (`user_id`, `type`, `created_at`, `id`)',
      'create index if not exists `userkit_audit_log_actor_type_index` on `userkit_audit_log` (`actor_id`, `type`, `created_at`, `id`)',
    ],
  };
}
