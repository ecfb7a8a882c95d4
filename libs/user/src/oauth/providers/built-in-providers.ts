import type { OAuthProviderDescriptor } from '../extension-points/oauth-provider-descriptor.js';
import { APPLE } from './built-in/apple.js';
import { BITBUCKET } from './built-in/bitbucket.js';
import { DISCORD } from './built-in/discord.js';
import { DROPBOX } from './built-in/dropbox.js';
import { FACEBOOK } from './built-in/facebook.js';
import { GITHUB } from './built-in/github.js';
import { GITLAB } from './built-in/gitlab.js';
import { GOOGLE } from './built-in/google.js';
import { HUBSPOT } from './built-in/hubspot.js';
import { LINKEDIN } from './built-in/linkedin.js';
import { MICROSOFT } from './built-in/microsoft.js';
import { NOTION } from './built-in/notion.js';
import { OPENID_CONNECT } from './built-in/openid-connect.js';
import { TIKTOK } from './built-in/tiktok.js';
import { TWITCH } from './built-in/twitch.js';
import { TWITTER } from './built-in/twitter.js';

/**
 * Providers the library knows without a `definition` in the options, all spoken to by its own
 * OAuth 2.0 client (no package to install). `oidc` is the generic OpenID Connect provider; any
 * other name with an `issuer` option is one too. In the order the sample app (and so the pages'
 * buttons) lists them.
 */
export const BUILT_IN_OAUTH_PROVIDERS: Readonly<Record<string, OAuthProviderDescriptor>> = {
  google: GOOGLE,
  github: GITHUB,
  facebook: FACEBOOK,
  hubspot: HUBSPOT,
  tiktok: TIKTOK,
  gitlab: GITLAB,
  discord: DISCORD,
  twitter: TWITTER,
  twitch: TWITCH,
  linkedin: LINKEDIN,
  dropbox: DROPBOX,
  bitbucket: BITBUCKET,
  microsoft: MICROSOFT,
  notion: NOTION,
  apple: APPLE,
  oidc: OPENID_CONNECT,
};

/** The built-in descriptor for these options, if any: by name, else OpenID Connect by `issuer`. */
export function builtInDescriptor(
  name: string,
  options: { issuer?: string },
): OAuthProviderDescriptor | undefined {
  if (Object.hasOwn(BUILT_IN_OAUTH_PROVIDERS, name)) return BUILT_IN_OAUTH_PROVIDERS[name];
  return options.issuer ? OPENID_CONNECT : undefined;
}
