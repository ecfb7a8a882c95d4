// @userkit/react's provider and hooks in jsdom (React Testing Library) against the sample app
// listening on a real port: the client's real fetch, no mocked HTTP.
import { jest } from '@jest/globals';
import { createUserKitClient, webStorage, type UserKitClient } from '@userkit/client';
import { createElement, type ReactNode } from 'react';
import {
  recordingFetch,
  startListeningTestApp,
  MapWebStorage,
  type ListeningTestApp,
} from '../support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from '../support/users.js';
import { installDom } from './support/dom.js';

const dom = installDom('http://127.0.0.1/');
const { act, cleanup, render, renderHook, screen, waitFor } =
  await import('@testing-library/react');
const {
  Protect,
  SignedIn,
  SignedOut,
  UserKitProvider,
  useAuth,
  useSessionList,
  useSignIn,
  useSignUp,
  useUser,
} = await import('@userkit/react');

const { renderToString } = await import('react-dom/server');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function providerFor(client: UserKitClient, options: { refreshBeforeExpiry?: boolean } = {}) {
  return ({ children }: { children?: ReactNode }) =>
    createElement(UserKitProvider, { client, ...options }, children);
}

afterEach(() => cleanup());
afterAll(() => dom.window.close());

describe('@userkit/react hooks', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('useUser re-renders after user.update, and the sign-up of useSignUp signs every hook in', async () => {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const { result } = renderHook(
      () => {
        const { isLoaded, isSignedIn, user } = useUser();
        const auth = useAuth();
        return {
          isLoaded,
          isSignedIn,
          name: user?.displayName ?? null,
          user,
          userId: auth.userId,
          roles: auth.roles,
          signUp: useSignUp(),
        };
      },
      { wrapper: providerFor(client) },
    );
    expect(result.current.isSignedIn).toBe(false);
    await waitFor(() => expect(result.current.isLoaded).toBe(true));
    expect(result.current.isSignedIn).toBe(false);

    const email = uniqueEmail('react-hooks');
    await act(() =>
      result.current.signUp.signUp({ email, password: GOOD_PASSWORD, displayName: 'Ada' }),
    );
    expect(result.current.isSignedIn).toBe(true);
    expect(result.current.name).toBe('Ada');
    expect(result.current.userId).toBe(client.user?.id);
    expect(result.current.roles).toEqual(client.user?.roles);

    await act(() => result.current.user!.update({ displayName: 'Ada Lovelace' }));
    expect(result.current.name).toBe('Ada Lovelace');
    // What the hook shows is what the API now holds.
    const me = await t.http
      .get('/me')
      .set('Authorization', `Bearer ${await client.getAccessToken()}`)
      .expect(200);
    expect(me.body.displayName).toBe('Ada Lovelace');
  });

  it('restores a stored session on load, and useSignIn signs in', async () => {
    const email = uniqueEmail('react-restore');
    await createUserKitClient({ baseUrl: t.baseUrl }).signUp({ email, password: GOOD_PASSWORD });
    const storage = new MapWebStorage();
    const first = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    const signIn = renderHook(() => ({ signIn: useSignIn(), user: useUser() }), {
      wrapper: providerFor(first),
    });
    await waitFor(() => expect(signIn.result.current.user.isLoaded).toBe(true));
    const outcome = await act(() =>
      signIn.result.current.signIn.signIn({ email, password: GOOD_PASSWORD }),
    );
    expect(outcome.twoFactorRequired).toBe(false);
    expect(signIn.result.current.user.user?.primaryEmail).toBe(email);
    signIn.unmount();

    // A page load: a new client over the same storage.
    const reloaded = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    const { result } = renderHook(() => useUser(), { wrapper: providerFor(reloaded) });
    await waitFor(() => expect(result.current.isLoaded).toBe(true));
    expect(result.current.isSignedIn).toBe(true);
    expect(result.current.user?.primaryEmail).toBe(email);
  });

  it('hydrates the server-rendered signed-out markup, then shows the restored session', async () => {
    const storage = new MapWebStorage();
    const signedUp = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    await signedUp.signUp({ email: uniqueEmail('react-hydrate'), password: GOOD_PASSWORD });
    const tree = (client: UserKitClient) =>
      createElement(
        UserKitProvider,
        { client },
        createElement(SignedIn, null, createElement('p', null, 'welcome back')),
        createElement(SignedOut, null, createElement('p', null, 'please sign in')),
      );
    // The server knows no session: it renders the signed-out state.
    const html = renderToString(tree(createUserKitClient({ baseUrl: t.baseUrl })));
    expect(html).toContain('please sign in');
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);

    const reportedErrors: unknown[] = [];
    const consoleError = jest.spyOn(console, 'error').mockImplementation((...args) => {
      reportedErrors.push(args);
    });
    try {
      // The browser hydrates that markup with a client whose storage holds the session.
      const browserClient = createUserKitClient({
        baseUrl: t.baseUrl,
        storage: webStorage(storage),
      });
      render(tree(browserClient), { container, hydrate: true });
      await screen.findByText('welcome back');
      expect(screen.queryByText('please sign in')).toBeNull();
    } finally {
      consoleError.mockRestore();
    }
    expect(reportedErrors).toEqual([]); // no hydration mismatch
  });

  it('sign-out through useAuth clears every hook and control component', async () => {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    await client.signUp({ email: uniqueEmail('react-signout'), password: GOOD_PASSWORD });
    function Everything() {
      const user = useUser();
      const auth = useAuth();
      const sessions = useSessionList();
      return createElement(
        'div',
        null,
        createElement('p', null, `user:${user.user?.id ?? 'none'}`),
        createElement('p', null, `auth:${auth.isSignedIn}:${auth.userId ?? 'none'}`),
        createElement('p', null, `sessions:${sessions.isLoaded}:${sessions.sessions.length}`),
        createElement(SignedIn, null, createElement('p', null, 'signed-in content')),
        createElement(SignedOut, null, createElement('p', null, 'signed-out content')),
        createElement(
          Protect,
          { role: 'user', fallback: createElement('p', null, 'protected fallback') },
          createElement('p', null, 'protected content'),
        ),
        createElement(
          Protect,
          { role: 'admin', fallback: createElement('p', null, 'admins only') },
          createElement('p', null, 'admin content'),
        ),
        createElement('button', { onClick: () => void auth.signOut() }, 'Sign out'),
      );
    }
    render(createElement(UserKitProvider, { client }, createElement(Everything)));
    await screen.findByText(`user:${client.user!.id}`);
    await screen.findByText('sessions:true:1');
    screen.getByText(`auth:true:${client.user!.id}`);
    screen.getByText('signed-in content');
    expect(screen.queryByText('signed-out content')).toBeNull();
    expect(screen.getByText(/^protected (content|fallback)$/).textContent).toBe(
      client.user!.roles.includes('user') ? 'protected content' : 'protected fallback',
    );
    screen.getByText('admins only');

    await act(async () => screen.getByText('Sign out').click());
    await screen.findByText('user:none');
    screen.getByText('auth:false:none');
    await screen.findByText('sessions:true:0');
    screen.getByText('signed-out content');
    expect(screen.queryByText('signed-in content')).toBeNull();
    screen.getByText('protected fallback');
  });

  it('a sign-out in one tab signs the other tabs out; a sign-in there signs them in', async () => {
    // Two tabs: two clients sharing the origin's localStorage, each under its own provider.
    const shared = new MapWebStorage();
    const tabA = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(shared) });
    const tabB = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(shared) });
    const a = renderHook(() => ({ user: useUser(), auth: useAuth() }), {
      wrapper: providerFor(tabA),
    });
    const b = renderHook(() => useUser(), { wrapper: providerFor(tabB) });
    await waitFor(() => expect(b.result.current.isLoaded).toBe(true));
    expect(b.result.current.isSignedIn).toBe(false);

    await act(() => tabA.signUp({ email: uniqueEmail('react-tabs'), password: GOOD_PASSWORD }));
    await waitFor(() => expect(b.result.current.user?.id).toBe(tabA.user!.id));

    await act(() => a.result.current.auth.signOut());
    expect(a.result.current.user.isSignedIn).toBe(false);
    await waitFor(() => expect(b.result.current.isSignedIn).toBe(false));
    expect(tabB.user).toBeNull();
  });
});

