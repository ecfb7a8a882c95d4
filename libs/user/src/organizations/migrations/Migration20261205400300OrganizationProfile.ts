import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

const TABLE = 'userkit_organizations';

/** An organization's logo (its URL and FileStorage id) and its public and private metadata. */
export class Migration20261205400300OrganizationProfile extends SchemaStatementsMigration {
  override name = 'Migration20261205400300OrganizationProfile';

  protected readonly statements: SchemaStatements = {
    postgresql: [],
    sqlite: [],
    laterColumns: [
      { table: TABLE, column: 'logo_url', postgresql: 'varchar(2048) null', sqlite: 'text null' },
      { table: TABLE, column: 'logo_id', postgresql: 'varchar(64) null', sqlite: 'text null' },
      {
        table: TABLE,
        column: 'public_metadata',
        postgresql: "jsonb not null default '{}'",
        sqlite: "json not null default '{}'",
      },
      {
        table: TABLE,
        column: 'private_metadata',
        postgresql: "jsonb not null default '{}'",
        sqlite: "json not null default '{}'",
      },
    ],
  };
}
