import type { EntityManager } from '@mikro-orm/core';
import { isPostgres } from './sql-dialect-of.js';

/**
 * Serialises changes to one user's identifiers inside a transaction: PostgreSQL locks the user
 * row; SQLite takes its database write lock at once. Two removals cannot both see "one left".
 * The statement runs on the transaction's own connection (its context is passed explicitly).
 */
export async function lockUserRow(em: EntityManager, userId: string): Promise<void> {
  const transaction = em.getTransactionContext();
  if (isPostgres(em)) {
    await em
      .getConnection()
      .execute(
        'select id from userkit_users where id = ? for update',
        [userId],
        'all',
        transaction,
      );
  } else {
    await em
      .getConnection()
      .execute('update userkit_users set id = id where id = ?', [userId], 'run', transaction);
  }
}
