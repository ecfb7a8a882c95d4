import { Inject, Injectable, Optional, RequestMethod } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';
import type { ResolvedUiOptions } from '../ui/ui-options.js';
import { UI_OPTIONS } from '../ui/ui-tokens.js';

/** What Nest keeps of `setGlobalPrefix(prefix, { exclude })`: one compiled exclusion. */
interface ExcludedRoute {
  pathRegex: RegExp;
  requestMethod: RequestMethod;
}

/**
 * Where the app really serves the library's own routes, and the URLs built from them (OAuth
 * callbacks, the pages' base path and API base, the refresh cookie's Path, reset links, profile
 * image URLs). The host's `app.setGlobalPrefix()` goes in front, except for routes in its
 * `exclude`, exactly as Nest's router decides. Read from Nest's ApplicationConfig at each use:
 * the host sets the prefix after this module's providers are built (between NestFactory.create
 * and app.init), so nothing here may be computed in a constructor.
 */
@Injectable()
export class RouteUrlsService {
  constructor(
    private readonly applicationConfig: ApplicationConfig,
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Optional() @Inject(UI_OPTIONS) private readonly ui: ResolvedUiOptions | null = null,
  ) {}

  /** The global prefix as the router applies it (`api`, `/api/` → `/api`), `''` without one. */
  globalPrefix(): string {
    const prefix = (this.applicationConfig.getGlobalPrefix() ?? '').trim().replace(/\/+$/, '');
    if (prefix === '') return '';
    return prefix.startsWith('/') ? prefix : `/${prefix}`;
  }

  /**
   * The path the app serves a route at: `route` is the route as the controller declares it
   * (`/oauth/:provider/callback`, what Nest tests the exclusions against), `concrete` the path to
   * return (`/oauth/google/callback`; default `route`).
   */
  pathOf(route: string, method: RequestMethod, concrete: string = route): string {
    const prefix = this.globalPrefix();
    if (prefix === '' || this.isExcluded(route, method)) return concrete;
    return `${prefix}${concrete}`;
  }

  /** `publicUrl` + pathOf: the absolute URL (a path only when no publicUrl is configured). */
  publicUrlOf(route: string, method: RequestMethod, concrete: string = route): string {
    return `${this.options.publicUrl ?? ''}${this.pathOf(route, method, concrete)}`;
  }

  /** Where the prebuilt pages live (`/api/account`); null without `ui`. */
  uiBasePath(): string | null {
    return this.ui ? this.pathOf(this.ui.path, RequestMethod.GET) : null;
  }

  /** The Path of the refresh cookie: the pages' session routes (`/api/account/session`). */
  uiSessionPath(): string | null {
    if (!this.ui) return null;
    const session = `${this.ui.path}/session`;
    return this.pathOf(`${session}/refresh`, RequestMethod.POST, session);
  }

  /**
   * Where reset links point: the host's `passwordResetUrl`; else, with the pages on, their reset
   * form; else `${publicUrl}/reset-password` (the host's front end). Undefined without publicUrl.
   */
  passwordResetUrl(): string | undefined {
    const identifiers = this.options.identifiers;
    if (identifiers.passwordResetUrlGiven || !this.ui || !this.options.publicUrl)
      return identifiers.passwordResetUrl;
    return `${this.options.publicUrl}${this.uiBasePath()}/reset-password`;
  }

  /** `redirectAllowList`, plus the pages themselves when they are on (their sign-in takes `?code=`). */
  redirectAllowList(): string[] {
    const pages = this.uiBasePath();
    if (pages === null || !this.options.publicUrl) return this.options.redirectAllowList;
    return [...this.options.redirectAllowList, `${this.options.publicUrl}${pages}/`];
  }

  private isExcluded(route: string, method: RequestMethod): boolean {
    const exclude = (this.applicationConfig.getGlobalPrefixOptions()?.exclude ??
      []) as ExcludedRoute[];
    const path = route.startsWith('/') ? route : `/${route}`;
    return exclude.some(
      (excluded) =>
        // -1 is how Nest's own check also spells "every method".
        (excluded.requestMethod === RequestMethod.ALL ||
          (excluded.requestMethod as number) === -1 ||
          excluded.requestMethod === method) &&
        excluded.pathRegex.test(path),
    );
  }
}
