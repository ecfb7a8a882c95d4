import { createUserKitClient, User, webStorage, type UserKitClient } from '@userkit/client';
import { freePort } from './support/browser.js';
import {
  MapWebStorage,
  recordingFetch,
  rejectionOf as failure,
  startListeningTestApp,
  type ListeningTestApp,
} from './support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

describe('@userkit/client against the sample app over loopback HTTP', () => {
  let t: ListeningTestApp;
  let client: UserKitClient;
  beforeAll(async () => {
    t = await startListeningTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    client = createUserKitClient({ baseUrl: t.baseUrl });
  });

  describe('signUp, signIn, signOut', () => {
    it('signs up: the user is signed in with the fields of /me', async () => {
      const email = uniqueEmail('sdk');
      const changes: Array<string | null> = [];
      client.onChange((user) => changes.push(user?.id ?? null));
      const user = await client.signUp({ email, password: GOOD_PASSWORD, firstName: 'Ada' });
      expect(user).toBeInstanceOf(User);
      expect(client.user).toBe(user);
      expect(client.isSignedIn).toBe(true);
      expect(user).toMatchObject({
        primaryEmail: email,
        firstName: 'Ada',
        roles: ['user'],
        isAnonymous: false,
        emailAddresses: [{ email, verified: false, primary: true }],
      });
      expect(user.twoFactorEnabled()).toBe(false);
      expect(user.verifiedExternalAccounts).toEqual([]);
      expect(user.unverifiedExternalAccounts).toEqual([]);
      expect(changes).toEqual([user.id]);
    });

    it('signs in and out; after sign-out the session is gone on the server too', async () => {
      const email = uniqueEmail('sdk');
      const storage = new MapWebStorage();
      await createUserKitClient({ baseUrl: t.baseUrl }).signUp({ email, password: GOOD_PASSWORD });
      client = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
      const result = await client.signIn({ email, password: GOOD_PASSWORD });
      expect(result.twoFactorRequired).toBe(false);
      if (result.twoFactorRequired) throw new Error('unreachable');
      expect(result.user.primaryEmail).toBe(email);
      const refreshToken = storage.getItem('userkit.refreshToken');
      expect(refreshToken).toEqual(expect.any(String));

      const user = client.user!;
      await client.signOut();
      expect(client.user).toBeNull();
      expect(storage.values.size).toBe(0);
      await t.http.post('/auth/refresh').send({ refreshToken }).expect(401);
      const error = await failure(user.reload());
      expect(error).toMatchObject({ status: 401, code: 'NOT_SIGNED_IN' });
    });

    it('types the API errors: status, code and message', async () => {
      const email = uniqueEmail('sdk');
      await client.signUp({ email, password: GOOD_PASSWORD });
      const other = createUserKitClient({ baseUrl: t.baseUrl });

      const taken = await failure(other.signUp({ email, password: GOOD_PASSWORD }));
      expect(taken).toMatchObject({
        name: 'UserKitError',
        status: 409,
        code: 'EMAIL_TAKEN',
        message: 'This email address is already taken',
      });
      const wrong = await failure(other.signIn({ email, password: 'not-the-password-123' }));
      expect(wrong).toMatchObject({
        status: 401,
        code: 'INVALID_CREDENTIALS',
        message: 'Invalid email or password',
      });
      const weak = await failure(other.signUp({ email: uniqueEmail(), password: 'password' }));
      expect(weak.status).toBe(400);
      expect(weak.message).toMatch(/password/i);
      const unknownField = await failure(
        other.signUp({ email: uniqueEmail(), password: GOOD_PASSWORD, roles: ['admin'] } as never),
      );
      expect(unknownField).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(unknownField.messages).toContain('property roles should not exist');
      expect(other.user).toBeNull();
    });

    it('reports an unreachable API as a UserKitError with status 0', async () => {
      const port = await freePort();
      const offline = createUserKitClient({ baseUrl: `http://127.0.0.1:${port}` });
      const error = await failure(
        offline.signIn({ email: uniqueEmail(), password: GOOD_PASSWORD }),
      );
      expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    });

    it('refuses completeSignIn when no second factor is pending', async () => {
      const error = await failure(client.completeSignIn({ code: '123456' }));
      expect(error.code).toBe('NO_SIGN_IN_PENDING');
    });

    it('builds the OAuth start URL of the API', () => {
      const url = new URL(client.oauthUrl('google', 'https://app.example.com/after?x=1'));
      expect(`${url.origin}${url.pathname}`).toBe(`${t.baseUrl}/oauth/google`);
      expect(url.searchParams.get('redirect_url')).toBe('https://app.example.com/after?x=1');
    });
  });

  describe('anonymous users', () => {
    it('signs up anonymously, then upgrades to the same id with email and password', async () => {
      const anonymous = await client.signUpAnonymously();
      expect(anonymous).toMatchObject({
        isAnonymous: true,
        roles: ['anonymous'],
        primaryEmail: null,
      });
      const id = anonymous.id;
      const email = uniqueEmail('upgraded');
      const upgraded = await anonymous.upgrade({ email, password: GOOD_PASSWORD });
      expect(upgraded).toBe(anonymous);
      expect(upgraded).toMatchObject({
        id,
        isAnonymous: false,
        roles: ['user'],
        primaryEmail: email,
      });
      // The upgrade revoked the anonymous session: the client now holds the new one.
      await expect(upgraded.reload()).resolves.toMatchObject({ id, isAnonymous: false });
      const again = await createUserKitClient({ baseUrl: t.baseUrl }).signIn({
        email,
        password: GOOD_PASSWORD,
      });
      expect(again).toMatchObject({ twoFactorRequired: false, user: { id } });
      const notAnonymous = await failure(
        upgraded.upgrade({ email: uniqueEmail(), password: GOOD_PASSWORD }),
      );
      expect(notAnonymous).toMatchObject({ status: 400, code: 'NOT_ANONYMOUS' });
    });
  });

  describe('user.update and user.reload', () => {
    it('updates the profile, and reload shows changes made elsewhere', async () => {
      const email = uniqueEmail('sdk');
      const user = await client.signUp({ email, password: GOOD_PASSWORD });
      const updated = await user.update({
        displayName: 'Ada L.',
        unsafeMetadata: { theme: 'dark' },
      });
      expect(updated).toBe(user);
      expect(user).toMatchObject({ displayName: 'Ada L.', unsafeMetadata: { theme: 'dark' } });

      const elsewhere = createUserKitClient({ baseUrl: t.baseUrl });
      const result = await elsewhere.signIn({ email, password: GOOD_PASSWORD });
      if (result.twoFactorRequired) throw new Error('unexpected second factor');
      await result.user.update({ lastName: 'Lovelace', displayName: null });
      expect(user.lastName).toBeNull();
      await user.reload();
      expect(user).toMatchObject({ lastName: 'Lovelace', displayName: null });

      const refused = await failure(user.update({ roles: ['admin'] } as never));
      expect(refused).toMatchObject({ status: 400 });
      expect(refused.messages).toContain('property roles should not exist');
      const badPicture = await failure(user.update({ picture: 'javascript:alert(1)' }));
      expect(badPicture.messages).toContain('picture must be an http(s) URL');
    });

    it('calls other routes of the API (the host its own) with the session', async () => {
      const user = await client.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });
      await expect(client.request('GET', '/hello')).resolves.toMatchObject({ roles: ['user'] });
      await expect(client.getAccessToken()).resolves.toEqual(expect.any(String));
      await client.signOut();
      await expect(client.getAccessToken()).resolves.toBeNull();
      const error = await failure(client.request('GET', '/hello'));
      expect(error.status).toBe(401);
      expect(user.id).toEqual(expect.any(String));
    });
  });

  describe('storage', () => {
    it('resumes the session kept in storage (e.g. localStorage) in a new client', async () => {
      const storage = new MapWebStorage();
      const first = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
      const user = await first.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });
      const afterReload = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
      expect(afterReload.user).toBeNull();
      const restored = await afterReload.restore();
      expect(restored?.id).toBe(user.id);
      await expect(restored!.reload()).resolves.toMatchObject({ id: user.id });

      const empty = createUserKitClient({
        baseUrl: t.baseUrl,
        storage: webStorage(new MapWebStorage()),
      });
      await expect(empty.restore()).resolves.toBeNull();
    });

    it('lets two tabs sharing the storage restore at once: their refreshes take turns, the session lives', async () => {
      const storage = new MapWebStorage();
      const first = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
      const user = await first.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });
      const tabs = [1, 2].map(() =>
        createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) }),
      );
      const restored = await Promise.all(tabs.map((tab) => tab.restore()));
      expect(restored.map((each) => each?.id)).toEqual([user.id, user.id]);
      for (const each of restored)
        await expect(each!.reload()).resolves.toMatchObject({ id: user.id });
    });

    it('treats a stored token the API refuses as signed out, and clears it', async () => {
      for (const stored of ['garbage', 'a'.repeat(43)]) {
        const storage = new MapWebStorage();
        storage.setItem('userkit.refreshToken', stored);
        const stale = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
        await expect(stale.restore()).resolves.toBeNull();
        expect(storage.values.size).toBe(0);
      }
    });

    it('keeps the session in memory by default: a new client starts signed out', async () => {
      await client.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });
      await expect(createUserKitClient({ baseUrl: t.baseUrl }).restore()).resolves.toBeNull();
    });
  });

  describe('a revoked session', () => {
    it('refreshes once on a 401, then signs the client out and throws', async () => {
      const storage = new MapWebStorage();
      const recorder = recordingFetch();
      client = createUserKitClient({
        baseUrl: t.baseUrl,
        storage: webStorage(storage),
        fetch: recorder.fetch,
      });
      const user = await client.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });
      const changes: Array<string | null> = [];
      client.onChange((current) => changes.push(current?.id ?? null));
      // Signed out elsewhere (another tab, an admin): the access token dies with the session.
      await t.http
        .post('/auth/logout')
        .send({ refreshToken: storage.getItem('userkit.refreshToken') })
        .expect(204);
      recorder.calls.length = 0;

      const error = await failure(user.reload());
      expect(error).toMatchObject({ status: 401 });
      expect(recorder.calls).toEqual(['GET /me', 'POST /auth/refresh']);
      expect(client.user).toBeNull();
      expect(changes).toEqual([null]);
      expect(storage.values.size).toBe(0);
    });
  });
});

describe('@userkit/client refresh with short-lived access tokens', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp({ overrides: { accessTokenTtlSeconds: 3 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('parallel calls with an expired access token share one refresh, then all succeed', async () => {
    const recorder = recordingFetch();
    const client = createUserKitClient({ baseUrl: t.baseUrl, fetch: recorder.fetch });
    const user = await client.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });

    for (const round of [1, 2]) {
      await sleep(3_200); // past the 3 s lifetime of the access token
      recorder.calls.length = 0;
      const results = await Promise.all([
        user.reload(),
        user.reload(),
        client.request<{ roles: string[] }>('GET', '/hello'),
        user.update({ displayName: `Round ${round}` }),
        client.request('GET', '/me'),
      ]);
      expect(results[2]).toMatchObject({ roles: ['user'] });
      expect(recorder.calls.filter((call) => call === 'POST /auth/refresh')).toHaveLength(1);
      // Each call went out once with the expired token and once more after the refresh.
      expect(recorder.calls.filter((call) => call !== 'POST /auth/refresh')).toHaveLength(10);
    }
    // A second refresh with an already rotated token would have revoked the session.
    await expect(user.reload()).resolves.toMatchObject({ displayName: 'Round 2' });
  });
});
