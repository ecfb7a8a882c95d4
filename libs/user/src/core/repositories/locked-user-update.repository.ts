import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';
import type { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import { readDefinitionsLocked } from './attribute-definitions.repository.js';
import { isPostgres } from '../sql/sql-dialect-of.js';

/** The SQL drivers' EntityManager.execute (not on core's EntityManager type). */
interface SqlExecutor {
  execute(sql: string, params: unknown[]): Promise<unknown>;
}

/** Columns a locked read-modify-write may set. */
export type LockedUserChanges = Partial<
  Pick<
    User,
    | 'username'
    | 'displayName'
    | 'firstName'
    | 'lastName'
    | 'picture'
    | 'profileImageId'
    | 'publicMetadata'
    | 'privateMetadata'
    | 'unsafeMetadata'
    | 'standardAttributes'
    | 'customAttributes'
  >
>;

/**
 * Read-modify-write of one user row under its write lock, in one transaction: two concurrent
 * writes of different keys of a JSON column (custom attributes, metadata) both land instead of
 * the later one overwriting the earlier. `compute` may throw to roll back.
 */
@Injectable()
export class LockedUserUpdateRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The changes written, or null when the user does not exist. `customAttributes`: the custom
   * attributes the write sets; `compute` then also gets the attribute definitions read in this
   * transaction, those share-locked before the user row (see readDefinitionsLocked; a schema
   * change locks them in the same order), so values are checked against the schema in force
   * when they are written.
   */
  async update<Result>(
    userId: string,
    compute: (
      user: User,
      definitions: AttributeDefinition[] | null,
    ) => { changes: LockedUserChanges; result: Result },
    options: { customAttributes?: readonly string[] } = {},
  ): Promise<{ changes: LockedUserChanges; result: Result } | null> {
    return this.em.transactional(async (em) => {
      const names = options.customAttributes ?? [];
      const definitions = names.length > 0 ? await readDefinitionsLocked(em, names) : null;
      // em.execute runs inside this transaction (getConnection().execute would not).
      const sqlEm = em as unknown as SqlExecutor;
      if (isPostgres(em)) {
        await sqlEm.execute('select id from userkit_users where id = ? for update', [userId]);
      } else {
        // SQLite: a write takes the database lock now, before the read.
        await sqlEm.execute('update userkit_users set id = id where id = ?', [userId]);
      }
      const user = await em.findOne(User, { id: userId }, { refresh: true });
      if (!user) return null;
      const computed = compute(user, definitions);
      if (Object.keys(computed.changes).length > 0) {
        await em.nativeUpdate(User, { id: userId }, { ...computed.changes, updatedAt: new Date() });
      }
      return computed;
    });
  }
}
