import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_password_reset_tokens" add column "email_address_id" varchar(36) null`,
  `alter table "userkit_email_addresses" drop constraint "userkit_email_addresses_normalized_email_unique"`,
  `create unique index "userkit_email_addresses_normalized_email_unique" on "userkit_email_addresses" ("normalized_email") where "verified" or "primary"`,
  `create index "userkit_email_addresses_normalized_email_index" on "userkit_email_addresses" ("normalized_email")`,
];

const SQLITE = [
  'alter table `userkit_password_reset_tokens` add column `email_address_id` text null',
  'drop index `userkit_email_addresses_normalized_email_unique`',
  'create unique index `userkit_email_addresses_normalized_email_unique` on `userkit_email_addresses` (`normalized_email`) where `verified` or `primary`',
  'create index `userkit_email_addresses_normalized_email_index` on `userkit_email_addresses` (`normalized_email`)',
];

/**
 * Reset tokens remember the address they were sent to; an address is unique among the verified
 * and primary ones only (an unverified secondary claim blocks nobody). The name is the release's:
 * its OAuth and two-factor columns now come with those modules' own schema migrations.
 */
export class Migration20261204100000OAuthBindings extends Migration {
  override name = 'Migration20261204100000OAuthBindings';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
