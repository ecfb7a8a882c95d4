import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_users" add column "username" varchar(64) null`,
  `alter table "userkit_users" add constraint "userkit_users_username_unique" unique ("username")`,
  // Admin search matches usernames anywhere in them, as it does names (see AdminSearch).
  `do $$ begin
     if exists (select 1 from pg_extension where extname = 'pg_trgm') then
       create index if not exists "userkit_users_username_trgm" on "userkit_users" using gin ("username" gin_trgm_ops);
     end if;
   end $$`,
];

const SQLITE = [
  'alter table `userkit_users` add column `username` text null',
  'create unique index `userkit_users_username_unique` on `userkit_users` (`username`)',
];

/** Usernames: a sign-in identifier, unique (stored lower-cased, so case-insensitively). */
export class Migration20261205100000Usernames extends Migration {
  override name = 'Migration20261205100000Usernames';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
