import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import {
  SignInAttemptsRepository,
  type SignInFailureState,
} from '../repositories/sign-in-attempts.repository.js';
import { hashSecretToken } from './secret-token.js';
import { normalizeEmail } from '../validation/email.js';

/** Free tries before backoff; the sign-in lock after this many consecutive failures. */
export const FREE_ATTEMPTS = 5;
export const DISABLE_AFTER_FAILURES = 100;
const MAX_BACKOFF_SECONDS = 15 * 60;
const CAS_ROUNDS = 8;

/** Seconds to wait after the last failure once `count` failures are on record. */
export function backoffSeconds(count: number): number {
  return count < FREE_ATTEMPTS ? 0 : Math.min(2 ** (count - FREE_ATTEMPTS), MAX_BACKOFF_SECONDS);
}

/**
 * Per-account guessing limits, shared by every instance (they live in the user row). An attempt is
 * counted BEFORE the password is checked and cleared after a success, so parallel guesses cannot
 * evaluate more passwords than the limit allows.
 */
@Injectable()
export class SignInAttemptsService {
  constructor(
    private readonly attempts: SignInAttemptsRepository,
    @Inject(RateLimitStorage) private readonly storage: RateLimitStorage,
  ) {}

  /**
   * `known`: the state as just read with the user (the password sign-in reads it with the user
   * row), used for the first round instead of reading it again; later rounds (the compare-and-set
   * lost to a parallel attempt) read it fresh.
   */
  async reserve(userId: string, known?: SignInFailureState): Promise<void> {
    for (let round = 0; round < CAS_ROUNDS; round += 1) {
      const state = round === 0 && known ? known : await this.attempts.read(userId);
      if (!state) return;
      if (state.passwordSignInDisabled) throw new UserKitException('PASSWORD_SIGN_IN_DISABLED');
      const now = new Date();
      const wait = backoffSeconds(state.failedSignInCount);
      if (
        wait > 0 &&
        state.lastFailedSignInAt &&
        now.getTime() - state.lastFailedSignInAt.getTime() < wait * 1000
      ) {
        throw new UserKitException('SIGN_IN_BACKOFF');
      }
      const disable = state.failedSignInCount + 1 >= DISABLE_AFTER_FAILURES;
      if (await this.attempts.countAttempt(userId, state.failedSignInCount, now, disable)) return;
    }
    throw new UserKitException('SIGN_IN_BACKOFF');
  }

  /** Unknown emails get the same free tries, so the limit itself does not reveal who exists. */
  async reserveUnknown(email: string): Promise<void> {
    const windowMs = MAX_BACKOFF_SECONDS * 1000;
    const record = await this.storage.increment(
      `unknown:${hashSecretToken(normalizeEmail(email))}`,
      windowMs,
      FREE_ATTEMPTS,
      windowMs,
      'userkit-sign-in-account',
    );
    if (record.isBlocked) throw new UserKitException('SIGN_IN_BACKOFF');
  }

  async succeeded(userId: string): Promise<void> {
    await this.attempts.clear(userId);
  }

  /** After a password reset: the account may sign in with a password again. */
  async clear(userId: string): Promise<void> {
    await this.attempts.clear(userId);
  }
}
