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

describe('profile image uploads', () => {
  it('are limited per address before the body is read: 5 a minute, then 429 with Retry-After', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
    try {
      const account = await signUp(t.http);
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      );
      const upload = () =>
        t.http
          .put('/me/profile-image')
          .set('Authorization', `Bearer ${account.accessToken}`)
          .attach('file', png, 'avatar.png');
      for (let i = 0; i < 5; i += 1) await upload().expect(200);
      const limited = await upload().expect(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
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
    // Address limits off: these tests look at the account's own counters. Behind a trusted
    // proxy, X-Forwarded-For picks the client.
    t = await startTestApp({ env: { RATE_LIMIT: 'off', TRUSTED_PROXIES: 'loopback' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const from = (client: string, email: string, password: string) =>
    t.http.post('/auth/login').set('X-Forwarded-For', client).send({ email, password });
  const failedCount = async (userId: string) => {
    const [row] = await sql<{ failed_sign_in_count: number }>(
      t.app,
      'select failed_sign_in_count from userkit_users where id = ?',
      [userId],
    );
    return Number(row.failed_sign_in_count);
  };
  /** Status, code and Retry-After: everything a client sees of a refusal. */
  const seen = (response: { status: number; body: { code?: string }; headers: object }) =>
    [
      response.status,
      response.body.code ?? null,
      (response.headers as Record<string, string>)['retry-after'] ?? null,
    ] as const;

  it('never answers 429 to parallel right passwords (a service account with several workers)', async () => {
    const account = await signUp(t.http);
    const burst = async () => {
      const results = await Promise.all(
        Array.from({ length: 30 }, () => from('198.51.100.10', account.email, account.password)),
      );
      return results.map((result) => result.status);
    };
    expect(await burst()).toEqual(Array(30).fill(200));
    expect(await failedCount(account.user.id)).toBe(0);
    // Four typos on record first: still no right password is refused.
    for (let i = 0; i < 4; i += 1) await from('198.51.100.10', account.email, WRONG).expect(401);
    expect(await burst()).toEqual(Array(30).fill(200));
    expect(await failedCount(account.user.id)).toBe(0);
  });

  it('backs off per client and account: a stranger’s failures do not keep the owner out', async () => {
    const account = await signUp(t.http);
    for (let i = 0; i < 5; i += 1) await from('203.0.113.50', account.email, WRONG).expect(401);
    const refused = await from('203.0.113.50', account.email, WRONG).expect(429);
    expect(refused.body.code).toBe('SIGN_IN_BACKOFF');
    expect(refused.headers['retry-after']).toBe('1');
    // Even the right password waits at that client: the answer says nothing about it.
    await from('203.0.113.50', account.email, account.password).expect(429);
    // The owner, elsewhere, signs in at once.
    await from('198.51.100.20', account.email, account.password).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await from('203.0.113.50', account.email, WRONG).expect(401);
    const longer = await from('203.0.113.50', account.email, WRONG).expect(429);
    expect(longer.headers['retry-after']).toBe('2');
  });

  it('counts every wrong password one by one, the first included, and backs off after 5', async () => {
    const account = await signUp(t.http);
    for (let tries = 1; tries <= 5; tries += 1) {
      await from('192.0.2.30', account.email, WRONG).expect(401);
      expect(await failedCount(account.user.id)).toBe(tries);
    }
    await from('192.0.2.30', account.email, WRONG).expect(429);
    expect(await failedCount(account.user.id)).toBe(5);
  });

  it('answers a real account and an unknown email alike, through and after the backoff', async () => {
    const account = await signUp(t.http);
    const ghost = uniqueEmail('ghost');
    const journey = async (email: string, client: string) => {
      const answers = [];
      for (let i = 0; i < 6; i += 1) answers.push(seen(await from(client, email, WRONG)));
      await new Promise((resolve) => setTimeout(resolve, 1100));
      answers.push(seen(await from(client, email, WRONG)));
      answers.push(seen(await from(client, email, WRONG)));
      return answers;
    };
    const [real, unknown] = await Promise.all([
      journey(account.email, '192.0.2.41'),
      journey(ghost, '192.0.2.42'),
    ]);
    expect(unknown).toEqual(real);
    expect(real.map(([status]) => status)).toEqual([401, 401, 401, 401, 401, 429, 401, 429]);
  });

  it('counts attempts from any number of clients atomically; 100 in a row lock password sign-in, for unknown emails too', async () => {
    const account = await signUp(t.http);
    const ghost = uniqueEmail('ghost');
    // 20 clients × 5 tries, the clients in parallel: all 100 are evaluated (free tries).
    const hundred = async (email: string, prefix: string) => {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, async (_, client) => {
          const answers: number[] = [];
          for (let i = 0; i < 5; i += 1)
            answers.push((await from(`${prefix}.${client + 1}`, email, WRONG)).status);
          return answers;
        }),
      );
      return statuses.flat();
    };
    // One account at a time: 40 parallel hashes would overflow the hashing queue (503).
    const realStatuses = await hundred(account.email, '198.18.1');
    const ghostStatuses = await hundred(ghost, '198.18.2');
    expect(realStatuses).toEqual(Array(100).fill(401));
    expect(ghostStatuses).toEqual(Array(100).fill(401));
    expect(await failedCount(account.user.id)).toBe(100);
    const locked = await from('198.18.3.1', account.email, account.password).expect(429);
    expect(locked.body.code).toBe('PASSWORD_SIGN_IN_DISABLED');
    expect(locked.body.message).toMatch(/reset the password/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const ghostLocked = await from('198.18.3.2', ghost, WRONG).expect(429);
    expect(seen(ghostLocked)).toEqual(seen(locked));
    expect(ghostLocked.body.message).toBe(locked.body.message);
  });

  it('turns password sign-in off after 100 consecutive failures', async () => {
    const account = await signUp(t.http);
    await sql(
      t.app,
      'update userkit_users set failed_sign_in_count = 99, last_failed_sign_in_at = ? where id = ?',
      [new Date(Date.now() - 3_600_000), account.user.id],
    );
    await from('192.0.2.60', account.email, WRONG).expect(401);
    const locked = await from('192.0.2.61', account.email, account.password).expect(429);
    expect(locked.body.message).toMatch(/reset the password/);
  });

  it('documents these 429s and their Retry-After in the OpenAPI document', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { description: string; headers?: object }> }>
      >;
    };
    for (const [path, method] of [
      ['/auth/login', 'post'],
      ['/auth/login/2fa', 'post'],
      ['/me/password', 'post'],
    ]) {
      const tooMany = document.paths[path][method].responses['429'];
      expect(tooMany.description).toContain('SIGN_IN_BACKOFF');
      expect(tooMany.description).toContain('PASSWORD_SIGN_IN_DISABLED');
      expect(tooMany.headers).toHaveProperty('Retry-After');
    }
  });

  it('gives unknown emails the same 5 free tries', async () => {
    const email = uniqueEmail('ghost');
    for (let i = 0; i < 5; i += 1) await from('192.0.2.70', email, WRONG).expect(401);
    await from('192.0.2.70', email, WRONG).expect(429);
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
