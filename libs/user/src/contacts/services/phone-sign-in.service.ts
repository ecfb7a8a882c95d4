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
import { toE164 } from '../../core/validation/phone-number.js';
import {
  PhoneSignInCodesRepository,
  type SignInPhone,
} from '../repositories/phone-sign-in-codes.repository.js';
import type { SignInCodeChannel } from './sign-in-code-channel.js';
import { SignInCodeFlow } from './sign-in-code-flow.service.js';

/**
 * Sign-in by a code sent by SMS to a verified number (`identifiers.phone`): the SignInCodeFlow
 * that also signs in by email code. `POST /auth/phone-code` answers the same for every number;
 * `POST /auth/phone-code/verify` turns the code into a session (or the challenge of the second
 * factor). Each client backs off from a number after failed codes as from an account after failed
 * passwords.
 */
@Injectable()
export class PhoneSignInService {
  private readonly channel: SignInCodeChannel<SignInPhone>;

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    codes: PhoneSignInCodesRepository,
    delivery: MessageDeliveryService,
    private readonly flow: SignInCodeFlow,
  ) {
    this.channel = {
      method: 'phone_code',
      invalidCode: 'INVALID_PHONE_CODE',
      logLabel: 'Phone',
      keyLabel: 'phone-sign-in-codes',
      codes,
      attemptIdentifier: (phoneNumber) => ({ phoneNumber }),
      deliver: (user, _phone, phoneNumber, code, expiresAt) =>
        delivery.deliver('sendPhoneVerificationCode', {
          user: recipientOf(user),
          phoneNumber,
          code,
          expiresAt,
          purpose: 'sign_in',
        }),
    };
  }

  /** Answers at once, the same for every number; the SMS is sent afterwards. */
  async requestCode(input: string): Promise<void> {
    await this.flow.requestCode(this.channel, this.enabledNumber(input));
  }

  /** The number and its code: a session, or the second factor's challenge. */
  async signIn(input: string, code: string, meta: RequestMeta): Promise<PasswordSignInOutcome> {
    return this.flow.signIn(this.channel, this.enabledNumber(input), code, meta);
  }

  /** E.164, where the app signs in by phone (404 elsewhere; 400 for a number that cannot be). */
  private enabledNumber(input: string): string {
    if (this.options.identifiers.phone === false)
      throw new UserKitException('PHONE_SIGN_IN_DISABLED');
    const phoneNumber = toE164(input);
    if (phoneNumber === null) throw new UserKitException('INVALID_PHONE_NUMBER');
    return phoneNumber;
  }
}
