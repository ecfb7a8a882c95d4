import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EmailAddress, User } from '@userkit/user';
import { databaseOptions } from '../apps/sample/src/database-options.js';
import { createTestDatabase } from './support/test-database.js';

/** The migration of issue 17 (exchange and link bindings, reset addresses, claims) on a database in use. */
describe('Migration20261204100000OAuthBindings on an existing database', () => {
  it('moves a database with users forward: every row stays, and the address index narrows', async () => {
    const database = await createTestDatabase();
    const orm = await MikroORM.init(databaseOptions(database.url));
    try {
      await orm.migrator.up({ to: 'Migration20261125700000ProfileSchema' });
      const before = orm.em.fork();
      const owner = before.create(User, {});
      const claimant = before.create(User, {});
      before.create(EmailAddress, {
        user: owner,
        email: 'Kept@Example.com',
        normalizedEmail: 'kept@example.com',
        verified: true,
        primary: true,
      });
      before.create(EmailAddress, {
        user: claimant,
        email: 'claimant@example.com',
        normalizedEmail: 'claimant@example.com',
        primary: true,
      });
      await before.flush();
      // A link intent asked for before the upgrade: it has no browser binding.
      const at = new Date().toISOString();
      await before
        .getConnection()
        .execute(
          'insert into userkit_oauth_link_intents (id, token_hash, user_id, session_id, provider, redirect_url, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            'intent-1',
            'a'.repeat(64),
            owner.id,
            'session-1',
            'google',
            'https://app.example/',
            at,
            at,
          ],
        );

      await orm.migrator.up();
      expect((await orm.migrator.getPending()).length).toBe(0);

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
      expect(
        await connection.execute('select token_hash, browser_hash from userkit_oauth_link_intents'),
      ).toEqual([{ token_hash: 'a'.repeat(64), browser_hash: null }]);

      // An unverified secondary claim of a held address is allowed now; a second holder is not.
      after.create(EmailAddress, {
        user: claimant.id,
        email: 'kept@example.com',
        normalizedEmail: 'kept@example.com',
      });
      await after.flush();
      const second = orm.em.fork();
      second.create(EmailAddress, {
        user: claimant.id,
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
