// NOT RUN on this branch (jest.config.js testPathIgnorePatterns): the SDK methods for the routes of
// issues 4 (OAuth), 5 (identifiers, sessions, password, 2FA) and 6 (integration tokens), which are
// built on other branches. After merging them: remove the ignore entry, wire the two MERGE helpers
// below to issue 5's message capture, and adjust field names where issue 5 chose others.
import { OAuth2Server } from 'oauth2-mock-server';
import { generate } from 'otplib';
import { createUserKitClient, UserKitError, type User, type UserKitClient } from '@userkit/client';
import { freePort, startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

// MERGE: the last one-time code the app sent to this email address or phone number (issue 5's
// test support captures outgoing mail and SMS; import its helper here).
async function lastCodeSentTo(_address: string): Promise<string> {
  throw new Error('MERGE: wire lastCodeSentTo to the message capture of issue 5');
}
// MERGE: the environment issue 5's tests give the app so messages reach that capture.
const MESSAGE_CAPTURE_ENV: Record<string, string> = {};

async function failure(promise: Promise<unknown>): Promise<UserKitError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a UserKitError, but the call succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserKitError);
  return error as UserKitError;
}

const APP_REDIRECT = 'http://127.0.0.1:9/after-sign-in';

/**
 * Follows the browser's part of an OAuth round trip without a browser: the API's start URL, the
 * local provider's authorize page, the API's callback; returns where the API finally redirects.
 * Cookies are kept per host, as a browser would (the API may keep its state in one).
 */
async function followOAuth(startUrl: string, appRedirect: string): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  let url = startUrl;
  for (let hop = 0; hop < 5; hop += 1) {
    const host = new URL(url).host;
    const cookies = jar.get(host) ?? new Map<string, string>();
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const separator = pair.indexOf('=');
      cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
    jar.set(host, cookies);
    const location = response.headers.get('location');
    if (!location) throw new Error(`OAuth stopped at ${url} with ${response.status}`);
    const next = new URL(location, url);
    if (next.href.startsWith(appRedirect)) return next;
    url = next.href;
  }
  throw new Error('too many redirects');
}

describe('@userkit/client: routes of issues 4, 5 and 6', () => {
  let t: ListeningTestApp;
  let oauth: OAuth2Server;
  let client: UserKitClient;
  beforeAll(async () => {
    oauth = new OAuth2Server();
    await oauth.issuer.keys.generate('RS256');
    await oauth.start(0, '127.0.0.1');
    const issuer = oauth.issuer.url!;
    const port = await freePort();
    t = await startListeningTestApp({
      port,
      env: {
        ...MESSAGE_CAPTURE_ENV,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        OAUTH_REDIRECT_ALLOWLIST: 'http://127.0.0.1:9',
        GOOGLE_CLIENT_ID: 'client-sdk-test',
        GOOGLE_CLIENT_SECRET: 'client-sdk-secret',
        GOOGLE_AUTHORIZATION_URL: `${issuer}/authorize`,
        GOOGLE_TOKEN_URL: `${issuer}/token`,
        GOOGLE_USERINFO_URL: `${issuer}/userinfo`,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await oauth.stop();
  });
  beforeEach(() => {
    client = createUserKitClient({ baseUrl: t.baseUrl });
  });

  function nextGoogleProfile(profile: Record<string, unknown>): void {
    oauth.service.once('beforeUserinfo', (response) => {
      response.body = profile;
    });
  }

  describe('OAuth (issue 4)', () => {
    it('signs in: oauthUrl, the provider round trip, exchangeOAuthCode', async () => {
      const email = uniqueEmail('google');
      nextGoogleProfile({ sub: `g-${email}`, email, email_verified: true, name: 'Grace' });
      const back = await followOAuth(client.oauthUrl('google', APP_REDIRECT), APP_REDIRECT);
      const code = back.searchParams.get('code');
      expect(code).toEqual(expect.any(String));
      const user = await client.exchangeOAuthCode(code!);
      expect(user).toMatchObject({ primaryEmail: email, displayName: 'Grace' });
      expect(user.verifiedExternalAccounts).toHaveLength(1);
      expect(user.verifiedExternalAccounts[0]).toMatchObject({ provider: 'google', email });
      expect(user.unverifiedExternalAccounts).toEqual([]);
      // The code is single use.
      const reused = await failure(
        createUserKitClient({ baseUrl: t.baseUrl }).exchangeOAuthCode(code!),
      );
      expect([400, 401]).toContain(reused.status);
    });

    it('links an account: createExternalAccount → redirect URL → verified, then deletes it', async () => {
      const user = await client.signUp({ email: uniqueEmail('linker'), password: GOOD_PASSWORD });
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
      await followOAuth(started.externalVerificationRedirectURL, APP_REDIRECT);
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
      await user.verifyEmailAddress(added.id, { code: await lastCodeSentTo(second) });
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
      await user.verifyPhoneNumber(phone.id, { code: await lastCodeSentTo('+14155550123') });
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
      const otherSession = sessions.find((session) => session.current === false) ?? sessions[1];
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
      expect([400, 401, 403]).toContain(wrong.status);
      await user.updatePassword({ currentPassword: GOOD_PASSWORD, newPassword });
      const fresh = createUserKitClient({ baseUrl: t.baseUrl });
      await expect(fresh.signIn({ email, password: newPassword })).resolves.toMatchObject({
        twoFactorRequired: false,
      });

      await fresh.forgotPassword({ email });
      await fresh.forgotPassword({ email: uniqueEmail('nobody') }); // same answer: no enumeration
      const resetPassword = 'harbor-quartz-meadow-58';
      await fresh.resetPassword({ token: await lastCodeSentTo(email), password: resetPassword });
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
      await user.verifyTOTP({ code: await generate({ secret: setup.secret }) });
      expect(user.twoFactorEnabled()).toBe(true);

      const second = createUserKitClient({ baseUrl: t.baseUrl });
      await expect(second.signIn({ email, password: GOOD_PASSWORD })).resolves.toEqual({
        twoFactorRequired: true,
      });
      expect(second.user).toBeNull();
      const wrong = await failure(second.completeSignIn({ code: '000000' }));
      expect(wrong.status).toBe(401);
      const signedIn = await second.completeSignIn({
        code: await generate({ secret: setup.secret }),
      });
      expect(signedIn.id).toBe(user.id);

      await user.disableTOTP({ code: await generate({ secret: setup.secret }) });
      expect(user.twoFactorEnabled()).toBe(false);
    });
  });

  describe('integration tokens (issue 6)', () => {
    it('getToken(template) returns a token string; an unknown template is a typed 404', async () => {
      const user: User = await client.signUp({
        email: uniqueEmail('tokens'),
        password: GOOD_PASSWORD,
      });
      // MERGE: use a template the sample app configures in issue 6.
      const token = await user.getToken('default');
      expect(token).toEqual(expect.any(String));
      const unknown = await failure(user.getToken('no-such-template'));
      expect(unknown.status).toBe(404);
    });
  });
});
