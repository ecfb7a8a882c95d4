// A local OAuth provider for trying the sample's "Sign in with Google / GitHub" without the
// internet: oauth2-mock-server on 127.0.0.1, answering Google-shaped (/userinfo?shape=google) and
// GitHub-shaped (/userinfo?shape=github-user, ?shape=github-emails) profiles. Its /authorize
// consents at once. OAUTH_DEMO_EMAIL sets the (verified) email it reports.
//   node scripts/local-oauth-server.js        (port 8080, or OAUTH_DEMO_PORT)
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.env.OAUTH_DEMO_PORT ?? 8080);
const email = process.env.OAUTH_DEMO_EMAIL ?? 'demo.user@example.com';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeUserinfo', (response, req) => {
  const shape = new URL(req.url ?? '/', 'http://localhost').searchParams.get('shape');
  if (shape === 'google') {
    response.body = {
      sub: 'demo-google-user',
      name: 'Demo User',
      given_name: 'Demo',
      family_name: 'User',
      email,
      email_verified: true,
      picture: 'https://www.gravatar.com/avatar/?d=identicon',
    };
  } else if (shape === 'github-user') {
    response.body = { id: 4242, login: 'demo-user', name: 'Demo User', email };
  } else if (shape === 'github-emails') {
    response.body = [{ email, primary: true, verified: true, visibility: 'private' }];
  }
});
// 127.0.0.1, not localhost: Node may resolve localhost to ::1, where nothing listens.
const base = `http://127.0.0.1:${port}`;
server.issuer.url = base;
await server.start(port, '127.0.0.1');

console.log(`Local OAuth server on ${base}. Start the sample with:

GOOGLE_CLIENT_ID=local GOOGLE_CLIENT_SECRET=local \\
GOOGLE_AUTHORIZATION_URL=${base}/authorize GOOGLE_TOKEN_URL=${base}/token \\
GOOGLE_USERINFO_URL='${base}/userinfo?shape=google' \\
GITHUB_CLIENT_ID=local GITHUB_CLIENT_SECRET=local \\
GITHUB_AUTHORIZATION_URL=${base}/authorize GITHUB_TOKEN_URL=${base}/token \\
GITHUB_USER_URL='${base}/userinfo?shape=github-user' GITHUB_EMAILS_URL='${base}/userinfo?shape=github-emails' \\
OAUTH_REDIRECT_ALLOWLIST=http://localhost:3000/docs npm start

then open http://localhost:3000/oauth/google?redirect_url=http://localhost:3000/docs`);

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.stop().then(() => process.exit(0)));
