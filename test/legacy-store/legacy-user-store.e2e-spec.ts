import { EventEmitter2 } from '@nestjs/event-emitter';
import { sql } from '../support/database-access.js';
import { LegacyMembersStore } from '../support/legacy-user-table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from '../support/users.js';

const LEGACY_PASSWORD = 'quartz-lantern-meadow-73';

/**
 * The lazy migration: a host's LegacyUserStore over its own table (`legacy_members`, scrypt
 * hashes) in the test database. A legacy user's first sign-in creates them here through the one
 * write path; from then on they are local.
 */
describe('LegacyUserStore: users move in on their first sign-in', () => {
  const store = new LegacyMembersStore();
  let t: TestApp;
  const created: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    t = await startTestApp({ overrides: { legacyUserStore: store } });
    store.app = t.app;
    await store.createTable();
    t.app.get(EventEmitter2).on('user.created', (event: Record<string, unknown>) => {
      created.push(event);
    });
  });
  afterEach(() => {
    store.failure = null;
    store.brokenProfile = undefined;
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string) =>
    t.http.post('/auth/login').send({ email, password });
  const usersWithEmail = (email: string) =>
    sql<{ user_id: string; verified: unknown }>(
      t.app,
      'select user_id, verified from userkit_email_addresses where normalized_email = ?',
      [email.toLowerCase()],
    );

  it('the first sign-in migrates: the profile as the store gives it, an argon2id hash, user.created source legacy; later sign-ins never ask the store', async () => {
    const email = uniqueEmail('legacy');
    await store.add({
      email,
      password: LEGACY_PASSWORD,
      given_name: 'Ada',
      family_name: 'Lovelace',
      email_confirmed: 1,
      plan: 'pro',
    });
    const mark = created.length;
    const first = await login(email.toUpperCase(), LEGACY_PASSWORD).expect(200);
    expect(first.body.user).toMatchObject({
      primaryEmail: email,
      firstName: 'Ada',
      lastName: 'Lovelace',
      publicMetadata: { plan: 'pro' },
      passwordEnabled: true,
      roles: ['user'],
    });
    expect(first.body.user.emailAddresses).toEqual([
      expect.objectContaining({ email, verified: true, primary: true }),
    ]);
    const userId = first.body.user.id as string;
    expect(created.slice(mark)).toEqual([
      { userId, isAnonymous: false, source: 'legacy', context: expect.any(Object) },
    ]);
    const [row] = await sql<{ password_hash: string; private_metadata: unknown }>(
      t.app,
      'select password_hash, private_metadata from userkit_users where id = ?',
      [userId],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const privateMetadata =
      typeof row.private_metadata === 'string'
        ? JSON.parse(row.private_metadata)
        : row.private_metadata;
    expect(privateMetadata).toEqual({ legacyId: expect.any(Number) });
    await t.http.get('/me').set(bearer(first.body.accessToken)).expect(200);

    // Local from now on: the store is not asked, even when it is down or forgot the user.
    const asked = store.calls.length;
    store.failure = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const second = await login(email, LEGACY_PASSWORD).expect(200);
    expect(second.body.user.id).toBe(userId);
    expect(store.calls.length).toBe(asked);
    expect(await usersWithEmail(email)).toHaveLength(1);
    expect(created.length).toBe(mark + 1);
  });

  it('an unconfirmed legacy address stays unverified; empty profile fields stay empty', async () => {
    const email = uniqueEmail('legacy-unconfirmed');
    await store.add({
      email,
      password: LEGACY_PASSWORD,
      given_name: null,
      family_name: null,
      email_confirmed: 0,
      plan: null,
    });
    const first = await login(email, LEGACY_PASSWORD).expect(200);
    expect(first.body.user.emailAddresses).toEqual([
      expect.objectContaining({ email, verified: false, primary: true }),
    ]);
    expect(first.body.user).toMatchObject({ firstName: null, publicMetadata: {} });
  });

  it('a wrong password, or an email the store does not know either: 401 as for any unknown email, nothing created', async () => {
    const email = uniqueEmail('legacy-wrong');
    await store.add({
      email,
      password: LEGACY_PASSWORD,
      given_name: 'Bob',
      family_name: null,
      email_confirmed: 1,
      plan: null,
    });
    const wrong = await login(email, 'not-the-legacy-password-1').expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    const unknown = await login(uniqueEmail('nobody'), LEGACY_PASSWORD).expect(401);
    expect(unknown.body).toEqual({ ...wrong.body });
    expect(await usersWithEmail(email)).toEqual([]);
    // The right password still migrates afterwards.
    await login(email, LEGACY_PASSWORD).expect(200);
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it('a store that is down, or throws: 503 LEGACY_STORE_UNAVAILABLE with Retry-After, never a 500 or a sign-in; local users sign in meanwhile', async () => {
    const email = uniqueEmail('legacy-down');
    await store.add({
      email,
      password: LEGACY_PASSWORD,
      given_name: 'Cy',
      family_name: null,
      email_confirmed: 1,
      plan: null,
    });
    const local = await signUp(t.http);
    for (const failure of [
      new Error('connect ECONNREFUSED 10.0.0.5:5432'),
      new TypeError("Cannot read properties of undefined (reading 'rows')"),
    ]) {
      store.failure = failure;
      const refused = await login(email, LEGACY_PASSWORD).expect(503);
      expect(refused.body).toMatchObject({ statusCode: 503, code: 'LEGACY_STORE_UNAVAILABLE' });
      expect(JSON.stringify(refused.body)).not.toMatch(/ECONNREFUSED|rows/);
      expect(refused.headers['retry-after']).toBe('5');
      await login(local.email, GOOD_PASSWORD).expect(200);
    }
    store.failure = null;
    store.brokenProfile = { firstName: 42 };
    await login(email, LEGACY_PASSWORD).expect(503);
    store.brokenProfile = { publicMetadata: ['not', 'an', 'object'] };
    await login(email, LEGACY_PASSWORD).expect(503);
    expect(await usersWithEmail(email)).toEqual([]);
    store.brokenProfile = undefined;
    await login(email, LEGACY_PASSWORD).expect(200);
  });

  it('concurrent first sign-ins of one legacy user: every one succeeds, as one user', async () => {
    const email = uniqueEmail('legacy-race');
    await store.add({
      email,
      password: LEGACY_PASSWORD,
      given_name: 'Dee',
      family_name: null,
      email_confirmed: 1,
      plan: null,
    });
    const mark = created.length;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => login(email, LEGACY_PASSWORD)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = new Set(answers.map((answer) => answer.body.user.id));
    expect(ids.size).toBe(1);
    expect(await usersWithEmail(email)).toHaveLength(1);
    expect(created.slice(mark).filter((event) => event.source === 'legacy')).toHaveLength(1);
  });

  it('guesses at a legacy account back off as at a local one: after 5 wrong passwords the store is not asked', async () => {
    const email = uniqueEmail('legacy-guess');
    await store.add({
      email,
      password: LEGACY_PASSWORD,
      given_name: null,
      family_name: null,
      email_confirmed: 1,
      plan: null,
    });
    for (let guess = 0; guess < 5; guess += 1)
      await login(email, `wrong-guess-number-${guess}-x`).expect(401);
    const asked = store.calls.length;
    const refused = await login(email, LEGACY_PASSWORD).expect(429);
    expect(refused.body.code).toBe('SIGN_IN_BACKOFF');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(store.calls.length).toBe(asked);
    expect(await usersWithEmail(email)).toEqual([]);
  });

  it('an address a local user holds is never looked up in the store', async () => {
    const local = await signUp(t.http);
    await store.add({
      email: local.email,
      password: LEGACY_PASSWORD,
      given_name: 'Shadow',
      family_name: null,
      email_confirmed: 1,
      plan: null,
    });
    const asked = store.calls.length;
    await login(local.email, LEGACY_PASSWORD).expect(401);
    await login(local.email, GOOD_PASSWORD).expect(200);
    expect(store.calls.length).toBe(asked);
  });
});
