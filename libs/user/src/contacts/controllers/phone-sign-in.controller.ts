import { Body } from '@nestjs/common';
import { ClientMeta } from '../../core/decorators/request-meta.decorator.js';
import { TwoFactorChallengeResponse } from '../../core/dto/identifiers.response.js';
import { TokenResponse } from '../../core/dto/user.response.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { TokenResponsesService } from '../../core/services/token-responses.service.js';
import { PhoneCodeRequestDto, PhoneCodeSignInDto } from '../dto/phone-code.dto.js';
import { PhoneSignInService } from '../services/phone-sign-in.service.js';
import {
  SignInCodeController,
  SignInCodeRequest,
  SignInCodeVerify,
} from './sign-in-code-api.decorators.js';

const DISABLED = { description: 'Sign-in by phone is off in this app (PHONE_SIGN_IN_DISABLED)' };

@SignInCodeController('auth/phone-code')
export class PhoneSignInController {
  constructor(
    private readonly phoneSignIn: PhoneSignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @SignInCodeRequest({
    messagesTo: 'this number',
    accepted:
      'Always the same answer: when the number is a verified number of an account, a 6-digit sign-in code (10 minutes, 5 tries) is sent to it by SMS',
    badInput: 'Not a valid international (E.164) number, or an unknown field',
    disabled: DISABLED,
  })
  async request(@Body() body: PhoneCodeRequestDto): Promise<{ message: string }> {
    await this.phoneSignIn.requestCode(body.phoneNumber);
    return { message: 'If this number belongs to an account, a sign-in code is on its way' };
  }

  @SignInCodeVerify({
    invalidCode:
      'INVALID_PHONE_CODE: the same for an unknown number, a wrong, used or expired code, a code tried 5 times, and a banned user',
    disabled: DISABLED,
    backoffFrom: 'this number',
  })
  async verify(
    @Body() body: PhoneCodeSignInDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse | TwoFactorChallengeResponse> {
    const outcome = await this.phoneSignIn.signIn(body.phoneNumber, body.code, meta);
    if (outcome.twoFactorRequired) return { twoFactorRequired: true, challenge: outcome.challenge };
    return this.tokenResponses.tokens(outcome.tokens);
  }
}
