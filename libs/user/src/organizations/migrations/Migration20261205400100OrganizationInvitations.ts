import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/**
 * Invitations to organizations. One pending invitation per (organization, email), by a partial
 * unique index: two invitations sent at once cannot both stand. "My invitations" reads by email.
 */
export class Migration20261205400100OrganizationInvitations extends SchemaStatementsMigration {
  override name = 'Migration20261205400100OrganizationInvitations';

  protected readonly statements: SchemaStatements = {
    postgresql: [
      `create table if not exists "userkit_organization_invitations" ("id" varchar(36) not null, "organization_id" varchar(36) not null, "email" varchar(320) not null, "role" varchar(32) not null, "token_hash" varchar(64) not null, "invited_by" varchar(36) null, "status" varchar(16) not null, "expires_at" timestamptz(3) not null, "created_at" timestamptz(3) not null, "responded_at" timestamptz(3) null, primary key ("id"), constraint "userkit_organization_invitations_token_unique" unique ("token_hash"), constraint "userkit_organization_invitations_organization_id_foreign" foreign key ("organization_id") references "userkit_organizations" ("id") on delete cascade)`,
      `create index if not exists "userkit_organization_invitations_organization_id_index" on "userkit_organization_invitations" ("organization_id")`,
      `create index if not exists "userkit_organization_invitations_email_index" on "userkit_organization_invitations" ("email")`,
      `create unique index if not exists "userkit_organization_invitations_pending_unique" on "userkit_organization_invitations" ("organization_id", "email") where "status" = 'pending'`,
    ],
    sqlite: [
      'create table if not exists `userkit_organization_invitations` (`id` text not null primary key, `organization_id` text not null, `email` text not null, `role` text not null, `token_hash` text not null, `invited_by` text null, `status` text not null, `expires_at` datetime not null, `created_at` datetime not null, `responded_at` datetime null, constraint `userkit_organization_invitations_organization_id_foreign` foreign key (`organization_id`) references `userkit_organizations` (`id`) on delete cascade)',
      'create unique index if not exists `userkit_organization_invitations_token_unique` on `userkit_organization_invitations` (`token_hash`)',
      'create index if not exists `userkit_organization_invitations_organization_id_index` on `userkit_organization_invitations` (`organization_id`)',
      'create index if not exists `userkit_organization_invitations_email_index` on `userkit_organization_invitations` (`email`)',
      "create unique index if not exists `userkit_organization_invitations_pending_unique` on `userkit_organization_invitations` (`organization_id`, `email`) where `status` = 'pending'",
    ],
  };
}
