import { parse, serialize } from 'cookie';

/** The httpOnly cookie that binds a started round trip to this browser. */
export const OAUTH_BROWSER_COOKIE = 'userkit_oauth';

/**
 * SameSite=Lax: the provider sends the browser back with a top-level GET, which Lax cookies
 * accompany; cross-site subrequests do not get it. Secure whenever the callback is https.
 */
export function browserCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return serialize(OAUTH_BROWSER_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function readBrowserCookie(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const value = parse(header)[OAUTH_BROWSER_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}
