import { Body } from '@nestjs/common';
import { ClientMeta } from '../../core/decorators/request-meta.decorator.js';
import { TwoFactorChallengeResponse } from '../../core/dto/identifiers.response.js';
import { TokenResponse } from '../../core/dto/user.response.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { TokenResponsesService } from '../../core/services/token-responses.service.js';
import { EmailCodeRequestDto, EmailCodeSignInDto } from '../dto/email-code.dto.js';
import { EmailSignInService } from '../services/email-sign-in.service.js';
import {
  SignInCodeController,
  SignInCodeRequest,
  SignInCodeVerify,
} from './sign-in-code-api.decorators.js';

const DISABLED = {
  description:
    'Sign-in by email code is off in this app (EMAIL_SIGN_IN_DISABLED): UserContactsModule without `emailSignIn: true`',
};

@SignInCodeController('auth/email-code')
export class EmailSignInController {
  constructor(
    private readonly emailSignIn: EmailSignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @SignInCodeRequest({
    messagesTo: 'this email address',
    accepted:
      'Always the same answer: when the address is a verified address of an account, a 6-digit sign-in code (10 minutes, 5 tries) is mailed to it',
    badInput: 'Not an email address, or an unknown field',
    disabled: DISABLED,
  })
  async request(@Body() body: EmailCodeRequestDto): Promise<{ message: string }> {
    await this.emailSignIn.requestCode(body.email);
    return { message: 'If this address belongs to an account, a sign-in code is on its way' };
  }

  @SignInCodeVerify({
    invalidCode:
      'INVALID_EMAIL_CODE: the same for an unknown or unverified address, a wrong, used or expired code, a code tried 5 times, and a banned user',
    disabled: DISABLED,
    backoffFrom: 'this email address',
  })
  async verify(
    @Body() body: EmailCodeSignInDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse | TwoFactorChallengeResponse> {
    const outcome = await this.emailSignIn.signIn(body.email, body.code, meta);
    if (outcome.twoFactorRequired) return { twoFactorRequired: true, challenge: outcome.challenge };
    return this.tokenResponses.tokens(outcome.tokens);
  }
}
