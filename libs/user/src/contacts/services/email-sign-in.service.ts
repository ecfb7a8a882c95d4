import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import {
  MessageDeliveryService,
  recipientOf,
} from '../../core/services/message-delivery.service.js';
import type { PasswordSignInOutcome } from '../../core/services/password-sign-in.service.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { normalizeEmail } from '../../core/validation/email.js';
import { CONTACTS_OPTIONS, type ResolvedContactsOptions } from '../options/contacts-options.js';
import {
  EmailSignInCodesRepository,
  type SignInEmail,
} from '../repositories/email-sign-in-codes.repository.js';
import type { SignInCodeChannel } from './sign-in-code-channel.js';
import { SignInCodeFlow } from './sign-in-code-flow.service.js';

/**
 * Sign-in by a code mailed to a verified address (UserContactsModule's `emailSignIn`): the
 * SignInCodeFlow that also signs in by SMS code. `POST /auth/email-code` answers the same for
 * every address; `POST /auth/email-code/verify` turns the code into a session (or the second
 * factor's challenge). An address's codes back off apart from its password lock (which strangers
 * can turn on).
 */
@Injectable()
export class EmailSignInService {
  private readonly channel: SignInCodeChannel<SignInEmail>;

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(CONTACTS_OPTIONS) private readonly contactsOptions: ResolvedContactsOptions,
    codes: EmailSignInCodesRepository,
    delivery: MessageDeliveryService,
    private readonly flow: SignInCodeFlow,
  ) {
    this.channel = {
      method: 'email_code',
      invalidCode: 'INVALID_EMAIL_CODE',
      logLabel: 'Email',
      keyLabel: 'email-sign-in-codes',
      codes,
      attemptIdentifier: (email) => ({ emailCode: email }),
      deliver: (user, address, _email, code, expiresAt) =>
        delivery.deliver('sendEmailVerificationCode', {
          user: recipientOf(user),
          email: address.email,
          code,
          expiresAt,
          purpose: 'sign_in',
        }),
    };
  }

  /** Answers at once, the same for every address; the code is mailed afterwards. */
  async requestCode(input: string): Promise<void> {
    await this.flow.requestCode(this.channel, this.enabledEmail(input));
  }

  /** The address and its code: a session, or the second factor's challenge. */
  async signIn(input: string, code: string, meta: RequestMeta): Promise<PasswordSignInOutcome> {
    return this.flow.signIn(this.channel, this.enabledEmail(input), code, meta);
  }

  /** The normalized address, where the app signs in by email code (404 elsewhere). */
  private enabledEmail(input: string): string {
    if (!this.contactsOptions.emailSignIn || this.options.identifiers.email === false)
      throw new UserKitException('EMAIL_SIGN_IN_DISABLED');
    return normalizeEmail(input);
  }
}
