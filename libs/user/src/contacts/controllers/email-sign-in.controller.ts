import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { RefreshCookieInterceptor } from '../../core/cookie-session/refresh-cookie.interceptor.js';
import { ApiFirstFactorResponse } from '../../core/decorators/api-first-factor-response.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { ClientMeta } from '../../core/decorators/request-meta.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { TwoFactorChallengeResponse } from '../../core/dto/identifiers.response.js';
import { TokenResponse } from '../../core/dto/user.response.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { TokenResponsesService } from '../../core/services/token-responses.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { EmailCodeRequestDto, EmailCodeSignInDto } from '../dto/email-code.dto.js';
import { EmailSignInService } from '../services/email-sign-in.service.js';

const DISABLED = {
  description:
    'Sign-in by email code is off in this app (EMAIL_SIGN_IN_DISABLED): UserContactsModule without `emailSignIn: true`',
};

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth/email-code')
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
export class EmailSignInController {
  constructor(
    private readonly emailSignIn: EmailSignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiUserKitError(429, {
    description:
      'Over the "sendMessage" rate limit of this address (RATE_LIMITED), or over 5 messages an hour to this email address, whoever it belongs to (TOO_MANY_MESSAGES); nothing sent',
  })
  @RateLimit('sendMessage')
  @ApiAcceptedResponse({
    schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    description:
      'Always the same answer: when the address is a verified address of an account, a 6-digit sign-in code (10 minutes, 5 tries) is mailed to it',
  })
  @ApiUserKitError(400, { description: 'Not an email address, or an unknown field' })
  @ApiUserKitError(404, DISABLED)
  async request(@Body() body: EmailCodeRequestDto): Promise<{ message: string }> {
    await this.emailSignIn.requestCode(body.email);
    return { message: 'If this address belongs to an account, a sign-in code is on its way' };
  }

  @Post('verify')
  @NoStore()
  @RateLimit('codeSubmit')
  @HttpCode(HttpStatus.OK)
  @ApiFirstFactorResponse()
  @ApiUserKitError(401, {
    description:
      'INVALID_EMAIL_CODE: the same for an unknown or unverified address, a wrong, used or expired code, a code tried 5 times, and a banned user',
  })
  @ApiUserKitError(403, {
    description:
      'SECOND_FACTOR_UNAVAILABLE: the user turned two-factor sign-in on and this app does not offer it; or CROSS_SITE_REQUEST: asked for the cookie session from a foreign Origin',
  })
  @ApiUserKitError(404, DISABLED)
  @ApiUserKitError(429, {
    description:
      'Over the "codeSubmit" rate limit of this address (RATE_LIMITED), or this client waits after 5 wrong codes for this email address (SIGN_IN_BACKOFF, 1 s doubling to 15 min)',
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
