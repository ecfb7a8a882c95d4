import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UsePipes,
  UseInterceptors,
} from '@nestjs/common';
import { RefreshCookieInterceptor } from '../../core/cookie-session/refresh-cookie.interceptor.js';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { ApiSignInLimitsResponse } from '../../core/decorators/sign-in-limits.decorator.js';
import { ClientMeta } from '../../core/decorators/request-meta.decorator.js';
import { TwoFactorSignInDto } from '../dto/two-factor-sign-in.dto.js';
import { TokenResponse } from '../../core/dto/user.response.js';
import { TokenResponsesService } from '../../core/services/token-responses.service.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { TwoFactorSignInService } from '../services/two-factor-sign-in.service.js';

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
    private readonly twoFactorSignIn: TwoFactorSignInService,
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
      await this.twoFactorSignIn.complete(body.challenge, body.code, meta),
    );
  }
}
