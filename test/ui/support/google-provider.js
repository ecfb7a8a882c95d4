// A Google-shaped OAuth provider for the browser tests: oauth2-mock-server on 127.0.0.1, and the
// sample app's environment that points Google's endpoints at it.
import { OAuth2Server } from 'oauth2-mock-server';
import { freePort } from './app.js';

/**
 * Starts the provider. `person()` is the profile its userinfo answers at that moment; `denial()`,
 * when given and returning an OAuth error code, makes /authorize answer with that error instead
 * of a code (the user pressed "Cancel" on its consent screen: RFC 6749 §4.1.2.1).
 * Returns `{ env, stop() }`; pass `env` to startUiApp.
 */
export async function startGoogleProvider({ person, denial = () => null }) {
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  provider.service.on('beforeUserinfo', (response) => {
    response.body = person();
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
  return {
    env: {
      GOOGLE_CLIENT_ID: 'ui-test',
      GOOGLE_CLIENT_SECRET: 'ui-test-secret',
      GOOGLE_AUTHORIZATION_URL: `${base}/authorize`,
      GOOGLE_TOKEN_URL: `${base}/token`,
      GOOGLE_USERINFO_URL: `${base}/userinfo`,
    },
    stop: () => provider.stop(),
  };
}
