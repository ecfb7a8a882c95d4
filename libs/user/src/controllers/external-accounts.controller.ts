import {
  Body,
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UsePipes,
  UseFilters,
} from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../decorators/requires-recent-sign-in.decorator.js';
import { ExternalAccountLinkResponse } from '../dto/external-account-link.response.js';
import { StartLinkDto } from '../dto/start-link.dto.js';
import { ExternalAccountsService } from '../oauth/external-accounts.service.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/external-accounts')
@UseFilters(ServiceUnavailableFilter)
export class ExternalAccountsController {
  constructor(private readonly externalAccounts: ExternalAccountsService) {}

  @Post()
  @RateLimit('oauthStart')
  @ApiCreatedResponse({
    type: ExternalAccountLinkResponse,
    description:
      'Open the URL in the browser; after the round trip the account is on /me as verified. An anonymous user is upgraded in place.',
  })
  @ApiNotFoundResponse({ description: 'Unknown or disabled provider' })
  @ApiBadRequestResponse({ description: 'redirectUrl not on the allow-list' })
  async startLink(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: StartLinkDto,
  ): Promise<ExternalAccountLinkResponse> {
    return {
      externalVerificationRedirectURL: await this.externalAccounts.startLink(
        me.id,
        me.sessionId,
        body.provider,
        body.redirectUrl,
      ),
    };
  }

  @Delete(':id')
  @RequiresRecentSignIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiNotFoundResponse({ description: 'Not one of your external accounts' })
  @ApiBadRequestResponse({ description: 'It is your last way to sign in' })
  async unlink(@CurrentUser('id') userId: string, @Param('id') id: string): Promise<void> {
    await this.externalAccounts.unlink(userId, id);
  }
}
