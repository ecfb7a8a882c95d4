import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = `
create table "userkit_roles" ("name" varchar(63) not null, "description" varchar(500) null, "built_in" boolean not null default false, "created_at" timestamptz not null, primary key ("name"));
create table "userkit_users" ("id" varchar(36) not null, "display_name" varchar(200) null, "first_name" varchar(200) null, "last_name" varchar(200) null, "picture" varchar(2048) null, "password_hash" text null, "public_metadata" jsonb not null, "private_metadata" jsonb not null, "unsafe_metadata" jsonb not null, "is_anonymous" boolean not null default false, "banned" boolean not null default false, "two_factor_enabled" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "last_sign_in_at" timestamptz null, primary key ("id"));
create index "userkit_users_created_at_id_idx" on "userkit_users" ("created_at", "id");
create table "userkit_sessions" ("id" varchar(36) not null, "user_id" varchar(36) not null, "user_agent" varchar(512) null, "ip" varchar(64) null, "created_at" timestamptz not null, "authenticated_at" timestamptz not null, "last_used_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(50) null, primary key ("id"));
create index "userkit_sessions_user_id_idx" on "userkit_sessions" ("user_id");
create table "userkit_refresh_tokens" ("id" varchar(36) not null, "session_id" varchar(36) not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));
create index "userkit_refresh_tokens_session_id_index" on "userkit_refresh_tokens" ("session_id");
alter table "userkit_refresh_tokens" add constraint "userkit_refresh_tokens_token_hash_unique" unique ("token_hash");
create table "userkit_phone_numbers" ("id" varchar(36) not null, "user_id" varchar(36) not null, "phone_number" varchar(20) not null, "verified" boolean not null default false, "primary" boolean not null default false, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_phone_numbers_user_id_index" on "userkit_phone_numbers" ("user_id");
alter table "userkit_phone_numbers" add constraint "userkit_phone_numbers_phone_number_unique" unique ("phone_number");
create unique index "userkit_phone_numbers_one_primary" on "userkit_phone_numbers" ("user_id") where "primary";
create table "userkit_external_accounts" ("id" varchar(36) not null, "user_id" varchar(36) not null, "provider" varchar(50) not null, "provider_user_id" varchar(255) not null, "email" varchar(320) null, "display_name" varchar(200) null, "picture" varchar(2048) null, "verification_status" varchar(20) not null default 'unverified', "verification_error" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_external_accounts_user_id_index" on "userkit_external_accounts" ("user_id");
alter table "userkit_external_accounts" add constraint "userkit_external_accounts_provider_user_unique" unique ("provider", "provider_user_id");
create table "userkit_email_addresses" ("id" varchar(36) not null, "user_id" varchar(36) not null, "email" varchar(320) not null, "normalized_email" varchar(320) not null, "verified" boolean not null default false, "primary" boolean not null default false, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_email_addresses_user_id_index" on "userkit_email_addresses" ("user_id");
alter table "userkit_email_addresses" add constraint "userkit_email_addresses_normalized_email_unique" unique ("normalized_email");
create unique index "userkit_email_addresses_one_primary" on "userkit_email_addresses" ("user_id") where "primary";
create table "userkit_user_roles" ("user_id" varchar(36) not null, "role_name" varchar(63) not null, primary key ("user_id", "role_name"));
create index "userkit_user_roles_role_name_index" on "userkit_user_roles" ("role_name");
alter table "userkit_sessions" add constraint "userkit_sessions_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
alter table "userkit_refresh_tokens" add constraint "userkit_refresh_tokens_session_id_foreign" foreign key ("session_id") references "userkit_sessions" ("id") on delete cascade;
alter table "userkit_phone_numbers" add constraint "userkit_phone_numbers_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
alter table "userkit_external_accounts" add constraint "userkit_external_accounts_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
alter table "userkit_email_addresses" add constraint "userkit_email_addresses_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
alter table "userkit_user_roles" add constraint "userkit_user_roles_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on update cascade on delete cascade;
alter table "userkit_user_roles" add constraint "userkit_user_roles_role_name_foreign" foreign key ("role_name") references "userkit_roles" ("name") on update cascade on delete cascade;
`;

