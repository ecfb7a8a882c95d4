import { DEFAULT_OAUTH_PROFILE_MAPPER } from '../extension-points/oauth-profile-mapper.js';
import { resolveOAuthOptions, UserOAuthOptionsError } from './resolve-oauth-options.js';

const PUBLIC = { publicUrl: 'https://app.example.com' };

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserOAuthOptionsError);
    return (error as Error).message;
  }
  throw new Error('no UserOAuthOptionsError');
}

describe('resolveOAuthOptions', () => {
  it('applies the defaults', () => {
    expect(resolveOAuthOptions({}, PUBLIC)).toEqual({
      providers: {},
      redirectAllowList: [],
      profileMapper: DEFAULT_OAUTH_PROFILE_MAPPER,
      timeoutMs: 30_000,
    });
    expect(resolveOAuthOptions({ timeoutSeconds: 2.5 }, PUBLIC).timeoutMs).toBe(2500);
  });

  it('lists every problem in one error', () => {
    const message = problemsOf(() =>
      resolveOAuthOptions(
        {
          timeoutSeconds: 0,
          redirectAllowList: ['/relative'],
          profileMapper: {} as never,
          providers: {
            google: { clientId: 'id' },
            mastodon: { clientId: 'id', clientSecret: 'secret' },
            oidc: { clientId: 'id', clientSecret: 'secret' },
            apple: { clientId: 'id', privateKey: 'not a key' },
            'Bad Name': {},
            github: { clientId: 'id', clientSecret: 'secret', tokenUrl: 'ftp://x' },
          },
        },
        PUBLIC,
      ),
    );
    expect(message).toMatch(/^Invalid UserOAuthModule options:\n - /);
    for (const problem of [
      'timeoutSeconds must be a number of seconds between 0 and 300',
      'redirectAllowList entry "/relative" must be an absolute http(s) URL',
      'profileMapper must have a map function',
      'providers.google.clientSecret is missing',
      'providers.mastodon is not a built-in provider: give it a definition (or an OpenID Connect issuer)',
      'providers.oidc.issuer is missing (the OpenID Connect issuer URL)',
      'providers.apple.teamId is missing',
      'providers.apple.keyId is missing',
      'providers.apple.privateKey must be a PEM private key (PKCS #8)',
      'providers.Bad Name: a provider name is lower-case letters, digits and dashes',
      'providers.github.tokenUrl must be an absolute http(s) URL',
    ])
      expect(message).toContain(problem);
  });

  it("needs the core's publicUrl for a default callback, not for a provider's own", () => {
    const github = { clientId: 'id', clientSecret: 'secret' };
    expect(problemsOf(() => resolveOAuthOptions({ providers: { github } }, {}))).toContain(
      "providers.github needs UserModule's publicUrl (or its own callbackUrl) for the callback",
    );
    const own = { ...github, callbackUrl: 'https://api.example.com/oauth/github/callback' };
    expect(resolveOAuthOptions({ providers: { github: own } }, {}).providers.github).toBe(own);
  });

  it('leaves a provider without a client id off, unchecked', () => {
    expect(resolveOAuthOptions({ providers: { gitlab: {} } }, {}).providers).toEqual({
      gitlab: {},
    });
  });

  it('takes any name with an issuer as an OpenID Connect provider', () => {
    const okta = { clientId: 'id', clientSecret: 'secret', issuer: 'https://login.example.com' };
    expect(resolveOAuthOptions({ providers: { okta } }, PUBLIC).providers.okta).toBe(okta);
  });
});
