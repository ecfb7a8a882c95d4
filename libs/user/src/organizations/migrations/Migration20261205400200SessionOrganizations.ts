import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** The active organization per session: one row per session, gone with it or its organization. */
export class Migration20261205400200SessionOrganizations extends SchemaStatementsMigration {
  override name = 'Migration20261205400200SessionOrganizations';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_session_organizations" ("session_id" varchar(36) not null, "organization_id" varchar(36) not null, "updated_at" timestamptz(3) not null, primary key ("session_id"), constraint "userkit_session_organizations_session_id_foreign" foreign key ("session_id") references "userkit_sessions" ("id") on delete cascade, constraint "userkit_session_organizations_organization_id_foreign" foreign key ("organization_id") references "userkit_organizations" ("id") on delete cascade)`,
      `create index if not exists "userkit_session_organizations_organization_index" on "userkit_session_organizations" ("organization_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_session_organizations` (`session_id` text not null primary key, `organization_id` text not null, `updated_at` datetime not null, constraint `userkit_session_organizations_session_id_foreign` foreign key (`session_id`) references `userkit_sessions` (`id`) on delete cascade, constraint `userkit_session_organizations_organization_id_foreign` foreign key (`organization_id`) references `userkit_organizations` (`id`) on delete cascade)',
      'create index if not exists `userkit_session_organizations_organization_index` on `userkit_session_organizations` (`organization_id`)',
    ],
  };
}
