import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RefreshCookieInterceptor } from '../../core/cookie-session/refresh-cookie.interceptor.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { ClientMeta } from '../../core/decorators/request-meta.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { TokenResponse } from '../../core/dto/user.response.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { TokenResponsesService } from '../../core/services/token-responses.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { PasskeySignInDto, PasskeySignInOptionsDto } from '../dto/passkey-requests.dto.js';
import { PasskeyRequestOptionsResponse } from '../dto/passkey.response.js';
import { PasskeySignInService } from '../services/passkey-sign-in.service.js';

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth/passkey')
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
export class PasskeySignInController {
  constructor(
    private readonly passkeySignIn: PasskeySignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post('options')
  @NoStore()
  @HttpCode(HttpStatus.OK)
  // Not the `signIn` bucket: a page offering passkey autofill asks for options on each load, and
  // options prove nothing; the answer (`POST /auth/passkey`) counts as a sign-in.
  @RateLimit('codeSubmit')
  @ApiOkResponse({
    type: PasskeyRequestOptionsResponse,
    description:
      'Options for navigator.credentials.get (PublicKeyCredentialRequestOptionsJSON); the challenge is single use for 5 minutes',
  })
  async options(@Body() body: PasskeySignInOptionsDto): Promise<PasskeyRequestOptionsResponse> {
    return (await this.passkeySignIn.options(body.email)) as PasskeyRequestOptionsResponse;
  }

  @Post()
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @RateLimit('signIn')
  @ApiOkResponse({ type: TokenResponse, description: 'Signed in (no second factor follows)' })
  @ApiUserKitError(400, {
    description:
      'PASSKEY_CHALLENGE_INVALID: unknown, expired or used challenge; PASSKEY_RESPONSE_INVALID: not a WebAuthn answer',
  })
  @ApiUserKitError(401, {
    description:
      'PASSKEY_SIGN_IN_FAILED: unknown or removed passkey, another origin or RP ID, a bad signature, a counter that went backwards (possible clone), or a banned user',
  })
  @ApiUserKitError(403, {
    description: 'Asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
  })
  async signIn(
    @Body() body: PasskeySignInDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse> {
    return this.tokenResponses.tokens(await this.passkeySignIn.signIn(body.response, meta));
  }
}
