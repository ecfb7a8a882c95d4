import { createUserKitClient, UserKitError } from '@userkit/client';
import { startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

// The sample's PUBLIC_URL in tests (test/support/test-app.ts): the app's own origin.
const OWN_ORIGIN = 'http://127.0.0.1:3000';
const COOKIE_MODE = { 'X-UserKit-Session': 'cookie', Origin: OWN_ORIGIN };

/** The `userkit_refresh` Set-Cookie line of a response, or undefined. */
function refreshSetCookie(headers: Record<string, unknown>): string | undefined {
  const lines = ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []);
  return lines.find((line) => line.startsWith('userkit_refresh='));
}

/** `userkit_refresh=<value>`: what the browser sends back. */
function cookiePair(setCookie: string | undefined): string {
  if (!setCookie) throw new Error('no userkit_refresh cookie was set');
  return setCookie.split(';')[0];
}

describe('cookie session of the prebuilt pages (ui)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function signUpInCookieMode() {
    const email = uniqueEmail('cookie');
    const response = await t.http
      .post('/auth/signup')
      .set(COOKIE_MODE)
      .send({ email, password: GOOD_PASSWORD });
    expect(response.status).toBe(201);
    return { email, response };
  }

  it('sign-up with X-UserKit-Session: cookie sets an httpOnly, SameSite=Strict cookie under the UI path; the body has no refresh token', async () => {
    const { response } = await signUpInCookieMode();
    expect(response.body.refreshToken).toBeUndefined();
    expect(typeof response.body.accessToken).toBe('string');
    expect(response.body.user.primaryEmail).toMatch(/^cookie\./);
    const setCookie = refreshSetCookie(response.headers);
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\/account\/session(;|$)/);
    // http publicUrl: not Secure (the browser would drop it on plain http).
    expect(setCookie).not.toMatch(/; Secure/i);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refresh by the cookie rotates it; the old one reused revokes the session', async () => {
    const { response } = await signUpInCookieMode();
    const first = cookiePair(refreshSetCookie(response.headers));

    const refreshed = await t.http
      .post('/account/session/refresh')
      .set(COOKIE_MODE)
      .set('Cookie', first);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    expect(refreshed.body.user.id).toBe(response.body.user.id);
    const second = cookiePair(refreshSetCookie(refreshed.headers));
    expect(second).not.toBe(first);
    const me = await t.http.get('/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`);
    expect(me.status).toBe(200);

    const reused = await t.http
      .post('/account/session/refresh')
      .set(COOKIE_MODE)
      .set('Cookie', first);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_REUSED' });
    // The refused cookie is cleared.
    expect(refreshSetCookie(reused.headers)).toMatch(/Max-Age=0/);
    // Reuse killed the whole session: the rotated cookie is dead too.
    const after = await t.http
      .post('/account/session/refresh')
      .set(COOKIE_MODE)
      .set('Cookie', second);
    expect(after.status).toBe(401);
  });

  it('refuses the cookie routes without the custom header, from another Origin or without one (403 JSON)', async () => {
    const { response } = await signUpInCookieMode();
    const cookie = cookiePair(refreshSetCookie(response.headers));
    const noHeader = await t.http
      .post('/account/session/refresh')
      .set('Origin', OWN_ORIGIN)
      .set('Cookie', cookie);
    expect(noHeader.status).toBe(403);
    expect(noHeader.body).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    expect(noHeader.body.message).toMatch(/x-userkit-session/i);

    const foreign = await t.http
      .post('/account/session/refresh')
      .set({ 'X-UserKit-Session': 'cookie', Origin: 'https://evil.example' })
      .set('Cookie', cookie);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/evil\.example/);

    const noOrigin = await t.http
      .post('/account/session/logout')
      .set('X-UserKit-Session', 'cookie')
      .set('Cookie', cookie);
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.message).toMatch(/Origin/);

    // A cross-site page may not sign the browser in (login CSRF) either.
    const login = await t.http
      .post('/auth/login')
      .set({ 'X-UserKit-Session': 'cookie', Origin: 'https://evil.example' })
      .send({ email: response.body.user.primaryEmail, password: GOOD_PASSWORD });
    expect(login.status).toBe(403);
    expect(refreshSetCookie(login.headers)).toBeUndefined();

    // None of these spent the cookie.
    const still = await t.http
      .post('/account/session/refresh')
      .set(COOKIE_MODE)
      .set('Cookie', cookie);
    expect(still.status).toBe(200);
  });

  it('refresh without a cookie is 401; a body is refused with 400', async () => {
    const none = await t.http.post('/account/session/refresh').set(COOKIE_MODE);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'NOT_SIGNED_IN' });
    const body = await t.http
      .post('/account/session/refresh')
      .set(COOKIE_MODE)
      .send({ refreshToken: 'x' });
    expect(body.status).toBe(400);
    expect(JSON.stringify(body.body.message)).toMatch(/refreshToken should not exist/);
  });

  it('logout revokes the session and clears the cookie', async () => {
    const { response } = await signUpInCookieMode();
    const cookie = cookiePair(refreshSetCookie(response.headers));
    const out = await t.http.post('/account/session/logout').set(COOKIE_MODE).set('Cookie', cookie);
    expect(out.status).toBe(204);
    expect(refreshSetCookie(out.headers)).toMatch(/Max-Age=0/);
    const me = await t.http.get('/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.status).toBe(401);
    const refreshed = await t.http
      .post('/account/session/refresh')
      .set(COOKIE_MODE)
      .set('Cookie', cookie);
    expect(refreshed.status).toBe(401);
  });

  it('login and 2FA-less sign-in without the header still answer the refresh token in the body', async () => {
    const { email } = await signUpInCookieMode();
    const login = await t.http.post('/auth/login').send({ email, password: GOOD_PASSWORD });
    expect(login.status).toBe(200);
    expect(typeof login.body.refreshToken).toBe('string');
    expect(refreshSetCookie(login.headers)).toBeUndefined();
    const cookieLogin = await t.http
      .post('/auth/login')
      .set(COOKIE_MODE)
      .send({ email, password: GOOD_PASSWORD });
    expect(cookieLogin.status).toBe(200);
    expect(cookieLogin.body.refreshToken).toBeUndefined();
    expect(refreshSetCookie(cookieLogin.headers)).toBeDefined();
  });

  it('serves the pages under /account with a strict CSP and an SPA fallback', async () => {
    const page = await t.http.get('/account/profile');
    // The assets exist after `npm run build`; from the sources the route still answers.
    if (page.status === 200) {
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
      expect(page.text).toContain('<base href="/account/"');
    } else {
      expect(page.status).toBe(404);
      expect(page.body.message).toMatch(/npm run build/);
    }
    const missing = await t.http.get('/account/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
  });
});

