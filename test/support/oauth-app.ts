import type { SampleOverrides } from '../../apps/sample/src/feature-modules.js';
import type { ExternalAccountLinkResponse } from '@userkit/client';
import { Browser, freePort } from './browser.js';
import { bearer, uniqueEmail } from './users.js';
import { CapturingMessageSender } from './captured-messages.js';
import { LocalOAuthServer } from './oauth-server.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** The front-end the flows return to: nothing listens there, the browser stops at it. */
export const FRONT_END = 'http://127.0.0.1:5173';
export const RETURN_TO = `${FRONT_END}/auth/done`;

export interface Running {
  t: TestApp;
  base: string;
}

/** The sample app listening on a real port, its providers pointed at the local OAuth server. */
export async function startOAuthApp(
  provider: LocalOAuthServer,
  overrides: SampleOverrides = {},
  env: Record<string, string> = {},
  beforeInit?: TestAppOptions['beforeInit'],
): Promise<Running> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await startTestApp({
    env: {
      PUBLIC_URL: base,
      OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth`,
      ...provider.env(),
      ...env,
    },
    overrides: { oauthTimeoutSeconds: 2, ...overrides },
    beforeInit,
  });
  await t.app.listen(port, '127.0.0.1');
  return { t, base };
}

export interface OAuthFixture {
  provider: LocalOAuthServer;
  app: Running;
  /** The app's outgoing messages. */
  inbox: CapturingMessageSender;
}

/**
 * Starts the local OAuth server and the app around the calling describe (jest hooks). `env` may
 * read the server (e.g. `(server) => server.allProvidersEnv()`).
 */
export function useOAuthApp(
  overrides: SampleOverrides = {},
  env: (provider: LocalOAuthServer) => Record<string, string> = () => ({}),
): OAuthFixture {
  const fixture = { inbox: new CapturingMessageSender() } as OAuthFixture;
  beforeAll(async () => {
    fixture.provider = await LocalOAuthServer.start();
    fixture.app = await startOAuthApp(
      fixture.provider,
      { messageSender: fixture.inbox, ...overrides },
      env(fixture.provider),
    );
  });
  afterAll(async () => {
    await fixture.app?.t.close();
    await fixture.provider?.stop();
  });
  return fixture;
}

/**
 * `POST /me/external-accounts`: the stored pending account, and the browser that asked for it
 * (holding the binding cookie its URL needs).
 */
export async function startLinkIn(app: Running, accessToken: string, provider: string) {
  const response = await app.t.http
    .post('/me/external-accounts')
    .set(bearer(accessToken))
    .send({ provider, redirectUrl: RETURN_TO });
  if (response.status !== 201)
    throw new Error(`link start failed: ${response.status} ${JSON.stringify(response.body)}`);
  const browser = new Browser();
  browser.receive(app.base, response.headers['set-cookie']);
  return {
    account: response.body as ExternalAccountLinkResponse,
    url: response.body.verification.externalVerificationRedirectURL as string,
    browser,
  };
}

let counter = 0;
export function googlePerson(fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    sub: `g-${Date.now()}-${counter}`,
    name: 'Ada Lovelace',
    given_name: 'Ada',
    family_name: 'Lovelace',
    picture: 'https://images.example/ada.png',
    email: uniqueEmail('google'),
    email_verified: true,
    ...fields,
  };
}

export function gitHubPerson(
  emails: Array<{ email: string; primary: boolean; verified: boolean }>,
) {
  counter += 1;
  return {
    user: {
      id: 100_000 + counter,
      login: `octo${counter}`,
      name: 'Octo Cat',
      avatar_url: 'https://avatars.example/octo.png',
      email: emails[0]?.email ?? null,
    },
    emails,
  };
}
