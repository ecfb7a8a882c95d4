import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

/**
 * PostgreSQL: trigram indexes so that contains-matches (which cover prefixes) on emails and names
 * use an index at a million users. pg_trgm ships with PostgreSQL; where the database user may not
 * create extensions the migration still passes and search falls back to scans (a notice says so).
 * SQLite: the existing indexes serve; it is the small-deployment database.
 */
const POSTGRESQL = [
  `do $$ begin
     create extension if not exists pg_trgm;
   exception when insufficient_privilege then
     raise notice 'pg_trgm not created (insufficient privilege): admin search will scan';
   end $$`,
  `do $$ begin
     if exists (select 1 from pg_extension where extname = 'pg_trgm') then
       create index if not exists "userkit_email_addresses_normalized_email_trgm" on "userkit_email_addresses" using gin ("normalized_email" gin_trgm_ops);
       create index if not exists "userkit_users_display_name_trgm" on "userkit_users" using gin ("display_name" gin_trgm_ops);
       create index if not exists "userkit_users_first_name_trgm" on "userkit_users" using gin ("first_name" gin_trgm_ops);
       create index if not exists "userkit_users_last_name_trgm" on "userkit_users" using gin ("last_name" gin_trgm_ops);
     end if;
   end $$`,
];

export class Migration20261125100000AdminSearch extends Migration {
  override name = 'Migration20261125100000AdminSearch';

  override up(): void {
    if (dialectOf(this) !== 'postgresql') return;
    for (const statement of POSTGRESQL) this.addSql(statement);
  }
}
