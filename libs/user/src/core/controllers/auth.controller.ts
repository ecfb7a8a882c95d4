import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UsePipes,
  UseInterceptors,
} from '@nestjs/common';
import { RefreshCookieInterceptor } from '../cookie-session/refresh-cookie.interceptor.js';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ApiSignInLimitsResponse } from '../decorators/sign-in-limits.decorator.js';
import { ApiFirstFactorResponse } from '../decorators/api-first-factor-response.decorator.js';
import { RefreshTokenDto } from '../dto/refresh-token.dto.js';
import { SignInDto } from '../dto/sign-in.dto.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { SignInIdentifier } from '../repositories/users.repository.js';
import { SignUpDto } from '../dto/sign-up.dto.js';
import { TokenResponse } from '../dto/user.response.js';
import { AccountsService } from '../services/accounts.service.js';
import { TwoFactorChallengeResponse } from '../dto/identifiers.response.js';
import { PasswordSignInService } from '../services/password-sign-in.service.js';
import { TokenResponsesService } from '../services/token-responses.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import { SessionsService } from '../services/sessions.service.js';
import { EmptyBodyPipe } from '../validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { NoStore } from '../decorators/no-store.decorator.js';

/** The identifier of a password sign-in: exactly one of `email` and `username`. */
function signInIdentifier(body: SignInDto): SignInIdentifier {
  if (body.email !== undefined && body.username === undefined) return { email: body.email };
  if (body.username !== undefined && body.email === undefined) return { username: body.username };
  throw new UserKitException('VALIDATION_FAILED', ['give either email or username, not both']);
}

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth')
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
@ApiUserKitError(403, {
  description: 'Asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
})
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly passwordSignIn: PasswordSignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post('signup')
  @NoStore()
  @RateLimit('signUp')
  @ApiCreatedResponse({ type: TokenResponse, description: 'Signed up and signed in' })
  @ApiUserKitError(403, {
    description:
      "The host's beforeCreate hook refused the sign-up (its own error body), a foreign Origin asked for the cookie session, or a custom attribute the end user may not edit was sent (ATTRIBUTE_FORBIDDEN)",
    orHostError: true,
  })
  @ApiUserKitError(400, {
    description:
      'Invalid input, weak password, unknown field, a required identifier missing (see the identifiers option) or one the app does not take (IDENTIFIER_NOT_ACCEPTED), or a custom attribute that is unknown or whose value does not fit its type (ATTRIBUTE_INVALID)',
  })
  @ApiUserKitError(409, {
    description:
      'Email (EMAIL_TAKEN), username (USERNAME_TAKEN) or phone number (PHONE_TAKEN) taken',
  })
  async signUp(@Body() body: SignUpDto, @ClientMeta() meta: RequestMeta): Promise<TokenResponse> {
    return this.tokenResponses.tokens(await this.accounts.signUpWithPassword(body, meta));
  }

  @Post('signup/anonymous')
  @NoStore()
  @RateLimit('signUp')
  @ApiCreatedResponse({ type: TokenResponse, description: 'An anonymous user, signed in' })
  @ApiUserKitError(403, {
    description:
      "Anonymous sign-up is disabled, the host's beforeCreate hook refused it, or a foreign Origin asked for the cookie session",
    orHostError: true,
  })
  async signUpAnonymously(
    @Body(EmptyBodyPipe) _body: Record<string, never>,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse> {
    return this.tokenResponses.tokens(await this.accounts.signUpAnonymously(meta));
  }

  @Post('login')
  @NoStore()
  @ApiSignInLimitsResponse('signIn')
  @RateLimit('signIn')
  @HttpCode(HttpStatus.OK)
  @ApiFirstFactorResponse()
  @ApiUserKitError(400, {
    description:
      'Invalid input: neither or both of email and username, an unknown field; or a username where the app has none (IDENTIFIER_NOT_ACCEPTED)',
  })
  @ApiUserKitError(401, {
    description:
      'Invalid email or password (Invalid username or password): the same for an unknown identifier, a wrong password and a banned user',
  })
  @ApiUserKitError(403, {
    description:
      'SECOND_FACTOR_UNAVAILABLE: the user turned two-factor sign-in on and this app does not offer it (no UserTwoFactorModule); or CROSS_SITE_REQUEST: asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
  })
  async signIn(
    @Body() body: SignInDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse | TwoFactorChallengeResponse> {
    const outcome = await this.passwordSignIn.signIn(signInIdentifier(body), body.password, meta);
    if (outcome.twoFactorRequired) return { twoFactorRequired: true, challenge: outcome.challenge };
    return this.tokenResponses.tokens(outcome.tokens);
  }

  @Post('refresh')
  @NoStore()
  @RateLimit('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TokenResponse,
    description: 'A new token pair; the old refresh token is spent',
  })
  @ApiUserKitError(401, { description: 'Unknown, expired or reused refresh token' })
  async refresh(@Body() body: RefreshTokenDto): Promise<TokenResponse> {
    return this.tokenResponses.tokens(await this.sessions.rotate(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Session revoked (also answered for an unknown token)' })
  async signOut(@Body() body: RefreshTokenDto): Promise<void> {
    await this.sessions.revokeByRefreshToken(body.refreshToken);
  }
}
