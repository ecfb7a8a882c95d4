import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = `
create table "userkit_verification_codes" ("id" varchar(36) not null, "user_id" varchar(36) not null, "email_address_id" varchar(36) null, "phone_number_id" varchar(36) null, "code_hash" varchar(64) not null, "attempts" int not null default 0, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_verification_codes_user_id_index" on "userkit_verification_codes" ("user_id");
create index "userkit_verification_codes_email_address_id_index" on "userkit_verification_codes" ("email_address_id");
create index "userkit_verification_codes_phone_number_id_index" on "userkit_verification_codes" ("phone_number_id");
alter table "userkit_verification_codes" add constraint "userkit_verification_codes_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
alter table "userkit_verification_codes" add constraint "userkit_verification_codes_email_address_id_foreign" foreign key ("email_address_id") references "userkit_email_addresses" ("id") on delete cascade;
alter table "userkit_verification_codes" add constraint "userkit_verification_codes_phone_number_id_foreign" foreign key ("phone_number_id") references "userkit_phone_numbers" ("id") on delete cascade;
create table "userkit_password_reset_tokens" ("id" varchar(36) not null, "user_id" varchar(36) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_password_reset_tokens_user_id_index" on "userkit_password_reset_tokens" ("user_id");
alter table "userkit_password_reset_tokens" add constraint "userkit_password_reset_tokens_token_hash_unique" unique ("token_hash");
alter table "userkit_password_reset_tokens" add constraint "userkit_password_reset_tokens_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
create table "userkit_totp_credentials" ("id" varchar(36) not null, "user_id" varchar(36) not null, "encrypted_secret" text not null, "confirmed_at" timestamptz null, "last_used_step" int null, "created_at" timestamptz not null, primary key ("id"));
alter table "userkit_totp_credentials" add constraint "userkit_totp_credentials_user_unique" unique ("user_id");
alter table "userkit_totp_credentials" add constraint "userkit_totp_credentials_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
create table "userkit_backup_codes" ("id" varchar(36) not null, "user_id" varchar(36) not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_backup_codes_user_id_index" on "userkit_backup_codes" ("user_id");
alter table "userkit_backup_codes" add constraint "userkit_backup_codes_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
create table "userkit_two_factor_challenges" ("id" varchar(36) not null, "user_id" varchar(36) not null, "token_hash" varchar(64) not null, "attempts" int not null default 0, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_two_factor_challenges_user_id_index" on "userkit_two_factor_challenges" ("user_id");
alter table "userkit_two_factor_challenges" add constraint "userkit_two_factor_challenges_token_hash_unique" unique ("token_hash");
alter table "userkit_two_factor_challenges" add constraint "userkit_two_factor_challenges_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
`;

const SQLITE = `
create table \`userkit_verification_codes\` (\`id\` text not null primary key, \`user_id\` text not null, \`email_address_id\` text null, \`phone_number_id\` text null, \`code_hash\` text not null, \`attempts\` integer not null default 0, \`expires_at\` datetime not null, \`consumed_at\` datetime null, \`created_at\` datetime not null, constraint \`userkit_verification_codes_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade, constraint \`userkit_verification_codes_email_address_id_foreign\` foreign key (\`email_address_id\`) references \`userkit_email_addresses\` (\`id\`) on delete cascade, constraint \`userkit_verification_codes_phone_number_id_foreign\` foreign key (\`phone_number_id\`) references \`userkit_phone_numbers\` (\`id\`) on delete cascade);
create index \`userkit_verification_codes_user_id_index\` on \`userkit_verification_codes\` (\`user_id\`);
create index \`userkit_verification_codes_email_address_id_index\` on \`userkit_verification_codes\` (\`email_address_id\`);
create index \`userkit_verification_codes_phone_number_id_index\` on \`userkit_verification_codes\` (\`phone_number_id\`);
create table \`userkit_password_reset_tokens\` (\`id\` text not null primary key, \`user_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, constraint \`userkit_password_reset_tokens_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_password_reset_tokens_user_id_index\` on \`userkit_password_reset_tokens\` (\`user_id\`);
create unique index \`userkit_password_reset_tokens_token_hash_unique\` on \`userkit_password_reset_tokens\` (\`token_hash\`);
create table \`userkit_totp_credentials\` (\`id\` text not null primary key, \`user_id\` text not null, \`encrypted_secret\` text not null, \`confirmed_at\` datetime null, \`last_used_step\` integer null, \`created_at\` datetime not null, constraint \`userkit_totp_credentials_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create unique index \`userkit_totp_credentials_user_unique\` on \`userkit_totp_credentials\` (\`user_id\`);
create table \`userkit_backup_codes\` (\`id\` text not null primary key, \`user_id\` text not null, \`code_hash\` text not null, \`used_at\` datetime null, \`created_at\` datetime not null, constraint \`userkit_backup_codes_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_backup_codes_user_id_index\` on \`userkit_backup_codes\` (\`user_id\`);
create table \`userkit_two_factor_challenges\` (\`id\` text not null primary key, \`user_id\` text not null, \`token_hash\` text not null, \`attempts\` integer not null default 0, \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, constraint \`userkit_two_factor_challenges_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_two_factor_challenges_user_id_index\` on \`userkit_two_factor_challenges\` (\`user_id\`);
create unique index \`userkit_two_factor_challenges_token_hash_unique\` on \`userkit_two_factor_challenges\` (\`token_hash\`);
`;

/** Verification codes, password reset tokens, TOTP credentials, backup codes, 2FA challenges. */
export class Migration20261125600000Identifiers extends Migration {
  override name = 'Migration20261125600000Identifiers';

  override up(): void {
    const script = dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE;
    for (const statement of script.split(';\n')) {
      if (statement.trim()) this.addSql(statement.trim());
    }
  }
}
