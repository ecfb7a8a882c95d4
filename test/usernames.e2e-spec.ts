// Usernames (`identifiers.username`): set at sign-up, PATCH /me or by an admin, shown in every user
// view, searched by admins, and a way to sign in with the password at POST /auth/login — with the
// same answers and limits for an unknown username as for a wrong password.
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

let counter = 0;
/** A username unique within this process, in lower case. */
function uniqueUsername(prefix = 'user'): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}.${counter}`;
}

describe('usernames (identifiers.username optional)', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: {
        messageSender: inbox,
        identifiers: { email: 'required', username: 'optional' },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is set at sign-up (stored lower-cased), shown in the views, and signs in with the password in any case', async () => {
    const typed = `Ada_L.${Date.now().toString(36)}-X`;
    const account = await signUp(t.http, { username: typed });
    expect(account.user.username).toBe(typed.toLowerCase());
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.username).toBe(typed.toLowerCase());

    for (const username of [typed, typed.toLowerCase(), typed.toUpperCase()]) {
      const signedIn = await t.http
        .post('/auth/login')
        .send({ username, password: GOOD_PASSWORD })
        .expect(200);
      expect(signedIn.body.user).toMatchObject({
        id: account.user.id,
        username: typed.toLowerCase(),
      });
    }
    // The email still works, and a user without a username has `username: null`.
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: GOOD_PASSWORD })
      .expect(200);
    const plain = await signUp(t.http);
    expect(plain.user.username).toBeNull();

    const admin = await signInAdmin(t.http);
    const adminView = await t.http
      .get(`/admin/users/${account.user.id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(adminView.body.username).toBe(typed.toLowerCase());
  });

  it('answers an unknown username, a wrong password and a banned user with the same 401', async () => {
    const username = uniqueUsername('known');
    const account = await signUp(t.http, { username });
    const wrong = await t.http
      .post('/auth/login')
      .send({ username, password: 'not-the-password-17' })
      .expect(401);
    const unknown = await t.http
      .post('/auth/login')
      .send({ username: uniqueUsername('nobody'), password: GOOD_PASSWORD })
      .expect(401);
    const malformed = await t.http
      .post('/auth/login')
      .send({ username: 'no such name!', password: GOOD_PASSWORD })
      .expect(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid username or password',
      code: 'INVALID_CREDENTIALS',
    });
    expect(unknown.body).toEqual(wrong.body);
    expect(malformed.body).toEqual(wrong.body);

    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    const banned = await t.http
      .post('/auth/login')
      .send({ username, password: GOOD_PASSWORD })
      .expect(401);
    expect(banned.body).toEqual(wrong.body);
  });

  it('backs a client off after 5 failures, the same for an unknown username, and the account shares it whichever identifier is typed', async () => {
    const username = uniqueUsername('guessed');
    const account = await signUp(t.http, { username });
    const unknown = uniqueUsername('ghost');
    for (let i = 0; i < 5; i += 1) {
      await t.http
        .post('/auth/login')
        .send({ username, password: `wrong-guess-${i}-x` })
        .expect(401);
      await t.http
        .post('/auth/login')
        .send({ username: unknown, password: `wrong-guess-${i}-x` })
        .expect(401);
    }
    const known = await t.http
      .post('/auth/login')
      .send({ username, password: GOOD_PASSWORD })
      .expect(429);
    const ghost = await t.http
      .post('/auth/login')
      .send({ username: unknown, password: GOOD_PASSWORD })
      .expect(429);
    expect(known.body.code).toBe('SIGN_IN_BACKOFF');
    expect(ghost.body).toEqual(known.body);
    // The account's history is one: its email is backed off too.
    const byEmail = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: GOOD_PASSWORD })
      .expect(429);
    expect(byEmail.body.code).toBe('SIGN_IN_BACKOFF');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.http.post('/auth/login').send({ username, password: GOOD_PASSWORD }).expect(200);
  });

  it('is unique case-insensitively: sign-up, PATCH /me and the admin API answer 409', async () => {
    const username = uniqueUsername('taken');
    await signUp(t.http, { username });
    const again = await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, username: username.toUpperCase() })
      .expect(409);
    expect(again.body.code).toBe('USERNAME_TAKEN');

    const other = await signUp(t.http);
    const patched = await t.http
      .patch('/me')
      .set(bearer(other.accessToken))
      .send({ username: username.toUpperCase() })
      .expect(409);
    expect(patched.body.code).toBe('USERNAME_TAKEN');
    const admin = await signInAdmin(t.http);
    const byAdmin = await t.http
      .patch(`/admin/users/${other.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ username })
      .expect(409);
    expect(byAdmin.body.code).toBe('USERNAME_TAKEN');
    const created = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail(), username: username.toUpperCase() })
      .expect(409);
    expect(created.body.code).toBe('USERNAME_TAKEN');
    const me = await t.http.get('/me').set(bearer(other.accessToken)).expect(200);
    expect(me.body.username).toBeNull();
  });

  it('an admin creates a user with a username (stored lower-cased), who signs in with it', async () => {
    const admin = await signInAdmin(t.http);
    const typed = `${uniqueUsername('made')}-X`;
    const created = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail(), username: typed, password: GOOD_PASSWORD })
      .expect(201);
    expect(created.body.username).toBe(typed.toLowerCase());
    const signedIn = await t.http
      .post('/auth/login')
      .send({ username: typed, password: GOOD_PASSWORD })
      .expect(200);
    expect(signedIn.body.user.id).toBe(created.body.id);
    const invalid = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail(), username: 'no spaces allowed' })
      .expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });

  it('16 concurrent sign-ups of one username: exactly one 201, the others 409', async () => {
    const username = uniqueUsername('race');
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        t.http.post('/auth/signup').send({
          email: uniqueEmail('race'),
          password: GOOD_PASSWORD,
          username: index % 2 === 0 ? username : username.toUpperCase(),
        }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(15).fill(409)]);
    for (const response of responses.filter((each) => each.status === 409))
      expect(response.body.code).toBe('USERNAME_TAKEN');
    const [row] = await sql<{ count: number | string }>(
      t.app,
      'select count(*) as count from userkit_users where username = ?',
      [username],
    );
    expect(Number(row.count)).toBe(1);
  });

  it('is set, changed and removed through PATCH /me; the old one is free again', async () => {
    const account = await signUp(t.http);
    const auth = bearer(account.accessToken);
    const first = uniqueUsername('first');
    const set = await t.http
      .patch('/me')
      .set(auth)
      .send({ username: first.toUpperCase() })
      .expect(200);
    expect(set.body.username).toBe(first);
    const second = uniqueUsername('second');
    await t.http.patch('/me').set(auth).send({ username: second }).expect(200);
    await t.http.post('/auth/login').send({ username: first, password: GOOD_PASSWORD }).expect(401);
    await t.http
      .post('/auth/login')
      .send({ username: second, password: GOOD_PASSWORD })
      .expect(200);
    // The first is free: another user takes it.
    await signUp(t.http, { username: first });
    const removed = await t.http.patch('/me').set(auth).send({ username: null }).expect(200);
    expect(removed.body.username).toBeNull();
    await t.http
      .post('/auth/login')
      .send({ username: second, password: GOOD_PASSWORD })
      .expect(401);
  });

  it('admins see it in every view and find users by any part of it', async () => {
    const username = uniqueUsername('findme');
    const account = await signUp(t.http, { username });
    const admin = await signInAdmin(t.http);
    const part = username.slice(2, 12).toUpperCase();
    const found = await t.http
      .get('/admin/users')
      .query({ query: part })
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(found.body.data.map((user: { id: string }) => user.id)).toContain(account.user.id);
    expect(
      found.body.data.find((user: { id: string }) => user.id === account.user.id).username,
    ).toBe(username);
    const changed = uniqueUsername('renamed');
    const patched = await t.http
      .patch(`/admin/users/${account.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ username: changed })
      .expect(200);
    expect(patched.body.username).toBe(changed);
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['a space', 'ada lovelace'],
    ['an @', 'ada@example'],
    ['a letter outside a-z', 'adá'],
    ['a look-alike letter', 'аda'],
    ['a Kelvin sign (lower-cases to k)', '\u212Aelvin'],
    ['a NUL', 'ada\u0000x'],
    ['a lone surrogate', 'ada\ud800x'],
    ['a number', 12345],
    ['an object', { $ne: null }],
    ['an array', ['ada_l']],
  ])('refuses %s with 400 at sign-up and PATCH /me, never a 5xx', async (_, username) => {
    const refused = await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, username });
    expect(refused.status).toBe(400);
    const account = await signUp(t.http);
    const patched = await t.http.patch('/me').set(bearer(account.accessToken)).send({ username });
    expect(patched.status).toBe(400);
    const signIn = await t.http.post('/auth/login').send({ username, password: GOOD_PASSWORD });
    expect([400, 401]).toContain(signIn.status);
  });

  it('sign-in takes exactly one of email and username', async () => {
    const username = uniqueUsername('both');
    const account = await signUp(t.http, { username });
    const both = await t.http
      .post('/auth/login')
      .send({ email: account.email, username, password: GOOD_PASSWORD })
      .expect(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
    await t.http.post('/auth/login').send({ password: GOOD_PASSWORD }).expect(400);
  });

  it('the username keeps the password usable without an email address, and then cannot go', async () => {
    // A user whose only address goes keeps signing in with the username and password.
    const username = uniqueUsername('noemail');
    const account = await signUp(t.http, { username });
    const auth = bearer(account.accessToken);
    const [email] = (await t.http.get('/me').set(auth).expect(200)).body.emailAddresses;
    await t.http.delete(`/me/emails/${email.id}`).set(auth).expect(204);
    await t.http.post('/auth/login').send({ username, password: GOOD_PASSWORD }).expect(200);
    // Now the username is the last way in: it stays.
    const refused = await t.http.patch('/me').set(auth).send({ username: null }).expect(400);
    expect(refused.body.code).toBe('LAST_SIGN_IN_METHOD');
  });
});

