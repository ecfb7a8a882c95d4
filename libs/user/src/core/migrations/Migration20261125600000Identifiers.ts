import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from '../sql/sql-dialect.js';

const POSTGRESQL = `
create table "userkit_password_reset_tokens" ("id" varchar(36) not null, "user_id" varchar(36) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));
create index "userkit_password_reset_tokens_user_id_index" on "userkit_password_reset_tokens" ("user_id");
alter table "userkit_password_reset_tokens" add constraint "userkit_password_reset_tokens_token_hash_unique" unique ("token_hash");
alter table "userkit_password_reset_tokens" add constraint "userkit_password_reset_tokens_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade;
`;

const SQLITE = `
create table \`userkit_password_reset_tokens\` (\`id\` text not null primary key, \`user_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, constraint \`userkit_password_reset_tokens_user_id_foreign\` foreign key (\`user_id\`) references \`userkit_users\` (\`id\`) on delete cascade);
create index \`userkit_password_reset_tokens_user_id_index\` on \`userkit_password_reset_tokens\` (\`user_id\`);
create unique index \`userkit_password_reset_tokens_token_hash_unique\` on \`userkit_password_reset_tokens\` (\`token_hash\`);
`;

/**
 * Password reset tokens. (Until the feature modules, this also made the verification-code and
 * two-factor tables; those now come with their modules' own migrations.)
 */
export class Migration20261125600000Identifiers extends Migration {
  override name = 'Migration20261125600000Identifiers';

  override up(): void {
    const script = dialectOf(this) === 'postgresql' ? POSTGRESQL : SQLITE;
    for (const statement of script.split(';\n')) {
      if (statement.trim()) this.addSql(statement.trim());
    }
  }
}
