import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
import { RefreshCookieInterceptor } from '../ui/refresh-cookie.interceptor.js';
import {
  ApiBadRequestResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '../decorators/public.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { OAuthExchangeDto } from '../dto/oauth-exchange.dto.js';
import { OAuthStartQuery } from '../dto/oauth-start.query.js';
import { mapTokens } from '../dto/user.mapper.js';
import { TokenResponse } from '../dto/user.response.js';
import { browserCookie, readBrowserCookie } from '../oauth/oauth-browser-cookie.js';
import { OAuthSignInService, OAUTH_STATE_TTL_MS } from '../oauth/oauth-sign-in.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

/** The parts of Express's response these redirects use. */
interface RedirectingResponse {
  setHeader(name: string, value: string): void;
  redirect(status: number, url: string): void;
}

@ApiTags('oauth')
@Public()
@Controller()
@UseFilters(ServiceUnavailableFilter)
@UseInterceptors(RefreshCookieInterceptor)
export class OAuthController {
  constructor(private readonly oauth: OAuthSignInService) {}

  @Get('oauth/:provider')
  @RateLimit('oauthStart')
  @ApiFoundResponse({
    description: 'To the provider, with state and PKCE (S256); sets the httpOnly binding cookie',
  })
  @ApiNotFoundResponse({ description: 'Unknown or disabled provider' })
  @ApiBadRequestResponse({ description: 'redirect_url not on the allow-list, or a bad intent' })
  async start(
    @Param('provider') provider: string,
    @Query(createUserKitValidationPipe()) query: OAuthStartQuery,
    @Res() response: RedirectingResponse,
  ): Promise<void> {
    const started = await this.oauth.start(provider, {
      redirectUrl: query.redirect_url,
      intent: query.intent,
    });
    response.setHeader(
      'Set-Cookie',
      browserCookie(started.browserToken, started.secureCookie, OAUTH_STATE_TTL_MS / 1000),
    );
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(HttpStatus.FOUND, started.location);
  }

  @Get('oauth/:provider/callback')
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'error', required: false })
  @ApiFoundResponse({
    description: 'To the redirect_url with `code=` (one-time, 60 s), `linked=` or `error=`',
  })
  @ApiBadRequestResponse({ description: 'No flow is known for this request (no valid redirect)' })
  @ApiNotFoundResponse({ description: 'Unknown or disabled provider' })
  async callback(
    @Param('provider') provider: string,
    @Query() query: Record<string, unknown>,
    @Headers('cookie') cookieHeader: string | undefined,
    @Res() response: RedirectingResponse,
  ): Promise<void> {
    const finished = await this.oauth.callback(
      provider,
      { code: query.code, state: query.state, error: query.error },
      readBrowserCookie(cookieHeader),
    );
    // The binding is spent either way.
    response.setHeader('Set-Cookie', browserCookie('', finished.secureCookie, 0));
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(HttpStatus.FOUND, finished.location);
  }

  @Post('auth/oauth/exchange')
  @RateLimit('codeSubmit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokenResponse, description: 'Signed in: the tokens of a new session' })
  @ApiUnauthorizedResponse({ description: 'Code unknown, already used or older than 60 s' })
  @ApiBadRequestResponse({ description: 'Invalid body' })
  async exchange(
    @Body(createUserKitValidationPipe()) body: OAuthExchangeDto,
    @ClientMeta() meta: RequestMeta,
  ): Promise<TokenResponse> {
    return mapTokens(await this.oauth.exchange(body.code, meta));
  }
}
