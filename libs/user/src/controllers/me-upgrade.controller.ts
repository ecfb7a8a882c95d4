import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UsePipes,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
import { RefreshCookieInterceptor } from '../ui/refresh-cookie.interceptor.js';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { UpgradeResponse } from '../dto/admin.response.js';
import { UpgradeDto } from '../dto/upgrade.dto.js';
import { mapUser } from '../dto/user.mapper.js';
import { AccountsService } from '../services/accounts.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me')
@UseFilters(ServiceUnavailableFilter)
@UseInterceptors(RefreshCookieInterceptor)
export class MeUpgradeController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('upgrade')
  @HttpCode(HttpStatus.OK)
  @RateLimit('signUp')
  @ApiOkResponse({
    type: UpgradeResponse,
    description: 'The same user, no longer anonymous, with the tokens of its new session',
  })
  @ApiBadRequestResponse({ description: 'Not anonymous, or a weak password' })
  @ApiConflictResponse({ description: 'Email taken' })
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
      ...mapUser(issued.user),
      tokens: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        tokenType: 'Bearer',
        expiresIn: issued.expiresIn,
      },
    };
  }
}
