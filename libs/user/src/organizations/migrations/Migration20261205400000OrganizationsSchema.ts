import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/**
 * Organizations and their memberships. A membership goes with its organization and with its
 * user (foreign keys, on delete cascade); (organization, user) is unique. The members page reads
 * (organization_id, created_at, user_id) in order; "my organizations" reads by user_id.
 */
export class Migration20261205400000OrganizationsSchema extends SchemaStatementsMigration {
  override name = 'Migration20261205400000OrganizationsSchema';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_organizations" ("id" varchar(36) not null, "name" varchar(100) not null, "slug" varchar(64) not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, primary key ("id"), constraint "userkit_organizations_slug_unique" unique ("slug"))`,
      `create table if not exists "userkit_organization_memberships" ("id" varchar(36) not null, "organization_id" varchar(36) not null, "user_id" varchar(36) not null, "role" varchar(32) not null, "created_at" timestamptz(3) not null, primary key ("id"), constraint "userkit_organization_memberships_organization_user_unique" unique ("organization_id", "user_id"), constraint "userkit_organization_memberships_organization_id_foreign" foreign key ("organization_id") references "userkit_organizations" ("id") on delete cascade, constraint "userkit_organization_memberships_user_id_foreign" foreign key ("user_id") references "userkit_users" ("id") on delete cascade)`,
      `create index if not exists "userkit_organization_memberships_user_id_index" on "userkit_organization_memberships" ("user_id")`,
      `create index if not exists "userkit_organization_memberships_page_index" on "userkit_organization_memberships" ("organization_id", "created_at", "user_id")`,
    ],
    sqlite: [
      'create table if not exists `userkit_organizations` (`id` text not null primary key, `name` text not null, `slug` text not null, `created_at` datetime not null, `updated_at` datetime not null)',
      'create unique index if not exists `userkit_organizations_slug_unique` on `userkit_organizations` (`slug`)',
      'create table if not exists `userkit_organization_memberships` (`id` text not null primary key, `organization_id` text not null, `user_id` text not null, `role` text not null, `created_at` datetime not null, constraint `userkit_organization_memberships_organization_id_foreign` foreign key (`organization_id`) references `userkit_organizations` (`id`) on delete cascade, constraint `userkit_organization_memberships_user_id_foreign` foreign key (`user_id`) references `userkit_users` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_organization_memberships_organization_user_unique` on `userkit_organization_memberships` (`organization_id`, `user_id`)',
      'create index if not exists `userkit_organization_memberships_user_id_index` on `userkit_organization_memberships` (`user_id`)',
      'create index if not exists `userkit_organization_memberships_page_index` on `userkit_organization_memberships` (`organization_id`, `created_at`, `user_id`)',
    ],
  };
}
