// A local OAuth provider for the browser tests: oauth2-mock-server on 127.0.0.1, answering in
// Google's shape and in GitHub's, and the sample app's environment that points both at it.
import { OAuth2Server } from 'oauth2-mock-server';
import { freePort } from './app.js';

/**
 * Starts the provider. `google()` is the OpenID userinfo it answers at that moment; `github()`,
 * when given, is `{ user, emails }`: GitHub's /user and /user/emails, and turns GitHub on in the
 * sample. `denial()`, when it returns an OAuth error code, makes /authorize answer with that error
 * instead of a code (the user pressed "Cancel" on the consent screen: RFC 6749 §4.1.2.1).
 * Returns `{ env, stop() }`; pass `env` to startUiApp.
 */
export async function startOAuthProvider({ google, github, denial = () => null }) {
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  provider.service.on('beforeUserinfo', (response, request) => {
    const shape = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('shape');
    if (shape === 'github-user') response.body = github().user;
    else if (shape === 'github-emails') response.body = github().emails;
    else response.body = google();
  });
  provider.service.on('beforeAuthorizeRedirect', (redirect) => {
    const error = denial();
    if (!error) return;
    redirect.url.searchParams.delete('code');
    redirect.url.searchParams.set('error', error);
  });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider.issuer.url = base;
  await provider.start(port, '127.0.0.1');
  const env = {
    GOOGLE_CLIENT_ID: 'ui-test',
    GOOGLE_CLIENT_SECRET: 'ui-test-secret',
    GOOGLE_AUTHORIZATION_URL: `${base}/authorize`,
    GOOGLE_TOKEN_URL: `${base}/token`,
    GOOGLE_USERINFO_URL: `${base}/userinfo`,
  };
  if (github) {
    Object.assign(env, {
      GITHUB_CLIENT_ID: 'ui-test-github',
      GITHUB_CLIENT_SECRET: 'ui-test-github-secret',
      GITHUB_AUTHORIZATION_URL: `${base}/authorize`,
      GITHUB_TOKEN_URL: `${base}/token`,
      GITHUB_USER_URL: `${base}/userinfo?shape=github-user`,
      GITHUB_EMAILS_URL: `${base}/userinfo?shape=github-emails`,
    });
  }
  return { env, stop: () => provider.stop() };
}
