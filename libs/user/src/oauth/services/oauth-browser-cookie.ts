import { parse, serialize } from 'cookie';

/** The httpOnly cookie that binds a started round trip to this browser. */
export const OAUTH_BROWSER_COOKIE = 'userkit_oauth';

/** The httpOnly cookie that binds a link intent to the browser that asked for it. */
export const OAUTH_LINK_COOKIE = 'userkit_oauth_link';

/**
 * SameSite=Lax: the provider sends the browser back with a top-level GET (and the link intent URL
 * is opened with one), which Lax cookies accompany; cross-site subrequests do not get it. Secure
 * whenever the URL it serves is https.
 */
export function browserCookie(
  value: string,
  secure: boolean,
  maxAgeSeconds: number,
  name = OAUTH_BROWSER_COOKIE,
): string {
  return serialize(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function readBrowserCookie(header: unknown, name = OAUTH_BROWSER_COOKIE): string | null {
  if (typeof header !== 'string') return null;
  const value = parse(header)[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