describe('cookie session with an https publicUrl', () => {
  it('marks the cookie Secure', async () => {
    const t = await startTestApp({ env: { PUBLIC_URL: 'https://app.example.com' } });
    try {
      const response = await t.http
        .post('/auth/signup')
        .set({ 'X-UserKit-Session': 'cookie', Origin: 'https://app.example.com' })
        .send({ email: uniqueEmail('secure'), password: GOOD_PASSWORD });
      expect(response.status).toBe(201);
      expect(refreshSetCookie(response.headers)).toMatch(/; Secure/i);
    } finally {
      await t.close();
    }
  });
});

describe('without ui', () => {
  it('has no cookie routes and no pages; the header changes nothing', async () => {
    const t = await startTestApp({ env: { UI: 'off' } });
    try {
      const refresh = await t.http.post('/account/session/refresh').set(COOKIE_MODE);
      expect(refresh.status).toBe(404);
      const logout = await t.http.post('/account/session/logout').set(COOKIE_MODE);
      expect(logout.status).toBe(404);
      const page = await t.http.get('/account/sign-in');
      expect(page.status).toBe(404);
      const signUp = await t.http
        .post('/auth/signup')
        .set(COOKIE_MODE)
        .send({ email: uniqueEmail('noui'), password: GOOD_PASSWORD });
      expect(signUp.status).toBe(201);
      expect(typeof signUp.body.refreshToken).toBe('string');
      expect(refreshSetCookie(signUp.headers)).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

/** A fetch with a cookie jar that sends Origin like a browser page of the app would. */
function browserLikeFetch(origin: string): { fetch: typeof fetch; jar: Map<string, string> } {
  const jar = new Map<string, string>();
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    headers.set('Origin', origin);
    const cookies = [...jar.entries()]
      .filter(([name]) => name === 'userkit_refresh' && url.pathname.startsWith('/account/session'))
      .map(([name, value]) => `${name}=${value}`);
    if (cookies.length > 0) headers.set('Cookie', cookies.join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (/Max-Age=0/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return { fetch: wrapped, jar };
}

describe("@userkit/client session: 'cookie'", () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps no refresh token itself, restores from the cookie, signs out through the cookie route', async () => {
    const browser = browserLikeFetch(t.baseUrl);
    const stored = new Map<string, string>();
    const storage = {
      get: (key: string) => stored.get(key),
      set: (key: string, value: string) => void stored.set(key, value),
      remove: (key: string) => void stored.delete(key),
    };
    const options = {
      baseUrl: t.baseUrl,
      session: 'cookie' as const,
      sessionUrl: `${t.baseUrl}/account/session`,
      fetch: browser.fetch,
      storage,
    };
    const client = createUserKitClient(options);
    const user = await client.signUp({ email: uniqueEmail('sdkcookie'), password: GOOD_PASSWORD });
    expect(stored.size).toBe(0);
    expect(browser.jar.get('userkit_refresh')).toMatch(/.+/);

    // A page reload: a new client with only the cookie.
    const reloaded = createUserKitClient(options);
    const restored = await reloaded.restore();
    expect(restored?.id).toBe(user.id);
    expect((await reloaded.request<{ id: string }>('GET', '/me')).id).toBe(user.id);

    await reloaded.signOut();
    expect(reloaded.user).toBeNull();
    expect(browser.jar.has('userkit_refresh')).toBe(false);
    const again = createUserKitClient(options);
    expect(await again.restore()).toBeNull();
    await expect(again.request('GET', '/me')).rejects.toBeInstanceOf(UserKitError);
  });
});
