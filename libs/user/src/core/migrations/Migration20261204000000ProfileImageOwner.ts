import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = [`alter table "userkit_users" add column "profile_image_id" varchar(64) null`];

const SQLITE = ['alter table `userkit_users` add column `profile_image_id` text null'];

/** Which uploaded image a user owns, so a replacement deletes that file and no other. */
export class Migration20261204000000ProfileImageOwner extends Migration {
  override name = 'Migration20261204000000ProfileImageOwner';

  override up(): void {
    for (const statement of dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE)
      this.addSql(statement);
  }
}
