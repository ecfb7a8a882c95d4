import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UsePipes,
  UseInterceptors,
} from '@nestjs/common';
import { RefreshCookieInterceptor } from '../ui/refresh-cookie.interceptor.js';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ApiSignInLimitsResponse } from '../decorators/sign-in-limits.decorator.js';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { TwoFactorSignInDto } from '../dto/two-factor-sign-in.dto.js';
import { TokenResponse } from '../dto/user.response.js';
import { PasswordSignInService } from '../services/password-sign-in.service.js';
import { TokenResponsesService } from '../services/token-responses.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { NoStore } from '../decorators/no-store.decorator.js';

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth/login')
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
@ApiUserKitError(403, {
  description: 'Asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
})
export class TwoFactorSignInController {
  constructor(
    private readonly signIn: PasswordSignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post('2fa')
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @ApiSignInLimitsResponse('codeSubmit')
  @RateLimit('codeSubmit')
  @ApiOkResponse({ type: TokenResponse, description: 'Signed in' })
  @ApiUserKitError(401, {
    description: 'Unknown, used or expired challenge (5 minutes, 5 tries), or a wrong code',
  })
  async complete(
    @Body() body: TwoFactorSignInDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse> {
    return this.tokenResponses.tokens(
      await this.signIn.completeTwoFactor(body.challenge, body.code, meta),
    );
  }
}
