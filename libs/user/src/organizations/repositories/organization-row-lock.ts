import type { EntityManager } from '@mikro-orm/core';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';

/**
 * Serialises changes to one organization's memberships inside a transaction: PostgreSQL locks
 * the organization row; SQLite takes its database write lock at once. Two owners demoting each
 * other at the same moment cannot both see "another owner is left". False: no such organization.
 */
export async function lockOrganizationRow(
  em: EntityManager,
  organizationId: string,
): Promise<boolean> {
  const transaction = em.getTransactionContext();
  if (isPostgres(em)) {
    const rows = await em
      .getConnection()
      .execute(
        'select id from userkit_organizations where id = ? for update',
        [organizationId],
        'all',
        transaction,
      );
    return rows.length > 0;
  }
  const result = await em
    .getConnection()
    .execute(
      'update userkit_organizations set id = id where id = ?',
      [organizationId],
      'run',
      transaction,
    );
  return Number((result as { affectedRows?: number } | undefined)?.affectedRows ?? 0) > 0;
}
