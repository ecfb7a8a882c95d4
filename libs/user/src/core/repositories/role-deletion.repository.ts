import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isPostgres } from '../sql/sql-dialect-of.js';

export type RoleDeletion =
  { outcome: 'deleted' } | { outcome: 'not_found' } | { outcome: 'held'; holders: number };

/** Affected rows of a raw 'run' statement, as both drivers report them. */
function affected(result: unknown): number {
  return Number((result as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}

/**
 * Deletes a role only while no user holds it. The role-user links reference the role with
 * `on delete cascade`, so an unguarded delete would silently strip the role from its users: the
 * delete is therefore conditional, and it runs after locking the role's row. On PostgreSQL that
 * row lock (FOR UPDATE) conflicts with the key-share lock every insert of a link takes through
 * the foreign key: an assignment in flight finishes first (and the count then sees it), and an
 * assignment arriving later waits and then fails on the foreign key (an unknown role). SQLite
 * takes its database write lock at once, which serialises the same way.
 */
@Injectable()
export class RoleDeletionRepository {
  constructor(private readonly em: EntityManager) {}

  deleteUnlessHeld(name: string): Promise<RoleDeletion> {
    return this.em.transactional(async (em) => {
      const ctx = em.getTransactionContext();
      const connection = em.getConnection();
      if (isPostgres(em)) {
        const locked = await connection.execute<{ name: string }[]>(
          'select name from userkit_roles where name = ? for update',
          [name],
          'all',
          ctx,
        );
        if (locked.length === 0) return { outcome: 'not_found' as const };
      } else {
        const touched = await connection.execute(
          'update userkit_roles set name = name where name = ?',
          [name],
          'run',
          ctx,
        );
        if (affected(touched) === 0) return { outcome: 'not_found' as const };
      }
      const [{ holders }] = await connection.execute<{ holders: number | string }[]>(
        'select count(*) as holders from userkit_user_roles where role_name = ?',
        [name],
        'all',
        ctx,
      );
      if (Number(holders) > 0) return { outcome: 'held' as const, holders: Number(holders) };
      const deleted = await connection.execute(
        'delete from userkit_roles where name = ? and not exists ' +
          '(select 1 from userkit_user_roles where role_name = ?)',
        [name, name],
        'run',
        ctx,
      );
      // The lock makes this unreachable; should it ever happen, refuse rather than cascade.
      if (affected(deleted) !== 1) return { outcome: 'held' as const, holders: 1 };
      return { outcome: 'deleted' as const };
    });
  }
}
