import {
  Body,
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../../core/decorators/requires-recent-sign-in.decorator.js';
import { ExternalAccountLinkResponse } from '../dto/external-account-link.response.js';
import { mapExternalAccount } from '../../core/dto/user.mapper.js';
import { StartLinkDto } from '../dto/start-link.dto.js';
import { ExternalAccountsService } from '../services/external-accounts.service.js';
import { OAUTH_LINK_COOKIE, browserCookie } from '../services/oauth-browser-cookie.js';
import { OAUTH_STATE_TTL_MS } from '../services/oauth-sign-in.service.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { ResourceIdPipe } from '../../core/validation/resource-id.pipe.js';
import { RefusedWhileImpersonating } from '../../core/decorators/refused-while-impersonating.decorator.js';

/** The part of Express's response this route uses. */
interface CookieSettingResponse {
  setHeader(name: string, value: string): void;
}

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/external-accounts')
@UserKitApi()
export class ExternalAccountsController {
  constructor(private readonly externalAccounts: ExternalAccountsService) {}

  @Post()
  @RateLimit('oauthStart')
  @ApiCreatedResponse({
    type: ExternalAccountLinkResponse,
    description:
      'The pending external account (`verification.status: "unverified"`, stored now, shown on /me): open `verification.externalVerificationRedirectURL` in this same browser. The response sets an httpOnly binding cookie (a cross-origin front-end must send this request with credentials) without which the URL is refused (403). After the round trip the same account is `verified`, or `failed` with `verification.error { code, message }`; unfinished, it reads `expired` after its `expireAt`. Starting again for the same provider reuses the account. An anonymous user is upgraded in place.',
    headers: {
      'Set-Cookie': {
        description:
          'userkit_oauth_link: httpOnly, SameSite=Lax, 10 minutes; binds the URL to this browser',
        schema: { type: 'string' },
      },
    },
  })
  @ApiUserKitError(404, { description: 'Unknown or disabled provider' })
  @ApiUserKitError(400, { description: 'redirectUrl not on the allow-list' })
  @ApiUserKitError(403, {
    description:
      'REAUTHENTICATION_REQUIRED: the last sign-in of this session is too old (anonymous users excepted); IMPERSONATION_REFUSED: an admin impersonates the user',
  })
  @RefusedWhileImpersonating()
  async startLink(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: StartLinkDto,
    @Res({ passthrough: true }) response: CookieSettingResponse,
  ): Promise<ExternalAccountLinkResponse> {
    const started = await this.externalAccounts.startLink(me, body.provider, body.redirectUrl);
    response.setHeader(
      'Set-Cookie',
      browserCookie(
        started.browserToken,
        started.secureCookie,
        OAUTH_STATE_TTL_MS / 1000,
        OAUTH_LINK_COOKIE,
      ),
    );
    const account = mapExternalAccount(started.account);
    return {
      ...account,
      verification: { ...account.verification, externalVerificationRedirectURL: started.url },
      externalVerificationRedirectURL: started.url,
    };
  }

  @Delete(':id')
  @RequiresRecentSignIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiUserKitError(404, { description: 'Not one of your external accounts' })
  @ApiUserKitError(400, {
    description: 'It is your last way to sign in (a pending or failed account can always go)',
  })
  @RefusedWhileImpersonating()
  async unlink(
    @CurrentUser('id') userId: string,
    @Param('id', new ResourceIdPipe('EXTERNAL_ACCOUNT_NOT_FOUND')) id: string,
  ): Promise<void> {
    await this.externalAccounts.unlink(userId, id);
  }
}
