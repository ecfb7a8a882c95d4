// A host's own providers (README, "Another provider is a `definition`"): a descriptor for the
// library's client, and a passport-oauth2 strategy factory (passport-github2) that the library
// drives itself — each through a whole round trip against the local OAuth server.
import type {
  OAuthProfile,
  OAuthProviderDefinition,
  OAuthProviderDescriptor,
  OAuthStrategySettings,
} from '@userkit/user/oauth';
import { Strategy as GitHubStrategy } from 'passport-github2';
import { Browser } from './support/browser.js';
import {
  FRONT_END,
  RETURN_TO,
  gitHubPerson,
  startOAuthApp,
  type Running,
} from './support/oauth-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { uniqueEmail } from './support/users.js';

/** A forge that answers GitHub's /user document and shares no address. */
const forge: OAuthProviderDescriptor = {
  endpoints: () => ({ authorizationUrl: '', tokenUrl: '' }),
  defaultScope: ['read:user'],
  pkce: true,
  fetchProfile: async ({ http, endpoints, accessToken }) => ({
    profile: await http.getJson(endpoints.userInfoUrl!, { accessToken }),
  }),
  mapProfile: ({ profile }) => {
    const account = profile as { id: number; name?: string; avatar_url?: string };
    return {
      providerUserId: String(account.id),
      emails: [],
      displayName: account.name ?? null,
      firstName: null,
      lastName: null,
      picture: account.avatar_url ?? null,
    };
  },
};

/** passport-github2, as a host of the first release plugged it in. */
const passportGitHub: OAuthProviderDefinition = {
  createStrategy: (settings: OAuthStrategySettings) =>
    new GitHubStrategy(
      {
        clientID: settings.clientId,
        clientSecret: settings.clientSecret,
        callbackURL: settings.callbackUrl,
        authorizationURL: settings.authorizationUrl,
        tokenURL: settings.tokenUrl,
        userProfileURL: settings.userInfoUrl,
        userEmailURL: settings.emailsUrl,
        scope: settings.scope,
      },
      () => undefined,
    ) as never,
  defaultScope: ['user:email'],
  pkce: false,
  mapProfile: (profile): OAuthProfile => ({
    providerUserId: profile.id,
    emails: (profile.emails ?? []).map((entry, index) => ({
      email: entry.value,
      // passport-github2 keeps only the addresses, not GitHub's flags: none is vouched for.
      verified: false,
      primary: index === 0,
    })),
    displayName: profile.displayName ?? null,
    firstName: null,
    lastName: null,
    picture: profile.photos?.[0]?.value ?? null,
  }),
};

describe("a host's own OAuth provider definitions", () => {
  let provider: LocalOAuthServer;
  let app: Running;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    const endpoints = {
      authorizationUrl: `${provider.url}/authorize`,
      tokenUrl: `${provider.url}/token`,
      userInfoUrl: `${provider.url}/userinfo?shape=github-user`,
      emailsUrl: `${provider.url}/userinfo?shape=github-emails`,
    };
    app = await startOAuthApp(provider, {
      providers: {
        forge: {
          clientId: 'forge-client',
          clientSecret: 'forge-secret',
          definition: forge,
          ...endpoints,
        },
        hub: {
          clientId: 'hub-client',
          clientSecret: 'hub-secret',
          definition: passportGitHub,
          ...endpoints,
        },
      },
    });
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  async function signInWith(name: string) {
    const browser = new Browser();
    const start = `${app.base}/oauth/${name}?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const { stoppedAt, hops, last } = await browser.navigate(start, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    const code = stoppedAt.searchParams.get('code');
    if (!code) throw new Error(`no code: ${stoppedAt.href}`);
    const tokens = await app.t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(app.base))
      .send({ code })
      .expect(200);
    return { user: tokens.body.user as Record<string, any>, authorize: new URL(hops[1]) };
  }

  it('a descriptor: its scopes and PKCE in the authorization URL, its mapping of the profile', async () => {
    provider.githubPerson = gitHubPerson([]);
    const { user, authorize } = await signInWith('forge');
    expect(authorize.searchParams.get('client_id')).toBe('forge-client');
    expect(authorize.searchParams.get('scope')).toBe('read:user');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(user).toMatchObject({
      displayName: 'Octo Cat',
      picture: 'https://avatars.example/octo.png',
      emailAddresses: [],
      externalAccounts: [
        expect.objectContaining({
          provider: 'forge',
          providerUserId: String(provider.githubPerson.user.id),
        }),
      ],
    });
  });

  it('a passport strategy: driven by the library (state, code exchange, profile) and mapped by the host', async () => {
    const email = uniqueEmail('hub');
    provider.githubPerson = gitHubPerson([{ email, primary: true, verified: true }]);
    const { user, authorize } = await signInWith('hub');
    expect(authorize.searchParams.get('client_id')).toBe('hub-client');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(user).toMatchObject({
      displayName: 'Octo Cat',
      emailAddresses: [expect.objectContaining({ email, verified: false, primary: true })],
      externalAccounts: [
        expect.objectContaining({
          provider: 'hub',
          providerUserId: String(provider.githubPerson.user.id),
        }),
      ],
    });
  });
});
