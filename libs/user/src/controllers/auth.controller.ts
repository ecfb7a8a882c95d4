import { Body, Controller, HttpCode, HttpStatus, Post, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ApiSignInLimitsResponse } from '../decorators/sign-in-limits.decorator.js';
import { RefreshTokenDto } from '../dto/refresh-token.dto.js';
import { SignInDto } from '../dto/sign-in.dto.js';
import { SignUpDto } from '../dto/sign-up.dto.js';
import { mapTokens } from '../dto/user.mapper.js';
import { TokenResponse } from '../dto/user.response.js';
import { AccountsService } from '../services/accounts.service.js';
import { TwoFactorChallengeResponse } from '../dto/identifiers.response.js';
import { PasswordSignInService } from '../services/password-sign-in.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import { SessionsService } from '../services/sessions.service.js';
import { EmptyBodyPipe } from '../validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly passwordSignIn: PasswordSignInService,
  ) {}

  @Post('signup')
  @RateLimit('signUp')
  @ApiCreatedResponse({ type: TokenResponse, description: 'Signed up and signed in' })
  @ApiBadRequestResponse({ description: 'Invalid input, weak password or unknown field' })
  @ApiConflictResponse({ description: 'Email taken' })
  async signUp(@Body() body: SignUpDto, @ClientMeta() meta: RequestMeta): Promise<TokenResponse> {
    return mapTokens(await this.accounts.signUpWithPassword(body, meta));
  }

  @Post('signup/anonymous')
  @RateLimit('signUp')
  @ApiCreatedResponse({ type: TokenResponse, description: 'An anonymous user, signed in' })
  @ApiForbiddenResponse({ description: 'Anonymous sign-up is disabled' })
  async signUpAnonymously(
    @Body(EmptyBodyPipe) _body: Record<string, never>,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse> {
    return mapTokens(await this.accounts.signUpAnonymously(meta));
  }

  @Post('login')
  @ApiSignInLimitsResponse('signIn')
  @RateLimit('signIn')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(TokenResponse, TwoFactorChallengeResponse)
  @ApiOkResponse({
    description: 'Signed in; or, with two-factor on, a challenge for POST /auth/login/2fa',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(TokenResponse) },
        { $ref: getSchemaPath(TwoFactorChallengeResponse) },
      ],
    },
  })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password' })
  async signIn(
    @Body() body: SignInDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse | TwoFactorChallengeResponse> {
    const outcome = await this.passwordSignIn.signIn(body.email, body.password, meta);
    if (outcome.twoFactorRequired) return { twoFactorRequired: true, challenge: outcome.challenge };
    return mapTokens(outcome.tokens);
  }

  @Post('refresh')
  @RateLimit('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TokenResponse,
    description: 'A new token pair; the old refresh token is spent',
  })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or reused refresh token' })
  async refresh(@Body() body: RefreshTokenDto): Promise<TokenResponse> {
    return mapTokens(await this.sessions.rotate(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Session revoked (also answered for an unknown token)' })
  async signOut(@Body() body: RefreshTokenDto): Promise<void> {
    await this.sessions.revokeByRefreshToken(body.refreshToken);
  }
}
