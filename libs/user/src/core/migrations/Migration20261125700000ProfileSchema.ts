import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_users" add column "standard_attributes" jsonb not null default '{}'`,
  `alter table "userkit_users" add column "custom_attributes" jsonb not null default '{}'`,
  `create table "userkit_attribute_definitions" ("key" varchar(80) not null, "kind" varchar(10) not null, "name" varchar(63) not null, "type" varchar(20) null, "validation" jsonb not null, "access_admin" varchar(10) not null, "access_bearer" varchar(10) not null, "access_end_user" varchar(10) not null, "display_order" int not null default 0, "searchable" boolean not null default false, "obsolete" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("key"))`,
  `create index "userkit_users_banned_idx" on "userkit_users" ("banned") where "banned"`,
];

const SQLITE = [
  "alter table `userkit_users` add column `standard_attributes` json not null default '{}'",
  "alter table `userkit_users` add column `custom_attributes` json not null default '{}'",
  'create table `userkit_attribute_definitions` (`key` text not null primary key, `kind` text not null, `name` text not null, `type` text null, `validation` json not null, `access_admin` text not null, `access_bearer` text not null, `access_end_user` text not null, `display_order` integer not null default 0, `searchable` integer not null default false, `obsolete` integer not null default false, `created_at` datetime not null, `updated_at` datetime not null)',
  'create index `userkit_users_banned_idx` on `userkit_users` (`banned`) where `banned`',
];

/** Standard and custom attribute values on the user (JSON, never dropped) and the attribute schema. */
export class Migration20261125700000ProfileSchema extends Migration {
  override name = 'Migration20261125700000ProfileSchema';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
