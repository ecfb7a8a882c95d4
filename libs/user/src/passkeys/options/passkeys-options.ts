/** Options of UserPasskeysModule.forRoot() (or the factory of forRootAsync). */
export interface UserPasskeysModuleOptions {
  /**
   * The WebAuthn relying party ID: the domain passkeys are bound to (`example.com` serves
   * `app.example.com` too). Default: the host name of UserModule's `publicUrl`.
   */
  rpID?: string;
  /** The name authenticators show next to the passkey. Default: UserModule's `tokenIssuer`. */
  rpName?: string;
  /**
   * The origins (scheme, host and port) whose pages may create and use the passkeys: a browser
   * signs the origin of the page, and any other is refused. Default: the origin of `publicUrl`.
   * Browsers offer passkeys on https pages only (and on http://localhost).
   */
  origins?: string[];
}

/** The options after defaults. */
export interface ResolvedPasskeysOptions {
  rpID: string;
  rpName: string;
  origins: string[];
}

/** The resolved options (ResolvedPasskeysOptions). */
export const PASSKEYS_OPTIONS = Symbol('UserKit.PasskeysOptions');

/** What a host name looks like (an IP address passes too: WebAuthn needs a domain in browsers). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function originOf(value: unknown, errors: string[], label: string): URL | null {
  if (typeof value !== 'string') {
    errors.push(`${label} must be a string`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push(`${label} must be a URL (e.g. https://app.example.com)`);
    return null;
  }
  // Browsers offer WebAuthn only on https pages (and http://localhost): other schemes can't work.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    errors.push(`${label} must be an http(s) URL`);
    return null;
  }
  return url;
}

/**
 * Defaults and checks: throws at start-up for options the module cannot use. Every origin's host
 * must be the RP ID or under it, as browsers require, so a mismatch shows at start and not as
 * refused passkeys.
 */
export function resolvePasskeysOptions(
  options: UserPasskeysModuleOptions | undefined,
  core: { publicUrl?: string; tokenIssuer: string },
): ResolvedPasskeysOptions {
  const errors: string[] = [];
  const publicUrl =
    core.publicUrl === undefined ? null : originOf(core.publicUrl, errors, 'publicUrl');
  const givenOrigins = options?.origins;
  if (givenOrigins !== undefined && (!Array.isArray(givenOrigins) || givenOrigins.length === 0))
    errors.push('origins must be a non-empty array of URLs');
  const origins: URL[] = [];
  if (Array.isArray(givenOrigins) && givenOrigins.length > 0) {
    givenOrigins.forEach((origin, index) => {
      const url = originOf(origin, errors, `origins[${index}]`);
      if (url && (url.pathname !== '/' || url.search || url.hash || url.username || url.password))
        errors.push(`origins[${index}] must be an origin alone (no path, query or fragment)`);
      else if (url) origins.push(url);
    });
  } else if (givenOrigins === undefined) {
    if (publicUrl) origins.push(publicUrl);
    else if (core.publicUrl === undefined)
      errors.push('origins are needed when UserModule has no publicUrl to default to');
  }
  const rpID = options?.rpID ?? origins[0]?.hostname ?? publicUrl?.hostname;
  if (typeof rpID !== 'string' || !HOST_NAME.test(rpID))
    errors.push('rpID must be a host name (e.g. example.com), without scheme or port');
  else
    for (const origin of origins)
      if (origin.hostname !== rpID && !origin.hostname.endsWith(`.${rpID}`))
        errors.push(`the origin ${origin.origin} is not on the rpID ${rpID} nor under it`);
  const rpName = options?.rpName ?? core.tokenIssuer;
  if (typeof rpName !== 'string' || rpName.trim().length === 0 || rpName.length > 64)
    errors.push('rpName must be a non-empty string of at most 64 characters');
  if (errors.length > 0)
    throw new Error(
      `Invalid UserPasskeysModule options:\n${errors.map((e) => ` - ${e}`).join('\n')}`,
    );
  return { rpID: rpID as string, rpName, origins: origins.map((origin) => origin.origin) };
}
