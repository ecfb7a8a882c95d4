import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** OAuth round trips: states, link intents and one-time exchange codes (digests only). */
export class Migration20261205000000OAuthSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205000000OAuthSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_oauth_states" ("id" varchar(36) not null, "state_hash" varchar(64) not null, "provider" varchar(50) not null, "browser_hash" varchar(64) not null, "redirect_url" varchar(2048) not null, "link_user_id" varchar(36) null, "link_session_id" varchar(36) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "code_challenge" varchar(64) null, primary key ("id"), constraint "userkit_oauth_states_state_hash_unique" unique ("state_hash"), constraint "userkit_oauth_states_link_user_id_foreign" foreign key ("link_user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_oauth_states_browser_hash_idx" on "userkit_oauth_states" ("browser_hash")`,
      `create index if not exists "userkit_oauth_states_link_user_id_index" on "userkit_oauth_states" ("link_user_id")`,
      `create table if not exists "userkit_oauth_link_intents" ("id" varchar(36) not null, "token_hash" varchar(64) not null, "user_id" varchar(36) not null, "session_id" varchar(36) not null, "provider" varchar(50) not null, "redirect_url" varchar(2048) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "browser_hash" varchar(64) null, primary key ("id"), constraint "userkit_oauth_link_intents_token_hash_unique" unique ("token_hash"), constraint "userkit_oauth_link_intents_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_oauth_link_intents_user_id_index" on "userkit_oauth_link_intents" ("user_id")`,
      `create table if not exists "userkit_oauth_exchange_codes" ("id" varchar(36) not null, "code_hash" varchar(64) not null, "user_id" varchar(36) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "provider" varchar(50) null, "browser_hash" varchar(64) null, "code_challenge" varchar(64) null, primary key ("id"), constraint "userkit_oauth_exchange_codes_code_hash_unique" unique ("code_hash"), constraint "userkit_oauth_exchange_codes_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_oauth_exchange_codes_user_id_index" on "userkit_oauth_exchange_codes" ("user_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_oauth_states` (`id` text not null primary key, `state_hash` text not null, `provider` text not null, `browser_hash` text not null, `redirect_url` text not null, `link_user_id` text null, `link_session_id` text null, `created_at` datetime not null, `expires_at` datetime not null, `used_at` datetime null, `code_challenge` text null, constraint `userkit_oauth_states_link_user_id_foreign` foreign key (`link_user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_oauth_states_state_hash_unique` on `userkit_oauth_states` (`state_hash`)',
      'create index if not exists `userkit_oauth_states_browser_hash_idx` on `userkit_oauth_states` (`browser_hash`)',
      'create index if not exists `userkit_oauth_states_link_user_id_index` on `userkit_oauth_states` (`link_user_id`)',
      'create table if not exists `userkit_oauth_link_intents` (`id` text not null primary key, `token_hash` text not null, `user_id` text not null, `session_id` text not null, `provider` text not null, `redirect_url` text not null, `created_at` datetime not null, `expires_at` datetime not null, `used_at` datetime null, `browser_hash` text null, constraint `userkit_oauth_link_intents_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_oauth_link_intents_token_hash_unique` on `userkit_oauth_link_intents` (`token_hash`)',
      'create index if not exists `userkit_oauth_link_intents_user_id_index` on `userkit_oauth_link_intents` (`user_id`)',
      'create table if not exists `userkit_oauth_exchange_codes` (`id` text not null primary key, `code_hash` text not null, `user_id` text not null, `created_at` datetime not null, `expires_at` datetime not null, `used_at` datetime null, `provider` text null, `browser_hash` text null, `code_challenge` text null, constraint `userkit_oauth_exchange_codes_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_oauth_exchange_codes_code_hash_unique` on `userkit_oauth_exchange_codes` (`code_hash`)',
      'create index if not exists `userkit_oauth_exchange_codes_user_id_index` on `userkit_oauth_exchange_codes` (`user_id`)',
    ],
    laterColumns: [
      {
        table: 'userkit_oauth_states',
        column: 'code_challenge',
        postgresql: 'varchar(64) null',
        sqlite: 'text null',
      },
      {
        table: 'userkit_oauth_exchange_codes',
        column: 'provider',
        postgresql: 'varchar(50) null',
        sqlite: 'text null',
      },
      {
        table: 'userkit_oauth_exchange_codes',
        column: 'browser_hash',
        postgresql: 'varchar(64) null',
        sqlite: 'text null',
      },
      {
        table: 'userkit_oauth_exchange_codes',
        column: 'code_challenge',
        postgresql: 'varchar(64) null',
        sqlite: 'text null',
      },
      {
        table: 'userkit_oauth_link_intents',
        column: 'browser_hash',
        postgresql: 'varchar(64) null',
        sqlite: 'text null',
      },
    ],
  };
}
