import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { takenIdentifier, UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { SignInMethodsService } from './sign-in-methods.service.js';

/** The rules of a username change (PATCH /me, PATCH /admin/users/:id): set, change, remove. */
@Injectable()
export class UsernamesService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly users: UsersRepository,
    private readonly signInMethods: SignInMethodsService,
  ) {}

  /**
   * Refuses a username where the app has none, and a removal where usernames are required or
   * where it is the user's last way to sign in (a password with no email address left).
   */
  async assertChangeable(userId: string, username: string | null): Promise<void> {
    const setting = this.options.identifiers.username;
    if (setting === false)
      throw new UserKitException('IDENTIFIER_NOT_ACCEPTED', 'This app has no usernames');
    if (username !== null) return;
    if (setting === 'required')
      throw new UserKitException('VALIDATION_FAILED', ['username is required']);
    const counts = await this.users.signInMethodCounts(userId);
    if (counts?.hasUsername) this.signInMethods.assertRemovable(counts, { username: true });
  }

  /** Runs a write that may set a username: another user's (the unique index says so) is a 409. */
  async translateTaken<Result>(write: () => Promise<Result>): Promise<Result> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw takenIdentifier(error);
      throw error;
    }
  }
}
