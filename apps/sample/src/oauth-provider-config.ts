import type { OAuthProviderOptions } from '@userkit/user/oauth';

/** Environment variable prefix → provider name, and which variable fills which URL option. */
const PROVIDERS: Record<
  string,
  { prefix: string; urls: Record<string, keyof OAuthProviderOptions> }
> = {
  google: {
    prefix: 'GOOGLE',
    urls: {
      AUTHORIZATION_URL: 'authorizationUrl',
      TOKEN_URL: 'tokenUrl',
      USERINFO_URL: 'userInfoUrl',
    },
  },
  github: {
    prefix: 'GITHUB',
    urls: {
      AUTHORIZATION_URL: 'authorizationUrl',
      TOKEN_URL: 'tokenUrl',
      USER_URL: 'userInfoUrl',
      EMAILS_URL: 'emailsUrl',
    },
  },
};

/**
 * API.md's provider variables: a provider is on when `<PREFIX>_CLIENT_ID` is set; the URL variables
 * point it at a local OAuth server or GitHub Enterprise.
 */
export function readOAuthProviders(env: NodeJS.ProcessEnv): Record<string, OAuthProviderOptions> {
  const providers: Record<string, OAuthProviderOptions> = {};
  for (const [name, { prefix, urls }] of Object.entries(PROVIDERS)) {
    const clientId = env[`${prefix}_CLIENT_ID`];
    if (!clientId) continue;
    const provider: Record<string, string> = {
      clientId,
      clientSecret: env[`${prefix}_CLIENT_SECRET`] ?? '',
    };
    for (const [suffix, option] of Object.entries(urls)) {
      const value = env[`${prefix}_${suffix}`];
      if (value) provider[option] = value;
    }
    providers[name] = provider as OAuthProviderOptions;
  }
  return providers;
}
