import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';

export type MetadataField = 'publicMetadata' | 'privateMetadata' | 'unsafeMetadata';

/** The ban flag. */
@Injectable()
export class UserModerationRepository {
  constructor(private readonly em: EntityManager) {}

  /** false when the user does not exist. */
  async setBanned(userId: string, banned: boolean): Promise<boolean> {
    return (
      (await this.em.nativeUpdate(User, { id: userId }, { banned, updatedAt: new Date() })) === 1
    );
  }
}
