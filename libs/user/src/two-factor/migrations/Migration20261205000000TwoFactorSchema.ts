import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** TOTP credentials, backup codes and sign-in challenges (digests and encrypted secrets only). */
export class Migration20261205000000TwoFactorSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205000000TwoFactorSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_totp_credentials" ("id" varchar(36) not null, "user_id" varchar(36) not null, "encrypted_secret" text not null, "confirmed_at" timestamptz null, "last_used_step" int null, "created_at" timestamptz not null, primary key ("id"), constraint "userkit_totp_credentials_user_unique" unique ("user_id"), constraint "userkit_totp_credentials_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create table if not exists "userkit_backup_codes" ("id" varchar(36) not null, "user_id" varchar(36) not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"), constraint "userkit_backup_codes_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_backup_codes_user_id_index" on "userkit_backup_codes" ("user_id")`,
      `create table if not exists "userkit_two_factor_challenges" ("id" varchar(36) not null, "user_id" varchar(36) not null, "token_hash" varchar(64) not null, "attempts" int not null default 0, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, "first_factor" varchar(16) not null default 'password', primary key ("id"), constraint "userkit_two_factor_challenges_token_hash_unique" unique ("token_hash"), constraint "userkit_two_factor_challenges_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_two_factor_challenges_user_id_index" on "userkit_two_factor_challenges" ("user_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_totp_credentials` (`id` text not null primary key, `user_id` text not null, `encrypted_secret` text not null, `confirmed_at` datetime null, `last_used_step` integer null, `created_at` datetime not null, constraint `userkit_totp_credentials_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_totp_credentials_user_unique` on `userkit_totp_credentials` (`user_id`)',
      'create table if not exists `userkit_backup_codes` (`id` text not null primary key, `user_id` text not null, `code_hash` text not null, `used_at` datetime null, `created_at` datetime not null, constraint `userkit_backup_codes_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create index if not exists `userkit_backup_codes_user_id_index` on `userkit_backup_codes` (`user_id`)',
      "create table if not exists `userkit_two_factor_challenges` (`id` text not null primary key, `user_id` text not null, `token_hash` text not null, `attempts` integer not null default 0, `expires_at` datetime not null, `used_at` datetime null, `created_at` datetime not null, `first_factor` text not null default 'password', constraint `userkit_two_factor_challenges_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)",
      'create index if not exists `userkit_two_factor_challenges_user_id_index` on `userkit_two_factor_challenges` (`user_id`)',
      'create unique index if not exists `userkit_two_factor_challenges_token_hash_unique` on `userkit_two_factor_challenges` (`token_hash`)',
    ],
    laterColumns: [
      {
        table: 'userkit_two_factor_challenges',
        column: 'first_factor',
        postgresql: "varchar(16) not null default 'password'",
        sqlite: "text not null default 'password'",
      },
    ],
  };
}
