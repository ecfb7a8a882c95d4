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
import { VERIFICATION_CODE_TTL_MS } from './contacts.service.js';
import { PasswordlessSignUp } from './passwordless-sign-up.service.js';
import { EmailSignInTokensRepository } from '../repositories/email-sign-in-tokens.repository.js';
import { newId } from '../../core/entities/new-id.js';
import {
  generateNumericCode,
  hashShortCode,
  sameDigest,
} from '../../core/services/one-time-codes.js';

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
    signUp: PasswordlessSignUp,
    tokens: EmailSignInTokensRepository,
  ) {
    const signUpCodeKey = { keyLabel: 'email-sign-up-codes' };
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
      unknownTarget: {
        send: async (email) => {
          if (!(await signUp.offeredTo(email))) return;
          const code = generateNumericCode(6);
          const id = newId();
          const expiresAt = new Date(Date.now() + VERIFICATION_CODE_TTL_MS);
          await tokens.create(
            {
              id,
              kind: 'sign_up_code',
              tokenHash: hashShortCode(flow.codeKey(signUpCodeKey), id, code),
              normalizedEmail: email,
              email,
              userId: null,
              redirectUrl: null,
              codeChallenge: null,
              expiresAt,
            },
            new Date(),
          );
          await delivery.deliver('sendEmailSignUpCode', { email, code, expiresAt });
        },
        redeem: async (email, code) => {
          if (!contactsOptions.passwordlessSignUp) return null;
          const codeKey = flow.codeKey(signUpCodeKey);
          const redeemed = await tokens.redeemSignUpCode(email, new Date(), (codeId, codeHash) =>
            sameDigest(hashShortCode(codeKey, codeId, code), codeHash),
          );
          return redeemed.outcome === 'redeemed' && redeemed.email !== null
            ? signUp.accountFor(redeemed.email, email)
            : null;
        },
      },
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
