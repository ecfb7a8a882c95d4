import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_users" add column "external_id" varchar(255) null`,
  `alter table "userkit_users" add constraint "userkit_users_external_id_unique" unique ("external_id")`,
];

const SQLITE = [
  'alter table `userkit_users` add column `external_id` text null',
  'create unique index `userkit_users_external_id_unique` on `userkit_users` (`external_id`)',
];

/** Imported users keep their source system's id, unique: a re-run of an import never duplicates. */
export class Migration20261205600000ExternalIds extends Migration {
  override name = 'Migration20261205600000ExternalIds';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
