import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_users" add column "failed_sign_in_count" int not null default 0`,
  `alter table "userkit_users" add column "last_failed_sign_in_at" timestamptz null`,
  `alter table "userkit_users" add column "password_sign_in_disabled" boolean not null default false`,
];

const SQLITE = [
  'alter table `userkit_users` add column `failed_sign_in_count` integer not null default 0',
  'alter table `userkit_users` add column `last_failed_sign_in_at` datetime null',
  'alter table `userkit_users` add column `password_sign_in_disabled` integer not null default false',
];

/** Per-account sign-in backoff and the lock after 100 failures. */
export class Migration20261125400000SignInBackoff extends Migration {
  override name = 'Migration20261125400000SignInBackoff';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
