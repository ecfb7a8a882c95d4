import { isBannedAt } from '../../core/entities/ban-state.js';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
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
import { normalizeEmail } from '../../core/validation/email.js';
import { CONTACTS_OPTIONS, type ResolvedContactsOptions } from '../options/contacts-options.js';
import { EmailSignInCodesRepository } from '../repositories/email-sign-in-codes.repository.js';
import { VERIFICATION_CODE_TTL_MS } from './contacts.service.js';
import { countMessageToSend } from './message-send-limits.js';

/** A sign-in with an address's emailed code alone. */
const EMAIL_CODE_ONLY: SignInMethod = Object.freeze({
  method: 'email_code',
  provider: null,
  secondFactor: null,
});

/**
 * Sign-in by a code mailed to a verified address (UserContactsModule's `emailSignIn`): the same
 * machinery as sign-in by SMS code. `POST /auth/email-code` answers the same for every address,
 * and only a verified address of a user who is not banned gets a code; `POST
 * /auth/email-code/verify` turns the code into a session (or the second factor's challenge when
 * the user turned 2FA on). Codes are single use, ten minutes, five tries, stored as an HMAC under
 * a key of their own. Each address gets at most 5 messages an hour (verification codes included),
 * whoever asks; each client backs off from an address after failed codes, apart from the
 * address's password lock (which strangers can turn on).
 */
@Injectable()
export class EmailSignInService implements BeforeApplicationShutdown {
  private readonly codeKey: Buffer;
  private readonly logger = new Logger('UserKit');
  /** Codes being sent after their answer: the app waits for them before the ORM closes. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(CONTACTS_OPTIONS) private readonly contactsOptions: ResolvedContactsOptions,
    @Inject(RateLimitStorage) private readonly rateLimitStorage: RateLimitStorage,
    private readonly codes: EmailSignInCodesRepository,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsService,
    private readonly passwordSignIn: PasswordSignInService,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly delivery: MessageDeliveryService,
    private readonly ormContext: OrmContext,
  ) {
    this.codeKey = deriveKey(options.tokenSecret, 'email-sign-in-codes');
  }

  /**
   * Counts the message against the address (known or not: a 429 says nothing about who has it),
   * then answers at once; the lookup, the code and the mail happen afterwards, so neither the
   * answer nor its timing tells whether the address belongs to anyone.
   */
  async requestCode(input: string): Promise<void> {
    const email = this.enabledEmail(input);
    await countMessageToSend(this.rateLimitStorage, null, email);
    const sending = this.ormContext
      .runDetached(() => this.sendCode(email))
      .catch((error: unknown) =>
        this.logger.error(`Email sign-in code not sent: ${logValue(error)}`),
      )
      .finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  /** The address and its code: a session, or the second factor's challenge. */
  async signIn(input: string, code: string, meta: RequestMeta): Promise<PasswordSignInOutcome> {
    const email = this.enabledEmail(input);
    const address = await this.codes.findVerified(email);
    const attempt = this.signInAttempts.forUnknownIdentifier({ emailCode: email }, meta.ip);
    try {
      await this.signInAttempts.checkBackoff(attempt);
    } catch (error) {
      this.accounts.signInFailed(address?.userId ?? null, 'email_code', 'backoff', email);
      throw error;
    }
    const outcome = address
      ? await this.codes.redeem(address.emailId, new Date(), (codeId, codeHash) =>
          sameDigest(hashShortCode(this.codeKey, codeId, code), codeHash),
        )
      : 'no_code';
    const user =
      address && outcome === 'redeemed' ? await this.users.findFullById(address.userId) : null;
    if (!user || isBannedAt(user)) {
      await this.signInAttempts.failed(attempt);
      const reason = !address
        ? 'unknown_account'
        : user && isBannedAt(user)
          ? 'banned'
          : 'wrong_code';
      this.accounts.signInFailed(address?.userId ?? null, 'email_code', reason, email);
      throw new UserKitException('INVALID_EMAIL_CODE');
    }
    if (!user.twoFactorEnabled)
      return {
        twoFactorRequired: false,
        tokens: await this.accounts.signedIn(user, meta, EMAIL_CODE_ONLY),
      };
    return {
      twoFactorRequired: true,
      challenge: await this.passwordSignIn.startTwoFactor(user.id, 'email_code'),
    };
  }

  /** The normalized address, where the app signs in by email code (404 elsewhere). */
  private enabledEmail(input: string): string {
    if (!this.contactsOptions.emailSignIn || this.options.identifiers.email === false)
      throw new UserKitException('EMAIL_SIGN_IN_DISABLED');
    return normalizeEmail(input);
  }

  private async sendCode(email: string): Promise<void> {
    const address = await this.codes.findVerified(email);
    if (!address || address.banned) return;
    const user = await this.users.findFullById(address.userId);
    if (!user) return;
    const code = generateNumericCode(6);
    const codeId = newId();
    const expiresAt = new Date(Date.now() + VERIFICATION_CODE_TTL_MS);
    await this.codes.replace(address, codeId, hashShortCode(this.codeKey, codeId, code), expiresAt);
    await this.delivery.deliver('sendEmailVerificationCode', {
      user: recipientOf(user),
      email: address.email,
      code,
      expiresAt,
      purpose: 'sign_in',
    });
  }
}
