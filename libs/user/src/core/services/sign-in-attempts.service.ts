import { Inject, Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import { clientAddressKey } from '../rate-limit/client-address-key.js';
import { SignInAttemptsRepository } from '../repositories/sign-in-attempts.repository.js';
import { hashSecretToken } from './secret-token.js';
import { normalizeEmail } from '../validation/email.js';

/** Free tries before backoff; the sign-in lock after this many consecutive failures. */
const FREE_ATTEMPTS = 5;
const DISABLE_AFTER_FAILURES = 100;
const MAX_BACKOFF_SECONDS = 15 * 60;
/** Failures of one client on one account are remembered this long after the first. */
const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How long an unknown email remembers its attempts (a real account: until a success or reset). */
const UNKNOWN_EMAIL_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;
const UNLIMITED = Number.MAX_SAFE_INTEGER;
const BUCKET = 'userkit-sign-in-account';

/** Seconds to wait after the last failure once `count` failures are on record. */
function backoffSeconds(count: number): number {
  return count < FREE_ATTEMPTS ? 0 : Math.min(2 ** (count - FREE_ATTEMPTS), MAX_BACKOFF_SECONDS);
}

/**
 * Who is guessing at what. `account` names a real account (and changes with each new password,
 * so a reset starts its failure history over) or an unknown email; `client` is where the guesses
 * come from (an address, /64 for IPv6, or a session).
 */
export interface SignInAttempt {
  readonly account: string;
  readonly client: string;
  /** The user whose consecutive-failure count this attempt moves; none for unknown emails. */
  readonly userId: string | null;
  readonly email: string | null;
}

/**
 * Guessing limits, as NIST SP 800-63B-4 §3.2.2 asks, without handing an attacker the owner's
 * account: the exponential backoff applies per client and account (a stranger's failures never
 * lock the owner out), and the account-wide lock after 100 consecutive failures (counted before
 * the password is checked, one atomic increment each) ends only with a success or a password
 * reset. A right password never waits on the account's counter: only failures move the backoff.
 * Unknown emails go through the same steps, so the answers do not tell who has an account.
 */
@Injectable()
export class SignInAttemptsService {
  constructor(
    private readonly attempts: SignInAttemptsRepository,
    @Inject(RateLimitStorage) private readonly storage: RateLimitStorage,
  ) {}

  forUser(user: Pick<User, 'id' | 'passwordHash'>, client: string | null): SignInAttempt {
    // A new password (a reset) starts every client's history over.
    const epoch = hashSecretToken(user.passwordHash ?? '').slice(0, 16);
    return {
      account: `user:${user.id}:${epoch}`,
      client: client === null ? 'unknown' : clientAddressKey(client),
      userId: user.id,
      email: null,
    };
  }

  forUnknownEmail(email: string, client: string | null): SignInAttempt {
    return this.forUnknownIdentifier({ email }, client);
  }

  /**
   * An email or username nobody signs in with: its own history, as a real account would have.
   * A phone number (E.164) is always counted this way, known or not: SMS codes back off per
   * client and number, and never touch the password lock.
   */
  forUnknownIdentifier(
    identifier:
      { email: string } | { username: string } | { phoneNumber: string } | { emailCode: string },
    client: string | null,
  ): SignInAttempt {
    // `emailCode`: an address's emailed sign-in codes back off apart from its password lock.
    if ('emailCode' in identifier)
      return {
        account: `email-code:${hashSecretToken(normalizeEmail(identifier.emailCode))}`,
        client: client === null ? 'unknown' : clientAddressKey(client),
        userId: null,
        email: null,
      };
    const account =
      'email' in identifier
        ? `email:${hashSecretToken(normalizeEmail(identifier.email))}`
        : 'username' in identifier
          ? `username:${hashSecretToken(identifier.username.toLowerCase())}`
          : `phone:${hashSecretToken(identifier.phoneNumber)}`;
    return {
      account,
      client: client === null ? 'unknown' : clientAddressKey(client),
      userId: null,
      email: 'email' in identifier ? normalizeEmail(identifier.email) : null,
    };
  }

  /**
   * Before the password is checked: refused while this client backs off from this account, or
   * once the account is locked; otherwise the attempt is counted towards the lock.
   * `alreadyCounted`: the sign-in read counted it already.
   */
  async reserve(attempt: SignInAttempt, alreadyCounted = false): Promise<void> {
    await this.checkBackoff(attempt);
    if (alreadyCounted) return;
    const counted =
      attempt.userId !== null
        ? await this.attempts.countAttempt(attempt.userId, new Date(), DISABLE_AFTER_FAILURES)
        : (
            await this.storage.increment(
              `unknown:${attempt.account}`,
              UNKNOWN_EMAIL_MEMORY_MS,
              UNLIMITED,
              0,
              BUCKET,
            )
          ).totalHits <= DISABLE_AFTER_FAILURES;
    // The lock ends only with a reset; Retry-After is the longest backoff, a time to check back.
    if (!counted)
      throw new UserKitException('PASSWORD_SIGN_IN_DISABLED', undefined, {
        retryAfterSeconds: MAX_BACKOFF_SECONDS,
      });
  }

  /** Refused while this client backs off from this account; the account's lock is not looked at. */
  async checkBackoff(attempt: SignInAttempt): Promise<void> {
    const backoff = await this.storage.increment(
      `backoff:${this.key(attempt)}`,
      1000,
      UNLIMITED,
      0,
      BUCKET,
    );
    if (backoff.isBlocked)
      throw new UserKitException('SIGN_IN_BACKOFF', undefined, {
        retryAfterSeconds: Math.max(1, backoff.timeToBlockExpire),
      });
  }

  /** A wrong password or code: this client waits before its next try at this account. */
  async failed(attempt: SignInAttempt): Promise<void> {
    const key = this.key(attempt);
    const failures = await this.storage.increment(
      `failures:${key}`,
      FAILURE_WINDOW_MS,
      UNLIMITED,
      0,
      BUCKET,
    );
    const wait = backoffSeconds(failures.totalHits);
    // A limit of 0 blocks at once, for the whole wait.
    if (wait > 0) await this.storage.increment(`backoff:${key}`, 1000, 0, wait * 1000, BUCKET);
  }

  /** After a success or a password reset: the account may sign in with a password again. */
  async clear(userId: string): Promise<void> {
    await this.attempts.clear(userId);
  }

  private key(attempt: SignInAttempt): string {
    return hashSecretToken(`${attempt.account}|${attempt.client}`);
  }
}
