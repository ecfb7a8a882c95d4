import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_oauth_states" add column "code_challenge" varchar(64) null`,
  `alter table "userkit_oauth_exchange_codes" add column "provider" varchar(50) null`,
  `alter table "userkit_oauth_exchange_codes" add column "browser_hash" varchar(64) null`,
  `alter table "userkit_oauth_exchange_codes" add column "code_challenge" varchar(64) null`,
  `alter table "userkit_oauth_link_intents" add column "browser_hash" varchar(64) null`,
  `alter table "userkit_password_reset_tokens" add column "email_address_id" varchar(36) null`,
  `alter table "userkit_two_factor_challenges" add column "first_factor" varchar(16) not null default 'password'`,
  `alter table "userkit_email_addresses" drop constraint "userkit_email_addresses_normalized_email_unique"`,
  `create unique index "userkit_email_addresses_normalized_email_unique" on "userkit_email_addresses" ("normalized_email") where "verified" or "primary"`,
  `create index "userkit_email_addresses_normalized_email_index" on "userkit_email_addresses" ("normalized_email")`,
];

const SQLITE = [
  'alter table `userkit_oauth_states` add column `code_challenge` text null',
  'alter table `userkit_oauth_exchange_codes` add column `provider` text null',
  'alter table `userkit_oauth_exchange_codes` add column `browser_hash` text null',
  'alter table `userkit_oauth_exchange_codes` add column `code_challenge` text null',
  'alter table `userkit_oauth_link_intents` add column `browser_hash` text null',
  'alter table `userkit_password_reset_tokens` add column `email_address_id` text null',
  "alter table `userkit_two_factor_challenges` add column `first_factor` text not null default 'password'",
  'drop index `userkit_email_addresses_normalized_email_unique`',
  'create unique index `userkit_email_addresses_normalized_email_unique` on `userkit_email_addresses` (`normalized_email`) where `verified` or `primary`',
  'create index `userkit_email_addresses_normalized_email_index` on `userkit_email_addresses` (`normalized_email`)',
];

/**
 * Exchange codes bound to the browser (or client) that started the flow and to their provider;
 * link intents bound to the browser that asked for them (a row from before has none: refused);
 * reset tokens remember the address they were sent to; two-factor challenges what came first. An address is unique among the verified
 * and primary ones only: an unverified secondary claim blocks nobody. Nullable or defaulted columns
 * and a narrower index: existing rows all stay valid.
 */
export class Migration20261204100000OAuthBindings extends Migration {
  override name = 'Migration20261204100000OAuthBindings';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
