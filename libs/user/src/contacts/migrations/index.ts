import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205000000ContactsSchema } from './Migration20261205000000ContactsSchema.js';
import { Migration20261205200000PhoneSignInCodes } from './Migration20261205200000PhoneSignInCodes.js';
import { Migration20261206000000EmailSignInTokens } from './Migration20261206000000EmailSignInTokens.js';

/** This feature's tables: list them after USER_MIGRATIONS in the host's `migrationsList`. */
export const CONTACTS_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205000000ContactsSchema', class: Migration20261205000000ContactsSchema },
  {
    name: 'Migration20261205200000PhoneSignInCodes',
    class: Migration20261205200000PhoneSignInCodes,
  },
  {
    name: 'Migration20261206000000EmailSignInTokens',
    class: Migration20261206000000EmailSignInTokens,
  },
];
