import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_external_accounts" alter column "provider_user_id" drop not null`,
  `alter table "userkit_external_accounts" add column "verification_error_code" varchar(64) null`,
  `alter table "userkit_external_accounts" add column "verification_expires_at" timestamptz null`,
];

/** SQLite cannot drop a NOT NULL: the table is rebuilt (nothing references it), names kept. */
const SQLITE = [
  "create table `userkit_external_accounts_next` (`id` text not null primary key, `user_id` text not null, `provider` text not null, `provider_user_id` text null, `email` text null, `display_name` text null, `picture` text null, `verification_status` text not null default 'unverified', `verification_error` text null, `created_at` datetime not null, `verification_error_code` text null, `verification_expires_at` datetime null, constraint `userkit_external_accounts_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)",
  'insert into `userkit_external_accounts_next` (`id`, `user_id`, `provider`, `provider_user_id`, `email`, `display_name`, `picture`, `verification_status`, `verification_error`, `created_at`) select `id`, `user_id`, `provider`, `provider_user_id`, `email`, `display_name`, `picture`, `verification_status`, `verification_error`, `created_at` from `userkit_external_accounts`',
  'drop table `userkit_external_accounts`',
  'alter table `userkit_external_accounts_next` rename to `userkit_external_accounts`',
  'create index `userkit_external_accounts_user_id_index` on `userkit_external_accounts` (`user_id`)',
  'create unique index `userkit_external_accounts_provider_user_unique` on `userkit_external_accounts` (`provider`, `provider_user_id`)',
];

/**
 * An external account may be pending: stored when the link starts (`unverified`, no provider user
 * id yet, an expiry), `failed` with an error code and message, or verified by the round trip.
 */
export class Migration20261205100000PendingExternalAccounts extends Migration {
  override name = 'Migration20261205100000PendingExternalAccounts';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
