import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pages' Content-Security-Policy: own scripts and styles only, nothing inline, no framing. */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Profile pictures: uploaded ones are same-origin; OAuth providers' avatars are https URLs.
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

export interface UiAsset {
  body: Buffer;
  contentType: string;
}

/** What the page needs to know before its first request; written into a <meta> tag. */
export interface UiPageConfig {
  basePath: string;
  apiBaseUrl: string;
  providers: string[];
  anonymousSignUp: boolean;
  /** Which identifiers sign-up asks for and sign-in takes (UserModule's `identifiers`). */
  identifiers: {
    email: 'required' | 'optional' | false;
    username: 'required' | 'optional' | false;
    phone: 'required' | 'optional' | false;
  };
  /** The pages ask for the code before anything else until an address is verified. */
  requireVerifiedEmail: boolean;
  /** The profile offers "Delete account" (UserModule's `selfDeletion`). */
  selfDeletion: boolean;
  /** UserPasskeysModule is imported: sign-in with a passkey, the profile's passkey panel. */
  passkeys: boolean;
  /** UserOrganizationsModule is imported: the console's organizations, the profile's panel. */
  organizations: boolean;
  /** UserContactsModule's `emailSignIn`: "Email me a code" on sign-in. */
  emailCode: boolean;
  /** UserContactsModule's `emailLinkSignIn`: "Email me a link" on sign-in. */
  emailLink: boolean;
}

/**
 * The files of `npm run build` (scripts/build-ui.js), next to this module in the package
 * (dist/libs/user/pages/public). Run from the sources (tests) or compiled into a host's own dist (the
 * sample app), the repository's build output, found upwards from this module rather than from the
 * working directory, so the app may start from anywhere.
 */
export function findAssetDirectory(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'public')];
  for (let directory = here; dirname(directory) !== directory; directory = dirname(directory))
    candidates.push(join(directory, 'dist/libs/user/pages/public'));
  return candidates.find((directory) => existsSync(join(directory, 'index.html'))) ?? null;
}

/** Loads every built file once at start-up: no file-system path is ever built from a URL. */
export function loadAssets(directory: string | null): Map<string, UiAsset> {
  const assets = new Map<string, UiAsset>();
  if (!directory) return assets;
  for (const name of readdirSync(directory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(name, { body: readFileSync(join(directory, name)), contentType });
  }
  return assets;
}

/** index.html with the base path and the config filled in (attribute-escaped, never script). */
export function renderIndex(template: string, config: UiPageConfig): string {
  return template
    .replaceAll('%BASE_HREF%', escapeAttribute(`${config.basePath}/`))
    .replace('%USERKIT_CONFIG%', escapeAttribute(JSON.stringify(config)));
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
