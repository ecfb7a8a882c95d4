import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** Sign-in codes sent to verified numbers share the codes table: a purpose tells them apart. */
export class Migration20261205200000PhoneSignInCodes extends SchemaStatementsMigration {
  override name = 'Migration20261205200000PhoneSignInCodes';

  protected readonly statements: SchemaStatements = {
    postgresql: [],
    sqlite: [],
    laterColumns: [
      {
        table: 'userkit_verification_codes',
        column: 'purpose',
        postgresql: `varchar(16) not null default 'verify'`,
        sqlite: `text not null default 'verify'`,
      },
    ],
  };
}
