import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';
import type { UserCursor } from '../services/user-cursor.js';

/** Reads users for an export, a page at a time in (createdAt, id) order. */
@Injectable()
export class ExportedUsersRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The page after `after` (keyset, not offset: users created or deleted meanwhile never shift
   * the others, so none is skipped or repeated). A fork per page: the identity map stays small.
   */
  async pageAfter(after: UserCursor | null, limit: number): Promise<User[]> {
    const em = this.em.fork();
    // Anonymous users are not exported: they are nobody another system could sign in.
    const where = after
      ? {
          isAnonymous: false,
          $or: [
            { createdAt: { $gt: after.createdAt } },
            { createdAt: after.createdAt, id: { $gt: after.id } },
          ],
        }
      : { isAnonymous: false };
    return em.find(User, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit,
      populate: ['emailAddresses', 'phoneNumbers', 'roles'],
    });
  }
}
