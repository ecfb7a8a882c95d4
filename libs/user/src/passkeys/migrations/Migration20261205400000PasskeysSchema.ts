import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** Passkeys (public keys only) and their single-use challenges (digests only). */
export class Migration20261205400000PasskeysSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205400000PasskeysSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_passkeys" ("id" varchar(36) not null, "user_id" varchar(36) not null, "credential_id" text not null, "public_key" text not null, "counter" bigint not null default 0, "transports" varchar(128) null, "device_type" varchar(16) not null, "backed_up" boolean not null, "name" varchar(64) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, primary key ("id"), constraint "userkit_passkeys_credential_id_unique" unique ("credential_id"), constraint "userkit_passkeys_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_passkeys_user_id_index" on "userkit_passkeys" ("user_id")`,
      `create table if not exists "userkit_passkey_challenges" ("id" varchar(36) not null, "token_hash" varchar(64) not null, "purpose" varchar(16) not null, "user_id" varchar(36) null, "expires_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"), constraint "userkit_passkey_challenges_token_hash_unique" unique ("token_hash"), constraint "userkit_passkey_challenges_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_passkey_challenges_user_id_index" on "userkit_passkey_challenges" ("user_id")`,
      `create index if not exists "userkit_passkey_challenges_expires_at_index" on "userkit_passkey_challenges" ("expires_at")`,
    ],
    sqlite: [
      'create table if not exists `userkit_passkeys` (`id` text not null primary key, `user_id` text not null, `credential_id` text not null, `public_key` text not null, `counter` integer not null default 0, `transports` text null, `device_type` text not null, `backed_up` integer not null, `name` text not null, `created_at` datetime not null, `last_used_at` datetime null, constraint `userkit_passkeys_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_passkeys_credential_id_unique` on `userkit_passkeys` (`credential_id`)',
      'create index if not exists `userkit_passkeys_user_id_index` on `userkit_passkeys` (`user_id`)',
      'create table if not exists `userkit_passkey_challenges` (`id` text not null primary key, `token_hash` text not null, `purpose` text not null, `user_id` text null, `expires_at` datetime not null, `created_at` datetime not null, constraint `userkit_passkey_challenges_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_passkey_challenges_token_hash_unique` on `userkit_passkey_challenges` (`token_hash`)',
      'create index if not exists `userkit_passkey_challenges_user_id_index` on `userkit_passkey_challenges` (`user_id`)',
      'create index if not exists `userkit_passkey_challenges_expires_at_index` on `userkit_passkey_challenges` (`expires_at`)',
    ],
  };
}
