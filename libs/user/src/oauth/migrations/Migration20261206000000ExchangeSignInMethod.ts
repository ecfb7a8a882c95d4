import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/** Exchange codes also sign in from other features' redirects (sign-in links): the method they record. */
export class Migration20261206000000ExchangeSignInMethod extends SchemaStatementsMigration {
  override name = 'Migration20261206000000ExchangeSignInMethod';

  protected readonly statements: SchemaStatements = {
    postgresql: [],
    sqlite: [],
    laterColumns: [
      {
        table: 'userkit_oauth_exchange_codes',
        column: 'sign_in_method',
        postgresql: `varchar(16) not null default 'oauth'`,
        sqlite: `text not null default 'oauth'`,
      },
    ],
  };
}
