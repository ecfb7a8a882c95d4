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
  UseInterceptors,
} from '@nestjs/common';
import { RefreshCookieInterceptor } from '../../core/cookie-session/refresh-cookie.interceptor.js';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiResponse,
  ApiFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { TwoFactorChallengeResponse } from '../../core/dto/identifiers.response.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { ClientMeta } from '../../core/decorators/request-meta.decorator.js';
import { OAuthExchangeDto } from '../dto/oauth-exchange.dto.js';
import { OAuthStartQuery } from '../dto/oauth-start.query.js';
import { OAuthFormPostDto } from '../dto/oauth-form-post.dto.js';
import { TokenResponse } from '../../core/dto/user.response.js';
import {
  OAUTH_LINK_COOKIE,
  browserCookie,
  readBrowserCookie,
} from '../services/oauth-browser-cookie.js';
import {
  OAuthSignInService,
  OAUTH_EXCHANGE_CODE_TTL_MS,
  OAUTH_STATE_TTL_MS,
} from '../services/oauth-sign-in.service.js';
import { TokenResponsesService } from '../../core/services/token-responses.service.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';

/** 303: the browser follows with a GET (a top-level navigation, which carries the Lax cookie). */
function ApiSeeOtherResponse() {
  return ApiResponse({
    status: HttpStatus.SEE_OTHER,
    description:
      "To the GET callback with the provider's `code` and `state` (and `error`): the flow's state, browser binding and PKCE are checked there",
  });
}

/** The parts of Express's response these redirects use. */
interface RedirectingResponse {
  setHeader(name: string, value: string | string[]): void;
  redirect(status: number, url: string): void;
}

@ApiTags('oauth')
@Public()
@Controller()
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
@ApiUserKitError(403, {
  description: 'Asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
})
export class OAuthController {
  constructor(
    private readonly oauth: OAuthSignInService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Get('oauth/:provider')
  @RateLimit('oauthStart')
  @ApiFoundResponse({
    description: 'To the provider, with state and PKCE (S256); sets the httpOnly binding cookie',
  })
  @ApiUserKitError(404, { description: 'Unknown or disabled provider' })
  @ApiUserKitError(400, {
    description:
      'redirect_url not on the allow-list, a malformed code_challenge, or an intent unknown, used, expired or for another provider',
  })
  @ApiUserKitError(403, {
    description:
      'OAUTH_LINK_INTENT_FOREIGN_BROWSER: the intent was asked for in another browser (this one lacks its binding cookie); or CROSS_SITE_REQUEST: asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
  })
  async start(
    @Param('provider') provider: string,
    @Query(createUserKitValidationPipe()) query: OAuthStartQuery,
    @Headers('cookie') cookieHeader: string | undefined,
    @Res() response: RedirectingResponse,
  ): Promise<void> {
    const started = await this.oauth.start(provider, {
      redirectUrl: query.redirect_url,
      intent: query.intent,
      linkBrowserToken: readBrowserCookie(cookieHeader, OAUTH_LINK_COOKIE),
      codeChallenge: query.code_challenge,
    });
    const cookies = [
      browserCookie(started.browserToken, started.secureCookie, OAUTH_STATE_TTL_MS / 1000),
    ];
    if (started.intentUsed)
      cookies.push(browserCookie('', started.secureCookie, 0, OAUTH_LINK_COOKIE));
    response.setHeader('Set-Cookie', cookies);
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
  @ApiUserKitError(400, { description: 'No flow is known for this request (no valid redirect)' })
  @ApiUserKitError(404, { description: 'Unknown or disabled provider' })
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
    // With a code, the binding stays for the exchange (which only this browser may make).
    response.setHeader(
      'Set-Cookie',
      finished.codeIssued
        ? browserCookie(
            finished.browserToken,
            finished.secureCookie,
            OAUTH_EXCHANGE_CODE_TTL_MS / 1000,
          )
        : browserCookie('', finished.secureCookie, 0),
    );
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(HttpStatus.FOUND, finished.location);
  }

  @Post('oauth/:provider/callback')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: OAuthFormPostDto })
  @ApiSeeOtherResponse()
  @ApiUserKitError(404, { description: 'Unknown or disabled provider, or one that does not post' })
  @ApiUserKitError(415, { description: 'Not a form post' })
  async formPostCallback(
    @Param('provider') provider: string,
    @Body() body: unknown,
    @Res() response: RedirectingResponse,
  ): Promise<void> {
    const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const location = await this.oauth.formPostCallback(provider, {
      code: form.code,
      state: form.state,
      error: form.error,
      user: form.user,
    });
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(HttpStatus.SEE_OTHER, location);
  }

  @Post('auth/oauth/exchange')
  @NoStore()
  @RateLimit('codeSubmit')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(TokenResponse, TwoFactorChallengeResponse)
  @ApiOkResponse({
    description:
      'Signed in: the tokens of a new session; or, with two-factor on (unless the provider skips it), a challenge for POST /auth/login/2fa',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(TokenResponse) },
        { $ref: getSchemaPath(TwoFactorChallengeResponse) },
      ],
    },
  })
  @ApiUserKitError(401, {
    description:
      'Code unknown, already used or older than 60 s, or presented without the binding cookie or the codeVerifier of the browser that started the flow',
  })
  @ApiUserKitError(400, { description: 'Invalid body' })
  @ApiUserKitError(403, {
    description:
      'SECOND_FACTOR_UNAVAILABLE: the user turned two-factor sign-in on and this app does not offer it (no UserTwoFactorModule); or CROSS_SITE_REQUEST: asked for the cookie session (`X-UserKit-Session: cookie`) from a foreign Origin',
  })
  async exchange(
    @Body(createUserKitValidationPipe()) body: OAuthExchangeDto,
    @ClientMeta() meta: RequestMeta,
    @Headers('cookie') cookieHeader: string | undefined,
  ): Promise<TokenResponse | TwoFactorChallengeResponse> {
    const outcome = await this.oauth.exchange(body.code, meta, {
      browserToken: readBrowserCookie(cookieHeader),
      codeVerifier: body.codeVerifier,
    });
    if (outcome.twoFactorRequired) return { twoFactorRequired: true, challenge: outcome.challenge };
    return this.tokenResponses.tokens(outcome.tokens);
  }
}
