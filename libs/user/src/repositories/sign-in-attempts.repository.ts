import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';

export interface SignInFailureState {
  failedSignInCount: number;
  lastFailedSignInAt: Date | null;
  passwordSignInDisabled: boolean;
}

@Injectable()
export class SignInAttemptsRepository {
  constructor(private readonly em: EntityManager) {}

  async read(userId: string): Promise<SignInFailureState | null> {
    const user = await this.em.findOne(
      User,
      { id: userId },
      {
        fields: ['failedSignInCount', 'lastFailedSignInAt', 'passwordSignInDisabled'],
        // A partial load must not replace the managed user's snapshot (a later flush would
        // then write stale columns back), so this read bypasses the identity map.
        disableIdentityMap: true,
      },
    );
    return user
      ? {
          failedSignInCount: user.failedSignInCount,
          lastFailedSignInAt: user.lastFailedSignInAt,
          passwordSignInDisabled: user.passwordSignInDisabled,
        }
      : null;
  }

  /** Compare-and-set on the count: of parallel attempts, one moves it per round. */
  async countAttempt(
    userId: string,
    expectedCount: number,
    at: Date,
    disable: boolean,
  ): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      User,
      { id: userId, failedSignInCount: expectedCount, passwordSignInDisabled: false },
      {
        failedSignInCount: expectedCount + 1,
        lastFailedSignInAt: at,
        passwordSignInDisabled: disable,
      },
    );
    return changed === 1;
  }

  async clear(userId: string): Promise<void> {
    await this.em.nativeUpdate(
      User,
      { id: userId },
      { failedSignInCount: 0, lastFailedSignInAt: null, passwordSignInDisabled: false },
    );
  }

  /**
   * A completed sign-in: the failure count cleared and the sign-in time recorded in ONE statement
   * on the user row (they were two UPDATEs of the same row on every sign-in).
   */
  async clearOnSignIn(userId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(
      User,
      { id: userId },
      {
        failedSignInCount: 0,
        lastFailedSignInAt: null,
        passwordSignInDisabled: false,
        lastSignInAt: at,
      },
    );
  }
}
