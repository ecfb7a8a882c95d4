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
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { UpgradeResponse } from '../dto/admin.response.js';
import { UpgradeDto } from '../dto/upgrade.dto.js';
import { AccountsService } from '../services/accounts.service.js';
import { TokenResponsesService } from '../services/token-responses.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { NoStore } from '../decorators/no-store.decorator.js';
import { RefusedWhileImpersonating } from '../decorators/refused-while-impersonating.decorator.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me')
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
@ApiUserKitError(403, {
  description: 'Asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
})
export class MeUpgradeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post('upgrade')
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @RateLimit('signUp')
  @ApiOkResponse({
    type: UpgradeResponse,
    description: 'The same user, no longer anonymous, with the tokens of its new session',
  })
  @ApiUserKitError(400, { description: 'Not anonymous, or a weak password' })
  @ApiUserKitError(409, { description: 'Email taken' })
  // The class's 403 (a foreign Origin) and this route's own, in one description.
  @ApiUserKitError(403, {
    description:
      'Asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin; IMPERSONATION_REFUSED: an admin impersonates the user',
  })
  @RefusedWhileImpersonating()
  async upgrade(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: UpgradeDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<UpgradeResponse> {
    const issued = await this.accounts.upgradeAnonymous(
      me.id,
      me.sessionId,
      body.email,
      body.password,
      meta,
    );
    return {
      ...(await this.tokenResponses.ownView(issued.user)),
      tokens: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        tokenType: 'Bearer',
        expiresIn: issued.expiresIn,
      },
    };
  }
}
