import { UserModuleOptionsError, resolveUserOptions } from '@userkit/user';
import { readSampleConfig } from '../apps/sample/src/sample-config.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp } from './support/users.js';

describe('the sample app', () => {
  it('keeps users and sessions across a restart on the same database', async () => {
    const database = await createTestDatabase();
    const first = await startTestApp({ database });
    const account = await signUp(first.http, { unsafeMetadata: { kept: true } });
    await first.close({ keepDatabase: true });

    const second = await startTestApp({ database });
    try {
      const me = await second.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: account.user.id, unsafeMetadata: { kept: true } });
      await second.http
        .post('/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      await second.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
    } finally {
      await second.close();
    }
  });

  it('makes sure ADMIN_EMAIL is an admin at start, also on a restart', async () => {
    const database = await createTestDatabase();
    const env = { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'sturdy-admin-passphrase-7' };
    const first = await startTestApp({ database, env });
    await first.close({ keepDatabase: true });
    const t = await startTestApp({ database, env });
    try {
      const login = await t.http
        .post('/auth/login')
        .send({ email: 'ROOT@example.com', password: env.ADMIN_PASSWORD })
        .expect(200);
      expect(login.body.user.roles).toEqual(['admin']);
      expect(login.body.user.emailAddresses[0].verified).toBe(true);
      await t.http.get('/hello/admin').set(bearer(login.body.accessToken)).expect(200);
    } finally {
      await t.close();
    }
  });

  it('serves the OpenAPI document with every route at /docs', async () => {
    const t = await startTestApp();
    try {
      const response = await t.http.get('/docs-json').expect(200);
      const paths = Object.keys(response.body.paths);
      for (const path of [
        '/auth/signup',
        '/auth/signup/anonymous',
        '/auth/login',
        '/auth/refresh',
        '/auth/logout',
        '/me',
      ]) {
        expect(paths).toContain(path);
      }
      expect(response.body.paths['/me'].get.security).toEqual([{ bearer: [] }]);
      await t.http.get('/docs').redirects(1).expect(200);
    } finally {
      await t.close();
    }
  });

  it('fails at start with a readable message for bad options', async () => {
    expect(() =>
      resolveUserOptions({
        tokenSecret: 'short',
        passwordPolicy: { minLength: 4 },
        defaultRole: 'nobody',
      }),
    ).toThrow(UserModuleOptionsError);
    try {
      resolveUserOptions({
        tokenSecret: 'short',
        passwordPolicy: { minLength: 4 },
        defaultRole: 'nobody',
      });
    } catch (error) {
      expect((error as Error).message).toContain(
        'tokenSecret must be a string of at least 32 characters',
      );
      expect((error as Error).message).toContain(
        'passwordPolicy.minLength must be an integer of at least 8',
      );
      expect((error as Error).message).toContain('defaultRole "nobody" is not a known role');
    }
    await expect(startTestApp({ overrides: { tokenSecret: 'too-short' } })).rejects.toThrow(
      /Invalid UserModule options:\n - tokenSecret must be a string of at least 32 characters/,
    );
  });

  it('reads its environment and refuses a half-set admin or an unknown database URL', () => {
    expect(() => readSampleConfig({ ADMIN_EMAIL: 'a@example.com' })).toThrow(
      /ADMIN_EMAIL and ADMIN_PASSWORD go together/,
    );
    const config = readSampleConfig({
      JWT_SECRET: 'x'.repeat(40),
      PORT: '4000',
      OAUTH_REDIRECT_ALLOWLIST: 'http://a.test/cb, http://b.test',
    });
    expect(config).toMatchObject({
      port: 4000,
      publicUrl: 'http://localhost:4000',
      redirectAllowList: ['http://a.test/cb', 'http://b.test'],
    });
    expect(() => readSampleConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads the failure settings: rate limits without Redis, the pool deadline, the shutdown', () => {
    expect(readSampleConfig({ JWT_SECRET: 'x'.repeat(40) })).toMatchObject({
      rateLimitFailure: 'closed',
      databasePool: { size: 10, timeoutMs: 5000 },
      shutdown: { readinessDelayMs: 5000, gracePeriodMs: 25_000 },
    });
    expect(
      readSampleConfig({
        JWT_SECRET: 'x'.repeat(40),
        RATE_LIMIT_FAILURE: 'open',
        DATABASE_POOL_SIZE: '4',
        DATABASE_POOL_TIMEOUT_MS: '2000',
        SHUTDOWN_READINESS_DELAY_MS: '0',
        SHUTDOWN_GRACE_PERIOD_MS: '8000',
      }),
    ).toMatchObject({
      rateLimitFailure: 'open',
      databasePool: { size: 4, timeoutMs: 2000 },
      shutdown: { readinessDelayMs: 0, gracePeriodMs: 8000 },
    });
    expect(() => readSampleConfig({ RATE_LIMIT_FAILURE: 'maybe' })).toThrow(/RATE_LIMIT_FAILURE/);
    expect(() => readSampleConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => readSampleConfig({ SHUTDOWN_GRACE_PERIOD_MS: '1.5' })).toThrow(
      /SHUTDOWN_GRACE_PERIOD_MS/,
    );
  });

  it('refuses an ADMIN_PASSWORD that breaks the password policy', async () => {
    await expect(
      startTestApp({ env: { ADMIN_EMAIL: 'root2@example.com', ADMIN_PASSWORD: 'password' } }),
    ).rejects.toThrow(/ADMIN_EMAIL\/ADMIN_PASSWORD could not be applied: .*password is too common/);
  });

  it('signs in with the good password after a failed one', async () => {
    const t = await startTestApp();
    try {
      const account = await signUp(t.http);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: `${GOOD_PASSWORD}x` })
        .expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: GOOD_PASSWORD })
        .expect(200);
    } finally {
      await t.close();
    }
  });
});
