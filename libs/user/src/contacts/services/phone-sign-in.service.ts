import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { newId } from '../../core/entities/new-id.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { RateLimitStorage } from '../../core/extension-points/rate-limit-storage.js';
import { logValue } from '../../core/messages/log-value.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { OrmContext } from '../../core/repositories/orm-context.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { AccountsService } from '../../core/services/accounts.service.js';
import type { SignInMethod } from '../../core/events/user-kit-events.js';
import {
  MessageDeliveryService,
  recipientOf,
} from '../../core/services/message-delivery.service.js';
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
import { toE164 } from '../../core/validation/phone-number.js';
import { PhoneSignInCodesRepository } from '../repositories/phone-sign-in-codes.repository.js';
import { countMessageToSend } from './message-send-limits.js';
import { VERIFICATION_CODE_TTL_MS } from './contacts.service.js';
import { isBannedAt } from '../../core/entities/ban-state.js';

/** A sign-in with a number's SMS code alone. */
const PHONE_CODE_ONLY: SignInMethod = Object.freeze({
  method: 'phone_code',
  provider: null,
  secondFactor: null,
});

/**
 * Sign-in by a code sent by SMS to a verified number (`identifiers.phone`): `POST
 * /auth/phone-code` answers the same for every number, and only a verified number of a user who
 * is not banned gets a code; `POST /auth/phone-code/verify` turns the code into a session (or
 * the challenge of the second factor when the user turned 2FA on). Codes are single use, ten
 * minutes, five tries, stored as an HMAC under a key of their own. Each number gets at most 5
 * messages an hour (verification codes included), whoever asks; each client backs off from a
 * number after failed codes as from an account after failed passwords.
 */
@Injectable()
export class PhoneSignInService implements BeforeApplicationShutdown {
  private readonly codeKey: Buffer;
  private readonly logger = new Logger('UserKit');
  /** Codes being sent after their answer: the app waits for them before the ORM closes. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(RateLimitStorage) private readonly rateLimitStorage: RateLimitStorage,
    private readonly codes: PhoneSignInCodesRepository,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsService,
    private readonly passwordSignIn: PasswordSignInService,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly delivery: MessageDeliveryService,
    private readonly ormContext: OrmContext,
  ) {
    this.codeKey = deriveKey(options.tokenSecret, 'phone-sign-in-codes');
  }

  /**
   * Counts the message against the number (known or not: a 429 says nothing about who has it),
   * then answers at once; the lookup, the code and the SMS happen afterwards, so neither the
   * answer nor its timing tells whether the number belongs to anyone.
   */
  async requestCode(input: string): Promise<void> {
    const phoneNumber = this.enabledNumber(input);
    await countMessageToSend(this.rateLimitStorage, null, phoneNumber);
    const sending = this.ormContext
      .runDetached(() => this.sendCode(phoneNumber))
      .catch((error: unknown) =>
        this.logger.error(`Phone sign-in code not sent: ${logValue(error)}`),
      )
      .finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  /** The number and its code: a session, or the second factor's challenge. */
  async signIn(input: string, code: string, meta: RequestMeta): Promise<PasswordSignInOutcome> {
    const phoneNumber = this.enabledNumber(input);
    const phone = await this.codes.findVerified(phoneNumber);
    const attempt = this.signInAttempts.forUnknownIdentifier({ phoneNumber }, meta.ip);
    try {
      await this.signInAttempts.checkBackoff(attempt);
    } catch (error) {
      this.accounts.signInFailed(phone?.userId ?? null, 'phone_code', 'backoff', phoneNumber);
      throw error;
    }
    const outcome = phone
      ? await this.codes.redeem(phone.phoneId, new Date(), (codeId, codeHash) =>
          sameDigest(hashShortCode(this.codeKey, codeId, code), codeHash),
        )
      : 'no_code';
    const user =
      phone && outcome === 'redeemed' ? await this.users.findFullById(phone.userId) : null;
    if (!user || isBannedAt(user)) {
      await this.signInAttempts.failed(attempt);
      const reason = !phone
        ? 'unknown_account'
        : user && isBannedAt(user)
          ? 'banned'
          : 'wrong_code';
      this.accounts.signInFailed(phone?.userId ?? null, 'phone_code', reason, phoneNumber);
      throw new UserKitException('INVALID_PHONE_CODE');
    }
    if (!user.twoFactorEnabled)
      return {
        twoFactorRequired: false,
        tokens: await this.accounts.signedIn(user, meta, PHONE_CODE_ONLY),
      };
    return {
      twoFactorRequired: true,
      challenge: await this.passwordSignIn.startTwoFactor(user.id, 'phone_code'),
    };
  }

  /** E.164, where the app signs in by phone (404 elsewhere; 400 for a number that cannot be). */
  private enabledNumber(input: string): string {
    if (this.options.identifiers.phone === false)
      throw new UserKitException('PHONE_SIGN_IN_DISABLED');
    const phoneNumber = toE164(input);
    if (phoneNumber === null) throw new UserKitException('INVALID_PHONE_NUMBER');
    return phoneNumber;
  }

  private async sendCode(phoneNumber: string): Promise<void> {
    const phone = await this.codes.findVerified(phoneNumber);
    if (!phone || phone.banned) return;
    const user = await this.users.findFullById(phone.userId);
    if (!user) return;
    const code = generateNumericCode(6);
    const codeId = newId();
    const expiresAt = new Date(Date.now() + VERIFICATION_CODE_TTL_MS);
    await this.codes.replace(phone, codeId, hashShortCode(this.codeKey, codeId, code), expiresAt);
    await this.delivery.deliver('sendPhoneVerificationCode', {
      user: recipientOf(user),
      phoneNumber,
      code,
      expiresAt,
      purpose: 'sign_in',
    });
  }
}
