import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_users" add column "ban_reason" varchar(500) null`,
  `alter table "userkit_users" add column "banned_until" timestamptz null`,
];

const SQLITE = [
  'alter table `userkit_users` add column `ban_reason` text null',
  'alter table `userkit_users` add column `banned_until` datetime null',
];

/** A ban's reason and its optional end (a ban that ran out no longer blocks sign-in). */
export class Migration20261205400000BanDetails extends Migration {
  override name = 'Migration20261205400000BanDetails';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
