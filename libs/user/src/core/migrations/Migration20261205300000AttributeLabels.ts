import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [
  `alter table "userkit_attribute_definitions" add column "label" varchar(100) null`,
  `alter table "userkit_attribute_definitions" add column "previous_names" jsonb not null default '[]'`,
];

const SQLITE = [
  'alter table `userkit_attribute_definitions` add column `label` text null',
  "alter table `userkit_attribute_definitions` add column `previous_names` json not null default '[]'",
];

/**
 * An attribute's display label (null: its name in Title Case), and the names it had before an
 * admin renamed it (a filter still naming one is told the new name).
 */
export class Migration20261205300000AttributeLabels extends Migration {
  override name = 'Migration20261205300000AttributeLabels';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
