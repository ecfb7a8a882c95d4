import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';

/** The lookups of an import: which source ids are here already. */
@Injectable()
export class ImportedUsersRepository {
  constructor(private readonly em: EntityManager) {}

  /** Those of `externalIds` that users here have (one query). */
  async existingExternalIds(externalIds: readonly string[]): Promise<string[]> {
    if (externalIds.length === 0) return [];
    const users = await this.em.find(
      User,
      { externalId: { $in: [...externalIds] } },
      { fields: ['externalId'] },
    );
    return users.flatMap((user) => (user.externalId === null ? [] : [user.externalId]));
  }
}
