import { Get, Inject, NotFoundException, Optional, Param, Res, UseFilters } from '@nestjs/common';
import { ServiceUnavailableFilter } from '../core/filters/service-unavailable.filter.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ExpressResponse as Response } from '../core/cookie-session/express-http.js';
import { Public } from '../core/decorators/public.decorator.js';
import { ExternalSignInProviders } from '../core/extension-points/external-sign-in-providers.js';
import type { ResolvedUserOptions } from '../core/options/resolved-options.js';
import { RouteUrlsService } from '../core/services/route-urls.service.js';
import { UserFeatureListeners } from '../core/services/user-feature-listeners.js';
import { USER_OPTIONS } from '../core/tokens.js';
import {
  findAssetDirectory,
  loadAssets,
  renderIndex,
  UI_CONTENT_SECURITY_POLICY,
  type UiAsset,
} from './ui-assets.js';

/**
 * Serves the built pages under `ui.path` with a strict CSP; any path without a file extension
 * gets index.html (the router of the page takes it from there). The path is set per app by
 * `uiPagesController()`, so nothing outside `ui.path` is ever matched.
 */
@ApiExcludeController()
@Public()
@UseFilters(ServiceUnavailableFilter)
export class UiPagesController {
  private readonly assets: Map<string, UiAsset>;
  private readonly template: string | null;
  private index: string | null = null;

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly urls: RouteUrlsService,
    // The feature modules that registered with the core (UserPasskeysModule: `passkeys`;
    // UserContactsModule: `emailCode`, `emailLink`).
    private readonly features: UserFeatureListeners,
    // UserOAuthModule's providers: without it, the pages offer no provider sign-in.
    @Optional()
    @Inject(ExternalSignInProviders)
    private readonly externalProviders: ExternalSignInProviders | null = null,
  ) {
    this.assets = loadAssets(findAssetDirectory());
    this.template = this.assets.get('index.html')?.body.toString('utf8') ?? null;
  }

  /**
   * Rendered at the first request, not in the constructor: the host sets its global prefix
   * (which both paths carry) after this controller is built, and never changes it once serving;
   * the feature modules have registered with the core by then too (`onModuleInit`).
   */
  private renderedIndex(): string | null {
    if (this.index === null && this.template !== null)
      this.index = renderIndex(this.template, {
        basePath: this.urls.uiBasePath() as string,
        apiBaseUrl: this.urls.apiBasePath(),
        providers: this.externalProviders?.names() ?? [],
        anonymousSignUp: this.options.anonymousSignUp,
        identifiers: {
          email: this.options.identifiers.email,
          username: this.options.identifiers.username,
          phone: this.options.identifiers.phone,
        },
        requireVerifiedEmail: this.options.identifiers.requireVerifiedEmail,
        selfDeletion: this.options.selfDeletion,
        passkeys: this.features.pageFeatures().includes('passkeys'),
        organizations: this.features.pageFeatures().includes('organizations'),
        emailCode: this.features.pageFeatures().includes('emailCode'),
        emailLink: this.features.pageFeatures().includes('emailLink'),
      });
    return this.index;
  }

  @Get()
  root(@Res() response: Response): void {
    this.sendIndex(response);
  }

  @Get('*path')
  file(@Param('path') path: string[] | string, @Res() response: Response): void {
    const segments = Array.isArray(path) ? path : [path];
    const last = segments[segments.length - 1] ?? '';
    if (!/\.[a-z0-9]+$/i.test(last)) return this.sendIndex(response);
    const asset = segments.length === 1 ? this.assets.get(last) : undefined;
    if (!asset || last === 'index.html') throw new NotFoundException(`No such file: ${last}`);
    this.securityHeaders(response);
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('Cache-Control', 'no-cache');
    response.send(asset.body);
  }

  private sendIndex(response: Response): void {
    const index = this.renderedIndex();
    if (!index)
      throw new NotFoundException('The UI is not built: run `npm run build` (scripts/build-ui.js)');
    this.securityHeaders(response);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    response.send(index);
  }

  private securityHeaders(response: Response): void {
    response.setHeader('Content-Security-Policy', UI_CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('X-Frame-Options', 'DENY');
  }
}
