// @userkit/client against the routes of issues 4 (OAuth), 5 (identifiers, sessions, password, 2FA)
// and 6 (integration tokens), through real HTTP (fetch) on a listening app.
import { generateKeyPairSync } from 'node:crypto';
import { createUserKitClient, type User, type UserKitClient } from '@userkit/client';
import { Browser, freePort } from './support/browser.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import {
  rejectionOf as failure,
  startListeningTestApp,
  type ListeningTestApp,
} from './support/client-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

/** The front-end the OAuth flows return to: nothing listens there, the browser stops at it. */
const FRONT_END = 'http://127.0.0.1:9';
const APP_REDIRECT = `${FRONT_END}/after-sign-in`;

const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** Runs the browser's part of an OAuth round trip; returns where the API finally redirects. */
async function followOAuth(startUrl: string, browser = new Browser()): Promise<URL> {
  const { stoppedAt, last } = await browser.navigate(startUrl, FRONT_END);
  if (!stoppedAt) throw new Error(`the flow did not come back: ${last.status} ${last.body}`);
  return stoppedAt;
}

describe('@userkit/client: OAuth, identifiers, sessions, password, 2FA and integration tokens', () => {
  let t: ListeningTestApp;
  let oauth: LocalOAuthServer;
  let client: UserKitClient;
  const inbox = new CapturingMessageSender();
  const lastCodeSentTo = (address: string): string => inbox.lastCode(address);
  beforeAll(async () => {
    oauth = await LocalOAuthServer.start();
    const port = await freePort();
    t = await startListeningTestApp({
      port,
      env: {
        ...oauth.env(),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        OAUTH_REDIRECT_ALLOWLIST: FRONT_END,
      },
      overrides: {
        messageSender: inbox,
        tokenTemplates: { billing: { claims: { email: 'email' }, lifetimeSeconds: 120 } },
        tokenSigningKey: signingKey,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await oauth?.stop();
  });
  beforeEach(() => {
    client = createUserKitClient({ baseUrl: t.baseUrl });
  });

  function nextGoogleProfile(profile: Record<string, unknown>): void {
    oauth.googlePerson = profile;
  }

  describe('OAuth (issue 4)', () => {
    it('signs in: startOAuth, the provider round trip, exchangeOAuthCode', async () => {
      const email = uniqueEmail('google');
      nextGoogleProfile({ sub: `g-${email}`, email, email_verified: true, name: 'Grace' });
      const back = await followOAuth(await client.startOAuth('google', APP_REDIRECT));
      const code = back.searchParams.get('code');
      expect(code).toEqual(expect.any(String));
      const result = await client.exchangeOAuthCode(code!);
      if (result.twoFactorRequired) throw new Error('no second factor was expected');
      const user = result.user;
      expect(user).toMatchObject({ primaryEmail: email, displayName: 'Grace' });
      expect(user.verifiedExternalAccounts).toHaveLength(1);
      expect(user.verifiedExternalAccounts[0]).toMatchObject({ provider: 'google', email });
      expect(user.unverifiedExternalAccounts).toEqual([]);
      // The code is single use.
      const reused = await failure(
        createUserKitClient({ baseUrl: t.baseUrl }).exchangeOAuthCode(code!),
      );
      expect(reused.status).toBe(401);
    });

    it('links an account: createExternalAccount → redirect URL → verified, then deletes it', async () => {
      // The page's browser: it keeps the binding cookie of the create call (sent with credentials).
      const browser = new Browser();
      const credentials: RequestInit['credentials'][] = [];
      const linking = createUserKitClient({
        baseUrl: t.baseUrl,
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (init?.method === 'POST' && String(input).endsWith('/me/external-accounts')) {
            credentials.push(init.credentials);
            browser.receive(t.baseUrl, response.headers.getSetCookie());
          }
          return response;
        },
      });
      const user = await linking.signUp({ email: uniqueEmail('linker'), password: GOOD_PASSWORD });
      const started = await user.createExternalAccount({
        strategy: 'oauth_google',
        redirect_url: APP_REDIRECT,
      });
      expect(started.verification.externalVerificationRedirectURL).toBe(
        started.externalVerificationRedirectURL,
      );
      nextGoogleProfile({
        sub: `g-link-${user.id}`,
        email: uniqueEmail('g'),
        email_verified: true,
      });
      expect(credentials).toEqual(['include']);
      // Another browser may not open it; the one that asked links.
      const elsewhere = await new Browser().get(started.externalVerificationRedirectURL);
      expect(elsewhere.status).toBe(403);
      const again = await user.createExternalAccount({
        strategy: 'oauth_google',
        redirect_url: APP_REDIRECT,
      });
      const linked = await followOAuth(again.externalVerificationRedirectURL, browser);
      expect(linked.searchParams.get('error')).toBeNull();
      expect(linked.searchParams.get('linked')).toBe('google');
      await user.reload();
      expect(user.verifiedExternalAccounts).toHaveLength(1);
      const [account] = user.verifiedExternalAccounts;
      await user.deleteExternalAccount(account.id);
      expect(user.externalAccounts).toEqual([]);

      const unknown = await failure(
        user.createExternalAccount({ strategy: 'oauth_nope', redirect_url: APP_REDIRECT }),
      );
      expect(unknown.status).toBe(404);
      const notAllowed = await failure(
        user.createExternalAccount({ strategy: 'google', redirect_url: 'https://evil.example/' }),
      );
      expect(notAllowed.status).toBe(400);
    });
  });

  describe('email addresses and phone numbers (issue 5)', () => {
    it('adds, verifies, makes primary and deletes an email address', async () => {
      const first = uniqueEmail('first');
      const user = await client.signUp({ email: first, password: GOOD_PASSWORD });
      const second = uniqueEmail('second');
      const added = await user.createEmailAddress({ email: second });
      expect(added).toMatchObject({ email: second, verified: false, primary: false });
      expect(user.emailAddresses.map((address) => address.email)).toContain(second);
      await user.resendEmailVerification(added.id);
      const wrong = await failure(user.verifyEmailAddress(added.id, { code: '000000' }));
      expect(wrong.status).toBe(400);
      await user.verifyEmailAddress(added.id, { code: lastCodeSentTo(second) });
      await user.setPrimaryEmailAddress(added.id);
      expect(user.primaryEmail).toBe(second);
      const old = user.emailAddresses.find((address) => address.email === first)!;
      await user.deleteEmailAddress(old.id);
      expect(user.emailAddresses.map((address) => address.email)).toEqual([second]);
    });

    it('adds, verifies and deletes a phone number', async () => {
      const user = await client.signUp({ email: uniqueEmail('phone'), password: GOOD_PASSWORD });
      const phone = await user.createPhoneNumber({ phoneNumber: '+14155550123' });
      expect(phone).toMatchObject({ phoneNumber: '+14155550123', verified: false });
      await user.resendPhoneVerification(phone.id);
      await user.verifyPhoneNumber(phone.id, { code: lastCodeSentTo('+14155550123') });
      await user.setPrimaryPhoneNumber(phone.id);
      expect(user.phoneNumbers[0]).toMatchObject({ verified: true, primary: true });
      await user.deletePhoneNumber(phone.id);
      expect(user.phoneNumbers).toEqual([]);
      const invalid = await failure(user.createPhoneNumber({ phoneNumber: 'not a number' }));
      expect(invalid.status).toBe(400);
    });
  });

  describe('sessions and password (issue 5)', () => {
    it('lists the sessions and revokes another one', async () => {
      const email = uniqueEmail('sessions');
      const user = await client.signUp({ email, password: GOOD_PASSWORD });
      const other = createUserKitClient({ baseUrl: t.baseUrl });
      await other.signIn({ email, password: GOOD_PASSWORD });
      const sessions = await user.getSessions();
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((session) => session.current)).toHaveLength(1);
      const otherSession = sessions.find((session) => !session.current)!;
      await user.revokeSession(otherSession.id);
      await expect(user.getSessions()).resolves.toHaveLength(1);
      const error = await failure(other.user!.reload());
      expect(error.status).toBe(401);
      expect(other.user).toBeNull();
    });

    it('changes the password, and resets a forgotten one', async () => {
      const email = uniqueEmail('password');
      const user = await client.signUp({ email, password: GOOD_PASSWORD });
      const newPassword = 'saffron-lantern-orbit-47';
      const wrong = await failure(
        user.updatePassword({ currentPassword: 'not-it-at-all-123', newPassword }),
      );
      expect(wrong.status).toBe(400);
      await user.updatePassword({ currentPassword: GOOD_PASSWORD, newPassword });
      const fresh = createUserKitClient({ baseUrl: t.baseUrl });
      await expect(fresh.signIn({ email, password: newPassword })).resolves.toMatchObject({
        twoFactorRequired: false,
      });

      await fresh.forgotPassword({ email });
      await fresh.forgotPassword({ email: uniqueEmail('nobody') }); // same answer: no enumeration
      const resetPassword = 'harbor-quartz-meadow-58';
      const { token } = await inbox.waitForResetLink(email);
      await fresh.resetPassword({ token, password: resetPassword });
      await expect(fresh.signIn({ email, password: resetPassword })).resolves.toMatchObject({
        twoFactorRequired: false,
      });
    });
  });

  describe('second factor (issue 5)', () => {
    it('enables TOTP, then signIn asks for it and completeSignIn finishes; then disables it', async () => {
      const email = uniqueEmail('totp');
      const user = await client.signUp({ email, password: GOOD_PASSWORD });
      const setup = await user.createTOTP();
      expect(setup.secret).toEqual(expect.any(String));
      expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      await awayFromStepEdge();
      const { backupCodes } = await user.verifyTOTP({ code: await codeAt(setup.secret, -30) });
      expect(backupCodes).toHaveLength(10);
      expect(user.twoFactorEnabled()).toBe(true);

      const second = createUserKitClient({ baseUrl: t.baseUrl });
      await expect(second.signIn({ email, password: GOOD_PASSWORD })).resolves.toEqual({
        twoFactorRequired: true,
      });
      expect(second.user).toBeNull();
      const wrong = await failure(second.completeSignIn({ code: '000000' }));
      expect(wrong.status).toBe(401);
      const signedIn = await second.completeSignIn({ code: await codeAt(setup.secret, 0) });
      expect(signedIn.id).toBe(user.id);

      await user.disableTOTP({ code: await codeAt(setup.secret, 30) });
      expect(user.twoFactorEnabled()).toBe(false);
    });
  });

  describe('integration tokens (issue 6)', () => {
    it('getToken(template) returns the JWT; an unknown template is a typed 404', async () => {
      const email = uniqueEmail('tokens');
      const user: User = await client.signUp({ email, password: GOOD_PASSWORD });
      const token = await user.getToken('billing');
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
      expect(claims).toMatchObject({ sub: user.id, email });
      expect(claims.exp - claims.iat).toBe(120);
      const unknown = await failure(user.getToken('no-such-template'));
      expect(unknown.status).toBe(404);
    });
  });
});
