import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';

/** The lookups of an import: which source ids are here already. */
@Injectable()
export class ImportedUsersRepository {
  constructor(private readonly em: EntityManager) {}

  async hasExternalId(externalId: string): Promise<boolean> {
    return (await this.em.count(User, { externalId })) > 0;
  }
}
