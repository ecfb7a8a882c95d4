import {
  SchemaStatementsMigration,
  type SchemaStatements,
} from '../../core/sql/schema-statements-migration.js';

/**
 * A link round trip names the pending external account it verifies (intent → state), and a
 * form-post provider's callback keeps what it posted (Apple's `user`) on the state.
 */
export class Migration20261205100000OAuthPendingAccounts extends SchemaStatementsMigration {
  override name = 'Migration20261205100000OAuthPendingAccounts';

  protected readonly statements: SchemaStatements = {
    postgresql: [],
    sqlite: [],
    laterColumns: [
      {
        table: 'userkit_oauth_link_intents',
        column: 'external_account_id',
        postgresql: 'varchar(36) null',
        sqlite: 'text null',
      },
      {
        table: 'userkit_oauth_states',
        column: 'link_account_id',
        postgresql: 'varchar(36) null',
        sqlite: 'text null',
      },
      {
        table: 'userkit_oauth_states',
        column: 'callback_payload',
        postgresql: 'text null',
        sqlite: 'text null',
      },
    ],
  };
}
