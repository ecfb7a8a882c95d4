import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { User, type JsonObject } from '../entities/user.entity.js';
import { isPostgres } from './sql-dialect-of.js';

export type MetadataField = 'publicMetadata' | 'privateMetadata' | 'unsafeMetadata';

/** Writes of the admin's moderation routes: the ban flag and metadata merges. */
@Injectable()
export class UserModerationRepository {
  constructor(private readonly em: EntityManager) {}

  /** false when the user does not exist. */
  async setBanned(userId: string, banned: boolean): Promise<boolean> {
    return (
      (await this.em.nativeUpdate(User, { id: userId }, { banned, updatedAt: new Date() })) === 1
    );
  }

  /**
   * Reads, merges and writes the metadata in one transaction holding the row's write lock, so two
   * concurrent merges both land (neither overwrites the other). `merge` may throw to roll back.
   * Returns null when the user does not exist.
   */
  async mergeMetadata(
    userId: string,
    merge: (
      current: Record<MetadataField, JsonObject>,
    ) => Partial<Record<MetadataField, JsonObject>>,
  ): Promise<Partial<Record<MetadataField, JsonObject>> | null> {
    return this.em.transactional(async (em) => {
      // em.execute runs inside this transaction (getConnection().execute would not).
      const sqlEm = em as unknown as SqlEntityManager;
      if (isPostgres(em)) {
        await sqlEm.execute('select id from userkit_users where id = ? for update', [userId]);
      } else {
        // SQLite: a write takes the database lock now, before the read.
        await sqlEm.execute('update userkit_users set id = id where id = ?', [userId]);
      }
      const user = await em.findOne(User, { id: userId }, { refresh: true });
      if (!user) return null;
      const merged = merge({
        publicMetadata: user.publicMetadata ?? {},
        privateMetadata: user.privateMetadata ?? {},
        unsafeMetadata: user.unsafeMetadata ?? {},
      });
      if (Object.keys(merged).length > 0) {
        await em.nativeUpdate(User, { id: userId }, { ...merged, updatedAt: new Date() });
      }
      return merged;
    });
  }
}
