import { Injectable } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { UsersRepository } from '../repositories/users.repository.js';
import type { AuthenticatedPrincipal } from './sessions.service.js';

export interface OwnProfileChanges {
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  unsafeMetadata?: JsonObject;
}

/** What a signed-in user reads and writes about themselves. */
@Injectable()
export class ProfileService {
  constructor(private readonly users: UsersRepository) {}

  async getOwn(userId: string): Promise<User> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('NOT_SIGNED_IN');
    return user;
  }

  /**
   * The signed-in user's full profile from the user the session check loaded in this request:
   * GET /me costs the session check plus one query per collection, no second read of the user.
   */
  async getOwnFrom(principal: AuthenticatedPrincipal): Promise<User> {
    return this.users.populateFull(principal.user);
  }

  async updateOwn(userId: string, changes: OwnProfileChanges): Promise<User> {
    const user = await this.getOwn(userId);
    const allowed: OwnProfileChanges = {};
    for (const key of [
      'displayName',
      'firstName',
      'lastName',
      'picture',
      'unsafeMetadata',
    ] as const) {
      if (changes[key] !== undefined) (allowed as Record<string, unknown>)[key] = changes[key];
    }
    await this.users.updateProfile(user, allowed);
    return this.getOwn(userId);
  }
}
