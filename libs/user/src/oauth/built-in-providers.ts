import { GITHUB_PROVIDER } from './github.provider.js';
import { GOOGLE_PROVIDER } from './google.provider.js';
import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';

/** Providers the library knows without a `definition` in the options. */
export const BUILT_IN_OAUTH_PROVIDERS: Readonly<Record<string, OAuthProviderDefinition>> = {
  google: GOOGLE_PROVIDER,
  github: GITHUB_PROVIDER,
};
