import { Injectable } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { FirstFactor, SecondFactor } from '../../core/extension-points/second-factor.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { AccountsService } from '../../core/services/accounts.service.js';
import type { IssuedTokens } from '../../core/services/issued-tokens.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { generateSecretToken, hashSecretToken } from '../../core/services/secret-token.js';
import { SignInAttemptsService } from '../../core/services/sign-in-attempts.service.js';
import { TwoFactorRepository } from '../repositories/two-factor.repository.js';
import { TwoFactorService } from './two-factor.service.js';
import { isBannedAt } from '../../core/entities/ban-state.js';

/** Two-factor challenges live five minutes. */
export const TWO_FACTOR_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * The second step of a sign-in (`POST /auth/login/2fa`), the core's SecondFactor: after the first
 * factor passed, a single-use challenge kept in the database, so any instance completes it. After
 * a password, the account's failed-attempt count is cleared only when every factor passed, and
 * each wrong code counts too: knowing the password does not buy unlimited code guesses. After a
 * provider, the challenge's own tries and the client's backoff limit the codes.
 */
@Injectable()
export class TwoFactorSignInService implements SecondFactor {
  constructor(
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly twoFactor: TwoFactorService,
    private readonly twoFactorStore: TwoFactorRepository,
    private readonly signInAttempts: SignInAttemptsService,
  ) {}

  /** The first factor passed (a password, or a provider): the challenge for the second. */
  async startChallenge(userId: string, firstFactor: FirstFactor): Promise<string> {
    const challenge = generateSecretToken();
    await this.twoFactorStore.createChallenge(
      userId,
      hashSecretToken(challenge),
      new Date(Date.now() + TWO_FACTOR_CHALLENGE_TTL_MS),
      firstFactor,
    );
    return challenge;
  }

  /** The challenge and a code (TOTP or backup): the tokens of a new session. */
  async complete(challenge: string, code: string, meta: RequestMeta): Promise<IssuedTokens> {
    const now = new Date();
    const taken = await this.twoFactorStore.takeChallengeAttempt(hashSecretToken(challenge), now);
    if (!taken) throw new UserKitException('INVALID_TWO_FACTOR_CHALLENGE');
    const user = await this.users.findFullById(taken.user.id);
    if (!user) throw new UserKitException('INVALID_TWO_FACTOR_CHALLENGE');
    const attempt = this.signInAttempts.forUser(user, meta.ip);
    // After a provider (or a phone code) only this client's backoff and the challenge's tries
    // apply: the password lock, which strangers can turn on, must not shut the owner out.
    const afterProvider = taken.firstFactor !== 'password';
    const method = taken.firstFactor === 'provider' ? 'oauth' : taken.firstFactor;
    try {
      if (afterProvider) await this.signInAttempts.checkBackoff(attempt);
      else await this.signInAttempts.reserve(attempt);
    } catch (error) {
      if (error instanceof UserKitException)
        this.accounts.signInFailed(
          user.id,
          method,
          error.code === 'SIGN_IN_BACKOFF' ? 'backoff' : 'locked',
        );
      throw error;
    }
    const secondFactor = await this.twoFactor.matchSecondFactor(user.id, code);
    if (secondFactor === null) {
      await this.signInAttempts.failed(attempt);
      this.accounts.signInFailed(user.id, method, 'wrong_second_factor');
      throw new UserKitException('INVALID_TWO_FACTOR_CHALLENGE');
    }
    if (!(await this.twoFactorStore.consumeChallenge(taken.id, now)))
      throw new UserKitException('INVALID_TWO_FACTOR_CHALLENGE');
    if (isBannedAt(user) || !user.twoFactorEnabled)
      throw new UserKitException('INVALID_TWO_FACTOR_CHALLENGE');
    // Only a password proves the password lock wrong; a provider sign-in leaves it on.
    // The provider's name stays with the first step; the challenge keeps only its kind.
    const signIn = { method, provider: null, secondFactor } as const;
    return afterProvider
      ? this.accounts.signedIn(user, meta, signIn)
      : this.accounts.signedInWithPassword(user, meta, signIn);
  }
}
