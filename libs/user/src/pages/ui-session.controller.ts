import { Body, HttpCode, HttpStatus, Inject, Post, Req, Res, UsePipes } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  ExpressRequest as Request,
  ExpressResponse as Response,
} from '../core/cookie-session/express-http.js';
import { UserKitApi } from '../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../core/decorators/api-user-kit-errors.decorator.js';
import { Public } from '../core/decorators/public.decorator.js';
import { RateLimit } from '../core/decorators/rate-limit.decorator.js';
import { TokenResponse } from '../core/dto/user.response.js';
import { UserKitException } from '../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../core/options/resolved-options.js';
import { TokenResponsesService } from '../core/services/token-responses.service.js';
import { RouteUrlsService } from '../core/services/route-urls.service.js';
import { SessionsService } from '../core/services/sessions.service.js';
import { USER_OPTIONS } from '../core/tokens.js';
import { EmptyBodyPipe } from '../core/validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../core/validation/user-kit-validation.pipe.js';
import { readRefreshCookie, refreshCookie } from '../core/cookie-session/refresh-cookie.js';
import { sameOriginProblem } from '../core/cookie-session/same-origin.js';

/**
 * Refresh and sign-out of the prebuilt pages by the httpOnly cookie (`{ui.path}/session/...`):
 * the answer never contains the refresh token. Both need `X-UserKit-Session: cookie` and the
 * app's own Origin (CSRF); the cookie itself is SameSite=Strict.
 */
@ApiTags('ui')
@ApiHeader({ name: 'X-UserKit-Session', required: true, description: 'must be `cookie`' })
@Public()
@UsePipes(createUserKitValidationPipe())
@UserKitApi()
export class UiSessionController {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly sessions: SessionsService,
    private readonly urls: RouteUrlsService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post('session/refresh')
  @RateLimit('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TokenResponse,
    description: 'A new access token and user; the rotated refresh token is in the cookie only',
  })
  @ApiUserKitError(401, { description: 'No cookie, or an unknown, expired or reused token' })
  @ApiUserKitError(403, { description: 'Missing X-UserKit-Session header or a foreign Origin' })
  async refresh(
    @Body(EmptyBodyPipe) _body: Record<string, never>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Omit<TokenResponse, 'refreshToken'>> {
    this.checkOrigin(request);
    response.setHeader('Cache-Control', 'no-store');
    const token = readRefreshCookie(request.headers.cookie);
    if (!token) throw new UserKitException('NOT_SIGNED_IN');
    try {
      const { refreshToken, ...rest } = await this.tokenResponses.tokens(
        await this.sessions.rotate(token),
      );
      response.setHeader(
        'Set-Cookie',
        refreshCookie(refreshToken, this.cookiePath(), this.options),
      );
      return rest;
    } catch (error) {
      // A refused token is dead either way: the browser should stop sending it.
      response.setHeader('Set-Cookie', refreshCookie('', this.cookiePath(), this.options, 0));
      throw error;
    }
  }

  @Post('session/logout')
  @RateLimit('refresh')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Session revoked (if any) and the cookie cleared' })
  @ApiUserKitError(403, { description: 'Missing X-UserKit-Session header or a foreign Origin' })
  async logout(
    @Body(EmptyBodyPipe) _body: Record<string, never>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    this.checkOrigin(request);
    const token = readRefreshCookie(request.headers.cookie);
    response.setHeader('Set-Cookie', refreshCookie('', this.cookiePath(), this.options, 0));
    if (token) await this.sessions.revokeByRefreshToken(token);
  }

  /** This controller exists only with `ui`, so the session path is always known. */
  private cookiePath(): string {
    return this.urls.uiSessionPath() as string;
  }

  private checkOrigin(request: Request): void {
    const problem = sameOriginProblem(request, this.options.publicUrl);
    if (problem) throw new UserKitException('CROSS_SITE_REQUEST', problem);
  }
}
