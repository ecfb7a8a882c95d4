import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { ExpressRequest as Request, ExpressResponse as Response } from './express-http.js';
import { map, type Observable } from 'rxjs';
import { AuthController } from '../controllers/auth.controller.js';
import { MeUpgradeController } from '../controllers/me-upgrade.controller.js';
import { OAuthController } from '../controllers/oauth.controller.js';
import { TwoFactorSignInController } from '../controllers/two-factor-sign-in.controller.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { RouteUrlsService } from '../services/route-urls.service.js';
import { USER_OPTIONS } from '../tokens.js';
import { refreshCookie } from './refresh-cookie.js';
import { sameOriginProblem, wantsCookieSession } from './same-origin.js';

/** The controllers whose routes hand out a token pair (sign-up, login, 2FA, OAuth exchange, upgrade). */
const TOKEN_ISSUERS = new Set<unknown>([
  AuthController,
  TwoFactorSignInController,
  OAuthController,
  MeUpgradeController,
]);

type WithRefresh = { refreshToken?: unknown; tokens?: { refreshToken?: unknown } };

/**
 * Cookie mode of the prebuilt pages: with `X-UserKit-Session: cookie` a token-issuing route puts
 * the refresh token in the httpOnly cookie and leaves it out of the body, so page script never
 * holds it. Registered only when `ui` is configured; other routes and requests pass untouched.
 */
@Injectable()
export class RefreshCookieInterceptor implements NestInterceptor {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly urls: RouteUrlsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !TOKEN_ISSUERS.has(context.getClass()))
      return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!wantsCookieSession(request)) return next.handle();
    // A cross-site page could otherwise sign the browser into an attacker's account.
    const problem = sameOriginProblem(request, this.options.publicUrl);
    if (problem) throw new UserKitException('CROSS_SITE_REQUEST', problem);
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(map((body: unknown) => this.moveToCookie(body, response)));
  }

  private moveToCookie(body: unknown, response: Response): unknown {
    if (!body || typeof body !== 'object') return body;
    const value = body as WithRefresh;
    const holder =
      typeof value.refreshToken === 'string'
        ? value
        : typeof value.tokens?.refreshToken === 'string'
          ? value.tokens
          : null;
    if (!holder) return body;
    response.append(
      'Set-Cookie',
      // Registered only with `ui`: the session path is known.
      refreshCookie(
        holder.refreshToken as string,
        this.urls.uiSessionPath() as string,
        this.options,
      ),
    );
    response.setHeader('Cache-Control', 'no-store');
    delete holder.refreshToken;
    return body;
  }
}
