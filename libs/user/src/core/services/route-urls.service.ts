import {
  Inject,
  Injectable,
  Optional,
  RequestMethod,
  VERSION_NEUTRAL,
  VersioningType,
} from '@nestjs/common';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';
import { UI_OPTIONS, type ResolvedUiOptions } from '../cookie-session/ui-tokens.js';

/** What Nest keeps of `setGlobalPrefix(prefix, { exclude })`: one compiled exclusion. */
interface ExcludedRoute {
  pathRegex: RegExp;
  requestMethod: RequestMethod;
}

/**
 * Where RouterModule keeps a module's path: `Reflect` metadata under this key plus the
 * application's id, on the module class (Nest's `MODULE_PATH`, only exported as internal).
 */
const MODULE_PATH_KEY = '__module_path__';

/**
 * Where the app really serves the library's own routes, and the URLs built from them (OAuth
 * callbacks, the pages' base path and API base, the refresh cookie's Path, reset links, profile
 * image URLs). As Nest's router builds a route's path (RoutePathFactory): the host's
 * `app.setGlobalPrefix()` (except for routes in its `exclude`), then the default version of URI
 * versioning (`app.enableVersioning`), then a `RouterModule` path given to UserModule, then the
 * route. Read at each use: the host sets prefix and versioning after this module's providers are
 * built (between NestFactory.create and app.init), so nothing here may be computed in a constructor.
 */
@Injectable()
export class RouteUrlsService {
  /** The module class that declares the library's controllers (UserModule), found once. */
  private declaringModule: object | null | undefined;

  constructor(
    private readonly applicationConfig: ApplicationConfig,
    private readonly modules: ModulesContainer,
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
   * `/v1` when the host's URI versioning gives the library's routes (which declare no version) a
   * default version; `''` without URI versioning or when the default includes VERSION_NEUTRAL.
   * Of several default versions, the routes answer under each: the first is used.
   */
  versionSegment(): string {
    const versioning = this.applicationConfig.getVersioning();
    if (versioning?.type !== VersioningType.URI) return '';
    const versions = [versioning.defaultVersion ?? []].flat();
    if (versions.length === 0 || versions.includes(VERSION_NEUTRAL)) return '';
    const prefix = versioning.prefix === false ? '' : (versioning.prefix ?? 'v');
    return `/${prefix}${String(versions[0])}`;
  }

  /** The path `RouterModule.register([{ path, module: UserModule }])` gave the library, or `''`. */
  modulePath(): string {
    const module = this.libraryModule();
    if (!module) return '';
    const path: unknown =
      Reflect.getMetadata(MODULE_PATH_KEY + this.modules.applicationId, module) ??
      Reflect.getMetadata(MODULE_PATH_KEY, module);
    if (typeof path !== 'string') return '';
    const trimmed = path.replace(/\/+$/, '');
    return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  }

  /**
   * The path the app serves a route at: `route` is the route as the controller declares it
   * (`/oauth/:provider/callback`, what Nest tests the exclusions against), `concrete` the path to
   * return (`/oauth/google/callback`; default `route`).
   */
  pathOf(route: string, method: RequestMethod, concrete: string = route): string {
    const modulePath = this.modulePath();
    const local = `${this.versionSegment()}${modulePath}${concrete}`;
    const prefix = this.globalPrefix();
    // Nest tests the exclusions against the path without its version segment.
    if (prefix === '' || this.isExcluded(`${modulePath}${route}`, method)) return local;
    return `${prefix}${local}`;
  }

  /** Where the library's API routes start (`/api/v1/identity`), `''` at the root: the pages' API base. */
  apiBasePath(): string {
    return `${this.globalPrefix()}${this.versionSegment()}${this.modulePath()}`;
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

  /** The module whose providers include this service: the one that declares the controllers. */
  private libraryModule(): object | null {
    if (this.declaringModule === undefined) {
      const declaring = [...this.modules.values()].find((module) =>
        module.providers.has(RouteUrlsService),
      );
      this.declaringModule = (declaring?.metatype as object | undefined) ?? null;
    }
    return this.declaringModule;
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
