/** Anything a browser could read as another origin or a script: refused before parsing. */
function hasUnsafeCharacter(value: string): boolean {
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (code <= 0x20 || code === 0x7f || character === '\\') return true;
  }
  return /\s/.test(value);
}

/**
 * The normalized redirect URL when it is on the allow-list, else null. An entry allows its exact
 * origin (scheme, host, port) and the paths under its path; `//evil.example`, `/\evil.example`,
 * `javascript:`, user-info tricks and look-alike hosts all fail the origin comparison or the
 * checks before it.
 */
export function allowedRedirectUrl(candidate: unknown, allowList: string[]): string | null {
  if (typeof candidate !== 'string' || candidate.length > 2048) return null;
  if (!/^https?:\/\/[^/]/i.test(candidate) || hasUnsafeCharacter(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const allowed = allowList.some((entry) => {
    const base = new URL(entry);
    return url.origin === base.origin && pathIsUnder(url.pathname, base.pathname);
  });
  return allowed ? url.href : null;
}

function pathIsUnder(path: string, prefix: string): boolean {
  if (prefix === '/' || prefix === '') return true;
  if (path === prefix) return true;
  return path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** The redirect with these query parameters added (the code, or the error). */
export function withQuery(redirectUrl: string, params: Record<string, string>): string {
  const url = new URL(redirectUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}
