import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import type { ResolvedOAuthOptions } from '../options/resolve-oauth-options.js';
import { OAUTH_OPTIONS } from '../tokens.js';
import { allowedRedirectUrl } from './redirect-allow-list.js';

/** Where a round trip may return to: the host's allow-list, and the prebuilt pages when they are on. */
@Injectable()
export class OAuthRedirects {
  constructor(
    @Inject(USER_OPTIONS) private readonly core: ResolvedUserOptions,
    @Inject(OAUTH_OPTIONS) private readonly options: ResolvedOAuthOptions,
    private readonly urls: RouteUrlsService,
  ) {}

  /** `redirectAllowList`, plus the pages themselves when they are on (their sign-in takes `?code=`). */
  allowList(): string[] {
    const pages = this.urls.uiBasePath();
    if (pages === null || !this.core.publicUrl) return this.options.redirectAllowList;
    return [...this.options.redirectAllowList, `${this.core.publicUrl}${pages}/`];
  }

  /** The normalized URL when it is on the allow-list, else null. */
  allowed(candidate: unknown): string | null {
    return allowedRedirectUrl(candidate, this.allowList());
  }
}
