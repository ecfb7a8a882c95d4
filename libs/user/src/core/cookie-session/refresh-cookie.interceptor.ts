import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { ExpressRequest as Request, ExpressResponse as Response } from './express-http.js';
import { map, type Observable } from 'rxjs';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { RouteUrlsService } from '../services/route-urls.service.js';
import { USER_OPTIONS } from '../tokens.js';
import { refreshCookie } from './refresh-cookie.js';
import { sameOriginProblem, wantsCookieSession } from './same-origin.js';

type WithRefresh = { refreshToken?: unknown; tokens?: { refreshToken?: unknown } };

/**
 * Cookie mode of the prebuilt pages: with `X-UserKit-Session: cookie` a token-issuing route puts
 * the refresh token in the httpOnly cookie and leaves it out of the body, so page script never
 * holds it. Applied to the controllers that hand out a token pair (sign-up, login, 2FA, OAuth
 * exchange, upgrade) and idle without `ui`; no other route, and no host route, passes through it.
 */
@Injectable()
export class RefreshCookieInterceptor implements NestInterceptor {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly urls: RouteUrlsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const sessionPath = this.urls.uiSessionPath();
    if (context.getType() !== 'http' || sessionPath === null) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!wantsCookieSession(request)) return next.handle();
    // A cross-site page could otherwise sign the browser into an attacker's account.
    const problem = sameOriginProblem(request, this.options.publicUrl);
    if (problem) throw new UserKitException('CROSS_SITE_REQUEST', problem);
    const response = context.switchToHttp().getResponse<Response>();
    return next
      .handle()
      .pipe(map((body: unknown) => this.moveToCookie(body, response, sessionPath)));
  }

  private moveToCookie(body: unknown, response: Response, sessionPath: string): unknown {
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
      refreshCookie(holder.refreshToken as string, sessionPath, this.options),
    );
    response.setHeader('Cache-Control', 'no-store');
    delete holder.refreshToken;
    return body;
  }
}
