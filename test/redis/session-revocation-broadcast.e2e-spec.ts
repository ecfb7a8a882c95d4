import { ADMIN_ENV, signInAdmin } from '../support/admin.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer } from '../support/users.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stateless sessions on two instances sharing one database and one Redis: the sample wires
 * RedisSessionRevocationBroadcast when REDIS_URL is set. The access tokens live a minute, so a
 * refusal within the test can only come from the broadcast, not from the token's expiry.
 */
describe('stateless sessions: the revocation broadcast over Redis', () => {
  let redis: TestRedis;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startTestRedis();
    database = await createTestDatabase();
    const env = { ...ADMIN_ENV, REDIS_URL: redis.url, SESSION_VALIDATION: 'stateless' };
    a = await startTestApp({ database, env, overrides: { accessTokenTtlSeconds: 60 } });
    b = await startTestApp({ database, env, overrides: { accessTokenTtlSeconds: 60 } });
  });
  afterAll(async () => {
    await a.close({ keepDatabase: true });
    await b.close();
    await redis.stop();
  });

  /** Polls `/hello/admin` on `app` until 401, for at most `withinMs`; the time it took. */
  async function refusedWithin(app: TestApp, accessToken: string, withinMs: number) {
    const since = Date.now();
    for (;;) {
      const status = (await app.http.get('/hello/admin').set(bearer(accessToken))).status;
      if (status === 401) return Date.now() - since;
      expect(status).toBe(200);
      if (Date.now() - since > withinMs) throw new Error(`still accepted after ${withinMs} ms`);
      await sleep(20);
    }
  }

  it('a logout on one instance is refused on the other as soon as the message arrives', async () => {
    const admin = await signInAdmin(a.http);
    await a.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(200);
    await b.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(200);
    await a.http.post('/auth/logout').send({ refreshToken: admin.refreshToken }).expect(204);
    // The instance that revoked refuses at once; the other within the broker's delivery time.
    await a.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(401);
    expect(await refusedWithin(b, admin.accessToken, 5_000)).toBeLessThan(5_000);
  });

  it("ending all of a user's sessions (an admin's DELETE) reaches every instance", async () => {
    const admin = await signInAdmin(a.http);
    const other = await signInAdmin(b.http);
    await b.http.get('/hello/admin').set(bearer(other.accessToken)).expect(200);
    await a.http
      .delete(`/admin/users/${admin.id}/sessions`)
      .set(bearer(admin.accessToken))
      .expect(204);
    expect(await refusedWithin(b, other.accessToken, 5_000)).toBeLessThan(5_000);
    expect(await refusedWithin(a, other.accessToken, 5_000)).toBeLessThan(5_000);
  });

  it('a session that was not revoked keeps working on both instances', async () => {
    const admin = await signInAdmin(b.http);
    await a.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(200);
    await b.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(200);
  });
});
