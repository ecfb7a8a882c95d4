import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [`alter table "userkit_sessions" add column "impersonator_id" varchar(36) null`];

const SQLITE = ['alter table `userkit_sessions` add column `impersonator_id` text null'];

/**
 * The admin an impersonation session acts for. No foreign key: the guard checks on every request
 * that the admin still exists and holds the admin role, so a deleted admin's sessions end too.
 */
export class Migration20261205500000Impersonation extends Migration {
  override name = 'Migration20261205500000Impersonation';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
