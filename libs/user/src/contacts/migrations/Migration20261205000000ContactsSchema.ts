import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** Verification codes of added email addresses and phone numbers (digests only). */
export class Migration20261205000000ContactsSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205000000ContactsSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_verification_codes" ("id" varchar(36) not null, "user_id" varchar(36) not null, "email_address_id" varchar(36) null, "phone_number_id" varchar(36) null, "code_hash" varchar(64) not null, "attempts" int not null default 0, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"), constraint "userkit_verification_codes_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade, constraint "userkit_verification_codes_email_address_id_foreign" foreign key ("email_address_id") references "userkit_email_addresses" ("id") on delete cascade, constraint "userkit_verification_codes_phone_number_id_foreign" foreign key ("phone_number_id") references "userkit_phone_numbers" ("id") on delete cascade)`,
      `create index if not exists "userkit_verification_codes_user_id_index" on "userkit_verification_codes" ("user_id")`,
      `create index if not exists "userkit_verification_codes_email_address_id_index" on "userkit_verification_codes" ("email_address_id")`,
      `create index if not exists "userkit_verification_codes_phone_number_id_index" on "userkit_verification_codes" ("phone_number_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_verification_codes` (`id` text not null primary key, `user_id` text not null, `email_address_id` text null, `phone_number_id` text null, `code_hash` text not null, `attempts` integer not null default 0, `expires_at` datetime not null, `consumed_at` datetime null, `created_at` datetime not null, constraint `userkit_verification_codes_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade, constraint `userkit_verification_codes_email_address_id_foreign` foreign key (`email_address_id`) references `userkit_email_addresses` (`id`) on delete cascade, constraint `userkit_verification_codes_phone_number_id_foreign` foreign key (`phone_number_id`) references `userkit_phone_numbers` (`id`) on delete cascade)',
      'create index if not exists `userkit_verification_codes_user_id_index` on `userkit_verification_codes` (`user_id`)',
      'create index if not exists `userkit_verification_codes_email_address_id_index` on `userkit_verification_codes` (`email_address_id`)',
      'create index if not exists `userkit_verification_codes_phone_number_id_index` on `userkit_verification_codes` (`phone_number_id`)',
    ],
  };
}
