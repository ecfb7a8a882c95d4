import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { isBannedAt } from '../../core/entities/ban-state.js';
import { newId } from '../../core/entities/new-id.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { SignInMethod } from '../../core/events/user-kit-events.js';
import { RateLimitStorage } from '../../core/extension-points/rate-limit-storage.js';
import { logValue } from '../../core/messages/log-value.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { OrmContext } from '../../core/repositories/orm-context.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { AccountsService } from '../../core/services/accounts.service.js';
import {
  deriveKey,
  generateNumericCode,
  hashShortCode,
  sameDigest,
} from '../../core/services/one-time-codes.js';
import {
  PasswordSignInService,
  type PasswordSignInOutcome,
} from '../../core/services/password-sign-in.service.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { SignInAttemptsService } from '../../core/services/sign-in-attempts.service.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import type { SignInCodeTarget } from '../repositories/sign-in-codes.repository.js';
import { VERIFICATION_CODE_TTL_MS } from './contacts.service.js';
import { countMessageToSend } from './message-send-limits.js';
import type { SignInCodeChannel } from './sign-in-code-channel.js';

/**
 * Sign-in by a one-time code sent to a verified target, shared by email codes and SMS codes (the
 * channel says what differs). Asking for a code answers the same for every target, and only a
 * verified target of a user who is not banned gets a code; the code then turns into a session (or
 * the second factor's challenge when the user turned 2FA on). Codes are single use, ten minutes,
 * five tries, stored as an HMAC under a key of the channel's own. Each target gets at most 5
 * messages an hour (verification codes included), whoever asks; each client backs off from a
 * target after failed codes.
 */
@Injectable()
export class SignInCodeFlow implements BeforeApplicationShutdown {
  private readonly codeKeys = new Map<string, Buffer>();
  private readonly logger = new Logger('UserKit');
  /** Codes being sent after their answer: the app waits for them before the ORM closes. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(RateLimitStorage) private readonly rateLimitStorage: RateLimitStorage,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsService,
    private readonly passwordSignIn: PasswordSignInService,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly ormContext: OrmContext,
  ) {}

  /**
   * Counts the message against the target (known or not: a 429 says nothing about who has it),
   * then answers at once; the lookup, the code and the message happen afterwards, so neither the
   * answer nor its timing tells whether the target belongs to anyone.
   */
  async requestCode<T extends SignInCodeTarget>(
    channel: SignInCodeChannel<T>,
    key: string,
  ): Promise<void> {
    await this.answerThenSend(key, `${channel.logLabel} sign-in code`, () =>
      this.sendCode(channel, key),
    );
  }

  /**
   * Counts a message against its recipient (429 over the limit, known or not), then runs `send`
   * after the answer, detached from the request: the answer and its timing are the same whoever
   * holds the recipient. Shared with the sign-in links.
   */
  async answerThenSend(key: string, label: string, send: () => Promise<void>): Promise<void> {
    await countMessageToSend(this.rateLimitStorage, null, key);
    const sending = this.ormContext
      .runDetached(send)
      .catch((error: unknown) => this.logger.error(`${label} not sent: ${logValue(error)}`))
      .finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  /** The target (normalized) and its code: a session, or the second factor's challenge. */
  async signIn<T extends SignInCodeTarget>(
    channel: SignInCodeChannel<T>,
    key: string,
    code: string,
    meta: RequestMeta,
  ): Promise<PasswordSignInOutcome> {
    const target = await channel.codes.findVerified(key);
    const attempt = this.signInAttempts.forUnknownIdentifier(
      channel.attemptIdentifier(key),
      meta.ip,
    );
    try {
      await this.signInAttempts.checkBackoff(attempt);
    } catch (error) {
      this.accounts.signInFailed(target?.userId ?? null, channel.method, 'backoff', key);
      throw error;
    }
    const codeKey = this.codeKey(channel);
    const outcome = target
      ? await channel.codes.redeem(target, new Date(), (codeId, codeHash) =>
          sameDigest(hashShortCode(codeKey, codeId, code), codeHash),
        )
      : 'no_code';
    const user =
      target && outcome === 'redeemed'
        ? await this.users.findFullById(target.userId)
        : !target && channel.unknownTarget
          ? await channel.unknownTarget.redeem(key, code)
          : null;
    if (!user || isBannedAt(user)) {
      await this.signInAttempts.failed(attempt);
      const reason = !target
        ? 'unknown_account'
        : user && isBannedAt(user)
          ? 'banned'
          : 'wrong_code';
      this.accounts.signInFailed(target?.userId ?? null, channel.method, reason, key);
      throw new UserKitException(channel.invalidCode);
    }
    if (!user.twoFactorEnabled) {
      // A sign-in with the channel's code alone.
      const method: SignInMethod = Object.freeze({
        method: channel.method,
        provider: null,
        secondFactor: null,
      });
      return { twoFactorRequired: false, tokens: await this.accounts.signedIn(user, meta, method) };
    }
    return {
      twoFactorRequired: true,
      challenge: await this.passwordSignIn.startTwoFactor(user.id, channel.method),
    };
  }

  private async sendCode<T extends SignInCodeTarget>(
    channel: SignInCodeChannel<T>,
    key: string,
  ): Promise<void> {
    const target = await channel.codes.findVerified(key);
    if (!target) return channel.unknownTarget?.send(key);
    if (target.banned) return;
    const user = await this.users.findFullById(target.userId);
    if (!user) return;
    const code = generateNumericCode(6);
    const id = newId();
    const expiresAt = new Date(Date.now() + VERIFICATION_CODE_TTL_MS);
    await channel.codes.replace(target, {
      id,
      codeHash: hashShortCode(this.codeKey(channel), id, code),
      expiresAt,
    });
    await channel.deliver(user, target, key, code, expiresAt);
  }

  /** Derived once per label: each channel's codes (and sign-up codes) have a key of their own. */
  codeKey(channel: { keyLabel: string }): Buffer {
    let codeKey = this.codeKeys.get(channel.keyLabel);
    if (!codeKey) {
      codeKey = deriveKey(this.options.tokenSecret, channel.keyLabel);
      this.codeKeys.set(channel.keyLabel, codeKey);
    }
    return codeKey;
  }
}
