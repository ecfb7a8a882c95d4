import { BUILT_IN_OAUTH_PROVIDERS, type OAuthProviderOptions } from '@userkit/user/oauth';

/** Variable suffix → provider option, for every provider (`<PREFIX>_<SUFFIX>`). */
const VARIABLES: Record<string, keyof OAuthProviderOptions> = {
  CLIENT_SECRET: 'clientSecret',
  AUTHORIZATION_URL: 'authorizationUrl',
  TOKEN_URL: 'tokenUrl',
  USERINFO_URL: 'userInfoUrl',
  EMAILS_URL: 'emailsUrl',
  JWKS_URL: 'jwksUrl',
  ISSUER: 'issuer',
  TENANT: 'tenant',
  TEAM_ID: 'teamId',
  KEY_ID: 'keyId',
  PRIVATE_KEY: 'privateKey',
};

/** Names API.md gave first, kept: GitHub's profile URL is `GITHUB_USER_URL`. */
const ALIASES: Record<string, Record<string, keyof OAuthProviderOptions>> = {
  github: { USER_URL: 'userInfoUrl' },
};

/**
 * API.md's provider variables: a built-in provider is on when `<PREFIX>_CLIENT_ID` is set (`GOOGLE`,
 * `GITHUB`, `MICROSOFT`, `APPLE`, `OIDC` …, the provider's name in capitals); the others set its
 * secret (Apple: `APPLE_TEAM_ID`, `APPLE_KEY_ID`, `APPLE_PRIVATE_KEY` instead), point it at a local
 * OAuth server or a self-hosted instance, or give the generic OpenID Connect provider its issuer.
 */
export function readOAuthProviders(env: NodeJS.ProcessEnv): Record<string, OAuthProviderOptions> {
  const providers: Record<string, OAuthProviderOptions> = {};
  for (const name of Object.keys(BUILT_IN_OAUTH_PROVIDERS)) {
    const prefix = name.toUpperCase();
    const clientId = env[`${prefix}_CLIENT_ID`];
    if (!clientId) continue;
    const provider: Record<string, string> = { clientId };
    for (const [suffix, option] of Object.entries({ ...VARIABLES, ...ALIASES[name] })) {
      const value = env[`${prefix}_${suffix}`];
      // A PEM in one line of an env file has its line breaks written as \n.
      if (value) provider[option] = option === 'privateKey' ? value.replace(/\\n/g, '\n') : value;
    }
    if (!provider.clientSecret && name !== 'apple') provider.clientSecret = '';
    providers[name] = provider as OAuthProviderOptions;
  }
  return providers;
}