const SQLITE = `
create table \`userkit_roles\` (\`name\` text not null primary key, \`description\` text null, \`built_in\` integer not null default false, \`created_at\` datetime not null);
create table \`userkit_users\` (\`id\` text not null primary key, \`display_name\` text null, \`first_name\` text null, \`last_name\` text null, \`picture\` text null, \`password_hash\` text null, \`public_metadata\` json not null, \`private_metadata\` json not null, \`unsafe_metadata\` json not null, \`is_anonymous\` integer not null default false, \`banned\` integer not null default false, \`two_factor_enabled\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`last_sign_in_at\` datetime null);
create index \`userkit_users_created_at_id_idx\` on \`userkit_users\` (\`created_at\`, \`id\`);
create table \`userkit_sessions\` (\`id\` text not null primary key, \`user_id\` text not null, \`user_agent\` text null, \`ip\` text null, \`created_at\` datetime not null, \`authenticated_at\` datetime not null, \`last_used_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`revoked_reason\` text null, constraint \`userkit_sessions_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_sessions_user_id_idx\` on \`userkit_sessions\` (\`user_id\`);
create table \`userkit_refresh_tokens\` (\`id\` text not null primary key, \`session_id\` text not null, \`token_hash\` text not null, \`created_at\` datetime not null, \`used_at\` datetime null, constraint \`userkit_refresh_tokens_session_id_foreign\` foreign key (\`session_id\`) references \`userkit_sessions\` (\`id\`) on delete cascade);
create index \`userkit_refresh_tokens_session_id_index\` on \`userkit_refresh_tokens\` (\`session_id\`);
create unique index \`userkit_refresh_tokens_token_hash_unique\` on \`userkit_refresh_tokens\` (\`token_hash\`);
create table \`userkit_phone_numbers\` (\`id\` text not null primary key, \`user_id\` text not null, \`phone_number\` text not null, \`verified\` integer not null default false, \`primary\` integer not null default false, \`created_at\` datetime not null, constraint \`userkit_phone_numbers_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_phone_numbers_user_id_index\` on \`userkit_phone_numbers\` (\`user_id\`);
create unique index \`userkit_phone_numbers_phone_number_unique\` on \`userkit_phone_numbers\` (\`phone_number\`);
create unique index \`userkit_phone_numbers_one_primary\` on \`userkit_phone_numbers\` (\`user_id\`) where \`primary\`;
create table \`userkit_external_accounts\` (\`id\` text not null primary key, \`user_id\` text not null, \`provider\` text not null, \`provider_user_id\` text not null, \`email\` text null, \`display_name\` text null, \`picture\` text null, \`verification_status\` text not null default 'unverified', \`verification_error\` text null, \`created_at\` datetime not null, constraint \`userkit_external_accounts_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_external_accounts_user_id_index\` on \`userkit_external_accounts\` (\`user_id\`);
create unique index \`userkit_external_accounts_provider_user_unique\` on \`userkit_external_accounts\` (\`provider\`, \`provider_user_id\`);
create table \`userkit_email_addresses\` (\`id\` text not null primary key, \`user_id\` text not null, \`email\` text not null, \`normalized_email\` text not null, \`verified\` integer not null default false, \`primary\` integer not null default false, \`created_at\` datetime not null, constraint \`userkit_email_addresses_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_email_addresses_user_id_index\` on \`userkit_email_addresses\` (\`user_id\`);
create unique index \`userkit_email_addresses_normalized_email_unique\` on \`userkit_email_addresses\` (\`normalized_email\`);
create unique index \`userkit_email_addresses_one_primary\` on \`userkit_email_addresses\` (\`user_id\`) where \`primary\`;
create table \`userkit_user_roles\` (\`user_id\` text not null, \`role_name\` text not null, primary key (\`user_id\`, \`role_name\`), constraint \`userkit_user_roles_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on update cascade on delete cascade, constraint \`userkit_user_roles_role_name_foreign\` foreign key (\`role_name\`) references \`userkit_roles\` (\`name\`) on update cascade on delete cascade);
create index \`userkit_user_roles_role_name_index\` on \`userkit_user_roles\` (\`role_name\`);
`;

/** Users, identifiers, roles, sessions and refresh tokens. */
export class Migration20261125000000InitialSchema extends Migration {
  override name = 'Migration20261125000000InitialSchema';

  override up(): void {
    const script = dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE;
    for (const statement of script.split(';\n')) {
      if (statement.trim()) this.addSql(statement.trim());
    }
  }
}
