import { Redis } from 'ioredis';
import { RedisThrottlerStorage } from '@userkit/user';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniqueEmail } from '../support/users.js';

const WRONG = 'definitely-not-it-42';

describe('rate limits shared through Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('RedisThrottlerStorage admits exactly the limit of 50 concurrent hits, then blocks with a TTL', async () => {
    const client = new Redis(redis.url);
    try {
      const storage = new RedisThrottlerStorage(client, `test:${Date.now()}:`);
      const records = await Promise.all(
        Array.from({ length: 50 }, () => storage.increment('k', 10_000, 3, 5_000, 'burst')),
      );
      expect(records.filter((record) => !record.isBlocked)).toHaveLength(3);
      const blocked = records.find((record) => record.isBlocked)!;
      expect(blocked.timeToBlockExpire).toBeGreaterThan(0);
      expect(blocked.timeToBlockExpire).toBeLessThanOrEqual(5);
    } finally {
      await client.quit();
    }
  });

  it('fails closed: with Redis gone, rate-limited routes answer 503 with Retry-After', async () => {
    const lost = await startTestRedis();
    const t = await startTestApp({ env: { RATE_LIMIT: 'on', REDIS_URL: lost.url } });
    try {
      await t.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(401);
      await lost.stop();
      const refused = await t.http
        .post('/auth/login')
        .send({ email: uniqueEmail(), password: WRONG });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      await t.http.get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });

  it('fails open when configured: with Redis gone, limits are counted in memory', async () => {
    const lost = await startTestRedis();
    const t = await startTestApp({
      env: { RATE_LIMIT: 'on', REDIS_URL: lost.url, RATE_LIMIT_FAILURE: 'open' },
    });
    try {
      await t.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(401);
      await lost.stop();
      // Sign-in allows 3 per 10 s per address: the memory counts from zero, so 3 pass, the 4th not.
      for (let attempt = 0; attempt < 3; attempt += 1)
        await t.http
          .post('/auth/login')
          .send({ email: uniqueEmail(), password: WRONG })
          .expect(401);
      const limited = await t.http
        .post('/auth/login')
        .send({ email: uniqueEmail(), password: WRONG });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
    } finally {
      await t.close();
    }
  });

  describe('two app instances on one database and one Redis', () => {
    let database: TestDatabase;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      database = await createTestDatabase();
      const env = { RATE_LIMIT: 'on', REDIS_URL: redis.url };
      a = await startTestApp({ database, env });
      b = await startTestApp({ database, env });
    });
    afterAll(async () => {
      await a.close({ keepDatabase: true });
      await b.close();
    });

    it('count one address across both instances', async () => {
      await a.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(401);
      await b.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(401);
      await a.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(401);
      const limited = await b.http
        .post('/auth/login')
        .send({ email: uniqueEmail(), password: WRONG })
        .expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await a.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(429);
    });
  });
});
