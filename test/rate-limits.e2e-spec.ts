import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

const WRONG = 'definitely-not-it-42';

describe('rate limits per client address', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('allows 3 sign-ins per 10 s, then 429 with Retry-After', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i += 1) {
      await t.http.post('/auth/login').send({ email, password: WRONG }).expect(401);
    }
    const limited = await t.http.post('/auth/login').send({ email, password: WRONG }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10);
  });

  it('lets no more than the limit through when 20 requests arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(17);
  });

  it('counts path variants and query strings in the same bucket', async () => {
    const email = uniqueEmail();
    await t.http.post('/auth/login').send({ email, password: WRONG }).expect(401);
    await t.http.post('/auth/login/').send({ email, password: WRONG }).expect(401);
    await t.http.post('/auth/login?via=query').send({ email, password: WRONG }).expect(401);
    await t.http.post('/auth/login?again=1').send({ email, password: WRONG }).expect(429);
    await t.http.post('/auth/login/').send({ email, password: WRONG }).expect(429);
    const doubleSlash = await t.http.post('//auth/login').send({ email, password: WRONG });
    expect([404, 429]).toContain(doubleSlash.status);
  });

  it('ignores X-Forwarded-For from an untrusted peer, so rotating it does not help', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await t.http
        .post('/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .send({ email: uniqueEmail(), password: WRONG });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits sign-ups and refreshes in their own buckets', async () => {
    for (let i = 0; i < 3; i += 1) await signUp(t.http);
    await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD })
      .expect(429);
    // Another bucket: sign-in is still open.
    await t.http.post('/auth/login').send({ email: uniqueEmail(), password: WRONG }).expect(401);
  });
});

describe('X-Forwarded-For behind a trusted proxy', () => {
  it('keys by the right-most untrusted address', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT: 'on', TRUSTED_PROXIES: 'loopback' } });
    try {
      // Three clients behind the proxy get three buckets.
      for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        for (let i = 0; i < 3; i += 1) {
          await t.http
            .post('/auth/login')
            .set('X-Forwarded-For', client)
            .send({ email: uniqueEmail(), password: WRONG })
            .expect(401);
        }
      }
      // A forged left-most entry does not escape the real client's bucket.
      await t.http
        .post('/auth/login')
        .set('X-Forwarded-For', '192.0.2.99, 198.51.100.1')
        .send({ email: uniqueEmail(), password: WRONG })
        .expect(429);
    } finally {
      await t.close();
    }
  });
});

describe('IPv6 clients', () => {
  it('share one bucket per /64, so rotating the interface identifier does not help', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT: 'on', TRUSTED_PROXIES: 'loopback' } });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i += 1) {
        const response = await t.http
          .post('/auth/login')
          .set('X-Forwarded-For', `2001:db8:0:7::${i.toString(16)}:${(i * 4099).toString(16)}`)
          .send({ email: uniqueEmail(), password: WRONG });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      // The neighbouring /64 is another client.
      await t.http
        .post('/auth/login')
        .set('X-Forwarded-For', '2001:db8:0:8::1')
        .send({ email: uniqueEmail(), password: WRONG })
        .expect(401);
    } finally {
      await t.close();
    }
  });
});

describe('per-account guessing limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Address limits off: these tests look at the account's own counter.
    t = await startTestApp({ env: { RATE_LIMIT: 'off' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('evaluates at most 5 of 20 parallel wrong passwords, then backs off; a success resets', async () => {
    const account = await signUp(t.http);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http.post('/auth/login').send({ email: account.email, password: WRONG }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(
      true,
    );
    const [row] = await sql<{ failed_sign_in_count: number }>(
      t.app,
      'select failed_sign_in_count from userkit_users where id = ?',
      [account.user.id],
    );
    expect(Number(row.failed_sign_in_count)).toBeLessThanOrEqual(5);
    // In backoff even the right password waits: the answer is 429, not a verdict on the password.
    await sql(
      t.app,
      'update userkit_users set failed_sign_in_count = 5, last_failed_sign_in_at = ? where id = ?',
      [new Date(), account.user.id],
    );
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    const [after] = await sql<{ failed_sign_in_count: number }>(
      t.app,
      'select failed_sign_in_count from userkit_users where id = ?',
      [account.user.id],
    );
    expect(Number(after.failed_sign_in_count)).toBe(0);
  });

  it('counts every wrong password one by one, the first included, and backs off after 5', async () => {
    const account = await signUp(t.http);
    const count = async () => {
      const [row] = await sql<{ failed_sign_in_count: number }>(
        t.app,
        'select failed_sign_in_count from userkit_users where id = ?',
        [account.user.id],
      );
      return Number(row.failed_sign_in_count);
    };
    for (let tries = 1; tries <= 5; tries += 1) {
      await t.http.post('/auth/login').send({ email: account.email, password: WRONG }).expect(401);
      expect(await count()).toBe(tries);
    }
    await t.http.post('/auth/login').send({ email: account.email, password: WRONG }).expect(429);
    expect(await count()).toBe(5);
  });

  it('turns password sign-in off after 100 consecutive failures', async () => {
    const account = await signUp(t.http);
    await sql(
      t.app,
      'update userkit_users set failed_sign_in_count = 99, last_failed_sign_in_at = ? where id = ?',
      [new Date(Date.now() - 3_600_000), account.user.id],
    );
    await t.http.post('/auth/login').send({ email: account.email, password: WRONG }).expect(401);
    const locked = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(429);
    expect(locked.body.message).toMatch(/reset the password/);
  });

  it('gives unknown emails the same 5 free tries', async () => {
    const email = uniqueEmail('ghost');
    for (let i = 0; i < 5; i += 1)
      await t.http.post('/auth/login').send({ email, password: WRONG }).expect(401);
    await t.http.post('/auth/login').send({ email, password: WRONG }).expect(429);
  });
});

describe('overload and limits of the request itself', () => {
  it('refuses the excess of a hashing storm quickly with 503 + Retry-After, never 500', async () => {
    const t = await startTestApp({
      env: { RATE_LIMIT: 'off' },
      overrides: { hashingConcurrency: 1, hashingQueueLimit: 1 },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          t.http.post('/auth/signup').send({ email: uniqueEmail(), password: GOOD_PASSWORD }),
        ),
      );
      const statuses = results.map((result) => result.status);
      expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(2);
      const busy = results.filter((result) => result.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0].headers['retry-after']).toBe('1');
      expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('answers 413 in the API error shape for a body over 100 kB', async () => {
    const t = await startTestApp();
    try {
      const response = await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password: GOOD_PASSWORD, displayName: 'x'.repeat(120_000) })
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    } finally {
      await t.close();
    }
  });

  it('serves health, liveness and security headers', async () => {
    const t = await startTestApp();
    try {
      const live = await t.http.get('/health/live').expect(200);
      expect(live.body.status).toBe('ok');
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
      expect(live.headers['x-content-type-options']).toBe('nosniff');
      expect(live.headers['x-powered-by']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
