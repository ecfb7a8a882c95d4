import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** Sign-in links and sign-up codes mailed to an address (digests only). */
export class Migration20261206000000EmailSignInTokens extends SchemaStatementsMigration {
  override name = 'Migration20261206000000EmailSignInTokens';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_email_sign_in_tokens" ("id" varchar(36) not null, "kind" varchar(16) not null, "token_hash" varchar(64) not null, "normalized_email" varchar(320) not null, "email" varchar(320) not null, "user_id" varchar(36) null, "redirect_url" varchar(2048) null, "code_challenge" varchar(64) null, "attempts" int not null default 0, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"), constraint "userkit_email_sign_in_tokens_token_hash_unique" unique ("token_hash"), constraint "userkit_email_sign_in_tokens_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_email_sign_in_tokens_normalized_email_index" on "userkit_email_sign_in_tokens" ("normalized_email")`,
      `create index if not exists "userkit_email_sign_in_tokens_user_id_index" on "userkit_email_sign_in_tokens" ("user_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_email_sign_in_tokens` (`id` text not null primary key, `kind` text not null, `token_hash` text not null, `normalized_email` text not null, `email` text not null, `user_id` text null, `redirect_url` text null, `code_challenge` text null, `attempts` integer not null default 0, `expires_at` datetime not null, `used_at` datetime null, `created_at` datetime not null, constraint `userkit_email_sign_in_tokens_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_email_sign_in_tokens_token_hash_unique` on `userkit_email_sign_in_tokens` (`token_hash`)',
      'create index if not exists `userkit_email_sign_in_tokens_normalized_email_index` on `userkit_email_sign_in_tokens` (`normalized_email`)',
      'create index if not exists `userkit_email_sign_in_tokens_user_id_index` on `userkit_email_sign_in_tokens` (`user_id`)',
    ],
  };
}