describe('@userkit/react tokens with short-lived access tokens', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp({ overrides: { accessTokenTtlSeconds: 3 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('getToken refreshes an expired token once for concurrent callers', async () => {
    const recorder = recordingFetch();
    const client = createUserKitClient({ baseUrl: t.baseUrl, fetch: recorder.fetch });
    await client.signUp({ email: uniqueEmail('react-token'), password: GOOD_PASSWORD });
    const { result } = renderHook(() => useAuth(), {
      wrapper: providerFor(client, { refreshBeforeExpiry: false }),
    });
    await waitFor(() => expect(result.current.isLoaded).toBe(true));
    const before = await result.current.getToken();
    expect(before).toEqual(expect.any(String));

    await sleep(3_500); // the access token has expired
    recorder.calls.length = 0;
    const tokens = await act(() =>
      Promise.all([
        result.current.getToken(),
        result.current.getToken(),
        result.current.getToken(),
        result.current.getToken(),
      ]),
    );
    expect(recorder.calls).toEqual(['POST /auth/refresh']);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
    // The fresh token is accepted by the API.
    await t.http.get('/me').set('Authorization', `Bearer ${tokens[0]}`).expect(200);
    // A token template's JWT, through the same fresh session.
    await sleep(3_500);
    recorder.calls.length = 0;
    const [one, two] = await act(() =>
      Promise.all([result.current.getToken('demo'), result.current.getToken('demo')]),
    );
    expect(recorder.calls.filter((call) => call === 'POST /auth/refresh')).toHaveLength(1);
    expect(one?.split('.')).toHaveLength(3);
    expect(two?.split('.')).toHaveLength(3);
  });

  it('the provider refreshes the session before the access token expires', async () => {
    const recorder = recordingFetch();
    const client = createUserKitClient({ baseUrl: t.baseUrl, fetch: recorder.fetch });
    await client.signUp({ email: uniqueEmail('react-early'), password: GOOD_PASSWORD });
    const first = await client.getAccessToken();
    const { result } = renderHook(() => useAuth(), { wrapper: providerFor(client) });
    await waitFor(() => expect(result.current.isLoaded).toBe(true));
    // With no call of its own, a new token arrives before the 3 s one runs out.
    const deadline = Date.now() + 3_000;
    while ((await client.getAccessToken()) === first && Date.now() < deadline) await sleep(50);
    expect(await client.getAccessToken()).not.toBe(first);
    expect(recorder.calls.filter((call) => call === 'POST /auth/refresh')).toHaveLength(1);
    expect(result.current.isSignedIn).toBe(true);
  });
});
