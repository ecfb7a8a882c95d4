import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { EmailAddress } from '@userkit/user';
import { databaseOptions } from '../apps/sample/src/database-options.js';
import { createTestDatabase } from './support/test-database.js';

/** The migration of issue 17 (exchange and link bindings, reset addresses, claims) on a database in use. */
describe('Migration20261204100000OAuthBindings on an existing database', () => {
  it('moves a database with users forward: every row stays, and the address index narrows', async () => {
    const database = await createTestDatabase();
    const orm = await MikroORM.init(databaseOptions(database.url));
    try {
      await orm.migrator.up({ to: 'Migration20261125700000ProfileSchema' });
      // Rows written with the columns of that release (today's entities have more).
      const before = orm.em.getConnection();
      const at = new Date().toISOString();
      const owner = randomUUID();
      const claimant = randomUUID();
      for (const id of [owner, claimant])
        await before.execute(
          'insert into userkit_users (id, public_metadata, private_metadata, unsafe_metadata, created_at, updated_at) values (?, ?, ?, ?, ?, ?)',
          [id, '{}', '{}', '{}', at, at],
        );
      for (const [id, user, email, normalized, verified] of [
        ['address-1', owner, 'Kept@Example.com', 'kept@example.com', 'true'],
        ['address-2', claimant, 'claimant@example.com', 'claimant@example.com', 'false'],
      ] as const)
        // Boolean literals: both databases read them, and PostgreSQL takes no 1/0 for a boolean.
        await before.execute(
          `insert into userkit_email_addresses (id, user_id, email, normalized_email, verified, "primary", created_at) values (?, ?, ?, ?, ${verified}, true, ?)`,
          [id, user, email, normalized, at],
        );
      // A link intent asked for before the upgrade: it has no browser binding.
      await before.execute(
        'insert into userkit_oauth_link_intents (id, token_hash, user_id, session_id, provider, redirect_url, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
        ['intent-1', 'a'.repeat(64), owner, 'session-1', 'google', 'https://app.example/', at, at],
      );

      await orm.migrator.up();
      expect((await orm.migrator.getPending()).length).toBe(0);
      // Both migrations of this release, in the order of USER_MIGRATIONS.
      expect((await orm.migrator.getExecuted()).map((row) => row.name).slice(-2)).toEqual([
        'Migration20261204000000ProfileImageOwner',
        'Migration20261204100000OAuthBindings',
      ]);

      const after = orm.em.fork();
      const rows = await after.find(EmailAddress, {}, { orderBy: { normalizedEmail: 'asc' } });
      expect(rows.map((row) => [row.email, row.verified, row.primary])).toEqual([
        ['claimant@example.com', false, true],
        ['Kept@Example.com', true, true],
      ]);
      const connection = after.getConnection();
      for (const table of ['userkit_oauth_states', 'userkit_oauth_exchange_codes'])
        await connection.execute(`select code_challenge from ${table}`);
      await connection.execute('select email_address_id from userkit_password_reset_tokens');
      await connection.execute('select profile_image_id from userkit_users');
      expect(
        await connection.execute('select token_hash, browser_hash from userkit_oauth_link_intents'),
      ).toEqual([{ token_hash: 'a'.repeat(64), browser_hash: null }]);

      // An unverified secondary claim of a held address is allowed now; a second holder is not.
      after.create(EmailAddress, {
        user: claimant,
        email: 'kept@example.com',
        normalizedEmail: 'kept@example.com',
      });
      await after.flush();
      const second = orm.em.fork();
      second.create(EmailAddress, {
        user: claimant,
        email: 'kept@example.com',
        normalizedEmail: 'kept@example.com',
        verified: true,
      });
      await expect(second.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    } finally {
      await orm.close();
      await database.drop();
    }
  });
});
