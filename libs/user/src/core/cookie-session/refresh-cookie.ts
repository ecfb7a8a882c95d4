import { parse, serialize } from 'cookie';
import type { ResolvedUserOptions } from '../options/resolved-options.js';

/** The httpOnly cookie holding the refresh token of the prebuilt pages. */
export const REFRESH_COOKIE = 'userkit_refresh';

/**
 * SameSite=Strict: no cross-site request (not even a top-level navigation) carries it;
 * Secure whenever the app is served over https (publicUrl), httpOnly so page script never sees it.
 * `path` is where the session routes are served (RouteUrlsService.uiSessionPath(), global prefix
 * included): only they ever receive it.
 */
export function refreshCookie(
  value: string,
  path: string,
  options: ResolvedUserOptions,
  maxAgeSeconds = options.refreshTokenTtlSeconds,
): string {
  return serialize(REFRESH_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.publicUrl?.startsWith('https:') ?? false,
    path,
    maxAge: maxAgeSeconds,
  });
}

export function readRefreshCookie(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const value = parse(header)[REFRESH_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}
