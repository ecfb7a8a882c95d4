// `npm run test:scale`: two sample-app processes on 127.0.0.1 sharing one PostgreSQL and one
// Redis, driven through HTTP. Whatever one instance decides (rotation, logout, roles, rate
// limits), the other honours on the very next request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startThrowawayPostgres } from '../../scripts/throwaway-postgres.js';
import { startThrowawayRedis } from '../../scripts/throwaway-redis.js';
import { createDatabase, startInstance } from '../support/instances.js';

const ADMIN = { email: 'scale.admin@example.com', password: 'scale-admin-passphrase-9' };
const USER = { email: 'scale.user@example.com', password: 'scale-user-passphrase-4' };

// Each test speaks from its own client address (X-Forwarded-For, believed from the loopback
// because TRUSTED_PROXIES says so), so rate-limit buckets never leak from one test into another
// whatever the timing on a loaded machine.
async function call(instance, method, path, { body, token, from = '198.51.100.1' } = {}) {
  const response = await fetch(`${instance.base}${path}`, {
    method,
    headers: {
      'x-forwarded-for': from,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
}

let postgres;
let redis;
let a;
let b;

before(async () => {
  postgres = await startThrowawayPostgres();
  redis = await startThrowawayRedis();
  const databaseUrl = await createDatabase(postgres.url, 'userkit_scale');
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    JWT_SECRET: 'scale-test-secret-scale-test-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT: 'on',
    TRUSTED_PROXIES: '127.0.0.1',
  };
  // One after the other: both run the migrations and declare roles; the second finds them done.
  a = await startInstance(env);
  b = await startInstance(env);
});

after(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
  await postgres?.stop();
});

let tokens;
let userId;

test('a session signed in on A refreshes on B and reads on both', async () => {
  const signUp = await call(a, 'POST', '/auth/signup', { body: USER });
  assert.equal(signUp.status, 201);
  userId = signUp.body.user.id;
  const signIn = await call(a, 'POST', '/auth/login', { body: USER });
  assert.equal(signIn.status, 200);
  assert.equal(signIn.body.user.id, userId);
  const refreshed = await call(b, 'POST', '/auth/refresh', {
    body: { refreshToken: signIn.body.refreshToken },
  });
  assert.equal(refreshed.status, 200);
  tokens = refreshed.body;
  for (const instance of [a, b]) {
    const me = await call(instance, 'GET', '/me', { token: tokens.accessToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, userId);
  }
  // The spent token is spent everywhere: replaying it on A revokes the session B rotated.
  const replay = await call(a, 'POST', '/auth/refresh', {
    body: { refreshToken: signIn.body.refreshToken },
  });
  assert.equal(replay.status, 401);
  assert.equal((await call(b, 'GET', '/me', { token: tokens.accessToken })).status, 401);
});

test('a role change made on A applies on B at the next request, with the old access token', async () => {
  const login = await call(b, 'POST', '/auth/login', { body: USER, from: '198.51.100.2' });
  assert.equal(login.status, 200);
  tokens = login.body;
  assert.equal((await call(b, 'GET', '/hello/admin', { token: tokens.accessToken })).status, 403);
  const admin = await call(a, 'POST', '/auth/login', { body: ADMIN, from: '198.51.100.2' });
  assert.equal(admin.status, 200);
  const changed = await call(a, 'PUT', `/admin/users/${userId}/roles`, {
    token: admin.body.accessToken,
    body: { roles: ['user', 'admin'] },
  });
  assert.equal(changed.status, 200);
  assert.equal((await call(b, 'GET', '/hello/admin', { token: tokens.accessToken })).status, 200);
});

test('a logout on A refuses the access token on B at the next request', async () => {
  assert.equal((await call(b, 'GET', '/me', { token: tokens.accessToken })).status, 200);
  assert.equal(
    (await call(a, 'POST', '/auth/logout', { body: { refreshToken: tokens.refreshToken } })).status,
    204,
  );
  assert.equal((await call(b, 'GET', '/me', { token: tokens.accessToken })).status, 401);
});

test('throttling counts across both instances', async () => {
  // Sign-in allows 3 per 10 s per address: three tries spread over A and B use the allowance,
  // the fourth is refused on whichever instance it reaches.
  const from = '198.51.100.3';
  const wrong = { email: 'nobody.scale@example.com', password: 'not-the-password-0' };
  for (const instance of [a, b, a])
    assert.equal((await call(instance, 'POST', '/auth/login', { body: wrong, from })).status, 401);
  for (const instance of [b, a]) {
    const limited = await call(instance, 'POST', '/auth/login', { body: wrong, from });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  }
  // The count is per address: another client is still let through on the same instances.
  const other = await call(b, 'POST', '/auth/login', { body: wrong, from: '198.51.100.4' });
  assert.equal(other.status, 401);
});