describe('usernames required, email optional', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      overrides: {
        messageSender: new CapturingMessageSender(),
        identifiers: { email: 'optional', username: 'required' },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sign-up asks for the username and takes no email; the username cannot be removed', async () => {
    const missing = await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD })
      .expect(400);
    expect(missing.body.message).toEqual(['username is required']);
    const username = uniqueUsername('only');
    const created = await t.http
      .post('/auth/signup')
      .send({ username, password: GOOD_PASSWORD })
      .expect(201);
    expect(created.body.user).toMatchObject({ username, primaryEmail: null, emailAddresses: [] });
    await t.http.post('/auth/login').send({ username, password: GOOD_PASSWORD }).expect(200);
    const refused = await t.http
      .patch('/me')
      .set(bearer(created.body.accessToken))
      .send({ username: null })
      .expect(400);
    expect(refused.body.message).toEqual(['username is required']);
  });

  it('refuses a password that holds the username', async () => {
    const username = uniqueUsername('pwcheck');
    const weak = await t.http
      .post('/auth/signup')
      .send({ username, password: `${username}-2024` })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
  });
});

describe('usernames off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: { messageSender: new CapturingMessageSender() },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sign-up, PATCH /me and sign-in refuse a username with 400 IDENTIFIER_NOT_ACCEPTED', async () => {
    const signUpRefused = await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, username: uniqueUsername() })
      .expect(400);
    expect(signUpRefused.body.code).toBe('IDENTIFIER_NOT_ACCEPTED');
    const account = await signUp(t.http);
    const patched = await t.http
      .patch('/me')
      .set(bearer(account.accessToken))
      .send({ username: uniqueUsername() })
      .expect(400);
    expect(patched.body.code).toBe('IDENTIFIER_NOT_ACCEPTED');
    const signIn = await t.http
      .post('/auth/login')
      .send({ username: uniqueUsername(), password: GOOD_PASSWORD })
      .expect(400);
    expect(signIn.body.code).toBe('IDENTIFIER_NOT_ACCEPTED');
    expect(account.user.username).toBeNull();
    const admin = await signInAdmin(t.http);
    const created = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail(), username: uniqueUsername() })
      .expect(400);
    expect(created.body.code).toBe('IDENTIFIER_NOT_ACCEPTED');
  });

  it('refuses options that leave no identifier to type a password with', async () => {
    await expect(
      startTestApp({ overrides: { identifiers: { email: 'optional', username: 'optional' } } }),
    ).rejects.toThrow(/email or username must be 'required'/);
    await expect(
      startTestApp({ overrides: { identifiers: { email: 'yes' } as never } }),
    ).rejects.toThrow(/identifiers.email must be 'required', 'optional' or false/);
  });
});
