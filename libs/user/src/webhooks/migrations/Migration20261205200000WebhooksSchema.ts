import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/**
 * Webhook endpoints, the outbox of messages and their deliveries. No foreign key to users: a
 * `user.deleted` message outlives its user. The partial index serves the worker's two questions
 * (what is due; is an earlier message of the same user still pending for this endpoint).
 */
export class Migration20261205200000WebhooksSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205200000WebhooksSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_webhook_endpoints" ("id" varchar(36) not null, "url" varchar(2048) not null, "description" varchar(500) null, "event_types" text not null, "secret" varchar(100) not null, "previous_secret" varchar(100) null, "previous_secret_expires_at" timestamptz null, "from_options" boolean not null default false, "enabled" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"))`,
      `create table if not exists "userkit_webhook_messages" ("id" varchar(36) not null, "event_type" varchar(64) not null, "user_id" varchar(36) not null, "body" text not null, "created_at" timestamptz not null, primary key ("id"))`,
      `create index if not exists "userkit_webhook_messages_created_at_index" on "userkit_webhook_messages" ("created_at")`,
      `create table if not exists "userkit_webhook_deliveries" ("endpoint_id" varchar(36) not null, "message_id" varchar(36) not null, "user_id" varchar(36) not null, "status" varchar(16) not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_owner" varchar(100) null, "lease_expires_at" timestamptz null, "last_attempt_at" timestamptz null, "last_status_code" int null, "last_duration_ms" int null, "last_error" varchar(200) null, "delivered_at" timestamptz null, "created_at" timestamptz not null, primary key ("endpoint_id", "message_id"), constraint "userkit_webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "userkit_webhook_endpoints" ("id") on delete cascade, constraint "userkit_webhook_deliveries_message_id_foreign" foreign key ("message_id") references "userkit_webhook_messages" ("id") on delete cascade)`,
      `create index if not exists "userkit_webhook_deliveries_pending_index" on "userkit_webhook_deliveries" ("endpoint_id", "user_id", "message_id") where "status" = 'pending'`,
      `create index if not exists "userkit_webhook_deliveries_due_index" on "userkit_webhook_deliveries" ("next_attempt_at") where "status" = 'pending'`,
      `create index if not exists "userkit_webhook_deliveries_message_id_index" on "userkit_webhook_deliveries" ("message_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_webhook_endpoints` (`id` text not null primary key, `url` text not null, `description` text null, `event_types` text not null, `secret` text not null, `previous_secret` text null, `previous_secret_expires_at` datetime null, `from_options` integer not null default 0, `enabled` integer not null default 1, `created_at` datetime not null, `updated_at` datetime not null)',
      'create table if not exists `userkit_webhook_messages` (`id` text not null primary key, `event_type` text not null, `user_id` text not null, `body` text not null, `created_at` datetime not null)',
      'create index if not exists `userkit_webhook_messages_created_at_index` on `userkit_webhook_messages` (`created_at`)',
      'create table if not exists `userkit_webhook_deliveries` (`endpoint_id` text not null, `message_id` text not null, `user_id` text not null, `status` text not null, `attempts` integer not null default 0, `next_attempt_at` datetime not null, `lease_owner` text null, `lease_expires_at` datetime null, `last_attempt_at` datetime null, `last_status_code` integer null, `last_duration_ms` integer null, `last_error` text null, `delivered_at` datetime null, `created_at` datetime not null, primary key (`endpoint_id`, `message_id`), constraint `userkit_webhook_deliveries_endpoint_id_foreign` foreign key (`endpoint_id`) references `userkit_webhook_endpoints` (`id`) on delete cascade, constraint `userkit_webhook_deliveries_message_id_foreign` foreign key (`message_id`) references `userkit_webhook_messages` (`id`) on delete cascade)',
      "create index if not exists `userkit_webhook_deliveries_pending_index` on `userkit_webhook_deliveries` (`endpoint_id`, `user_id`, `message_id`) where `status` = 'pending'",
      "create index if not exists `userkit_webhook_deliveries_due_index` on `userkit_webhook_deliveries` (`next_attempt_at`) where `status` = 'pending'",
      'create index if not exists `userkit_webhook_deliveries_message_id_index` on `userkit_webhook_deliveries` (`message_id`)',
    ],
  };
}
