import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';

export type MetadataField = 'publicMetadata' | 'privateMetadata' | 'unsafeMetadata';

/** What a ban records besides the flag; an unban clears both. */
export interface BanDetails {
  reason: string | null;
  until: Date | null;
}

/** The ban flag, its reason and its end. */
@Injectable()
export class UserModerationRepository {
  constructor(private readonly em: EntityManager) {}

  /** false when the user does not exist. */
  async setBanned(
    userId: string,
    banned: boolean,
    details: BanDetails = { reason: null, until: null },
  ): Promise<boolean> {
    const changes = {
      banned,
      banReason: banned ? details.reason : null,
      bannedUntil: banned ? details.until : null,
      updatedAt: new Date(),
    };
    return (await this.em.nativeUpdate(User, { id: userId }, changes)) === 1;
  }
}
