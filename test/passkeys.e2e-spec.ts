import { randomBytes } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from './support/users.js';
import { SoftwareAuthenticator } from './support/webauthn-authenticator.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

/** The test apps' PUBLIC_URL: the default RP ID (127.0.0.1) and the one allowed origin. */
const ORIGIN = 'http://127.0.0.1:3000';

describe('passkeys: registration and passwordless sign-in (WebAuthn)', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function registrationOptions(account: { accessToken: string }) {
    const response = await t.http
      .post('/me/passkeys/registration-options')
      .set(bearer(account.accessToken))
      .expect(200);
    return response.body;
  }

  /** Signs up and registers a passkey; answers the account, the authenticator and the passkey. */
  async function withPasskey(authenticator = new SoftwareAuthenticator(ORIGIN)) {
    const account = await signUp(t.http);
    const options = await registrationOptions(account);
    const created = await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: authenticator.register(options), name: 'Laptop' })
      .expect(201);
    return { account, authenticator, passkey: created.body };
  }

  async function signInOptions(body: Record<string, unknown> = {}) {
    return (await t.http.post('/auth/passkey/options').send(body).expect(200)).body;
  }

  it('registers a passkey: options for the signed-in user, then the authenticator answer', async () => {
    const account = await signUp(t.http);
    const authenticator = new SoftwareAuthenticator(ORIGIN, { backedUp: true });
    const options = await registrationOptions(account);
    expect(options).toMatchObject({
      rp: { id: '127.0.0.1', name: 'userkit' },
      user: { name: account.email },
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      timeout: 300000,
    });
    expect(options.pubKeyCredParams).toContainEqual({ type: 'public-key', alg: -7 });
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(account.user.id);

    const created = await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: authenticator.register(options), name: '  Phone  ' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Phone',
      createdAt: expect.any(String),
      lastUsedAt: null,
      deviceType: 'multiDevice',
      backedUp: true,
    });
    const listed = await t.http.get('/me/passkeys').set(bearer(account.accessToken)).expect(200);
    expect(listed.body).toEqual([created.body]);

    // The next options exclude it, so an authenticator does not register it twice.
    const next = await registrationOptions(account);
    expect(next.excludeCredentials).toEqual([
      { id: authenticator.id, type: 'public-key', transports: ['internal', 'hybrid'] },
    ]);
    // Only the digest of a challenge is stored.
    const challenges = await sql<{ token_hash: string }>(
      t.app,
      'select token_hash from userkit_passkey_challenges where user_id = ?',
      [account.user.id],
    );
    expect(challenges.map((row) => row.token_hash)).not.toContain(next.challenge);
    expect(challenges).toHaveLength(1);
  });

  it('reports passkey.added and passkey.removed through the write path (events, audit log)', async () => {
    const emitter = t.app.get(EventEmitter2);
    const heard: Array<[string, Record<string, unknown>]> = [];
    const names = ['passkey.added', 'passkey.removed', 'user.updated'];
    const listeners = names.map((name) => {
      const listener = ({ context: _c, ...payload }: Record<string, unknown>) =>
        heard.push([name, payload]);
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    });
    try {
      const { account, passkey } = await withPasskey();
      await t.http
        .delete(`/me/passkeys/${passkey.id}`)
        .set(bearer(account.accessToken))
        .expect(204);
      const mine = heard.filter(([, payload]) => payload.userId === account.user.id);
      expect(mine).toEqual([
        ['passkey.added', { userId: account.user.id, passkeyId: passkey.id, name: 'Laptop' }],
        ['user.updated', { userId: account.user.id, changes: ['passkeys'] }],
        ['passkey.removed', { userId: account.user.id, passkeyId: passkey.id, name: 'Laptop' }],
        ['user.updated', { userId: account.user.id, changes: ['passkeys'] }],
      ]);
      const audit = await sql<{ type: string }>(
        t.app,
        "select type from userkit_audit_log where user_id = ? and type like 'passkey.%' order by created_at",
        [account.user.id],
      );
      expect(audit.map((row) => row.type)).toEqual(['passkey.added', 'passkey.removed']);
    } finally {
      for (const off of listeners) off();
    }
  });

  it('signs in with a discoverable passkey: tokens like a password sign-in, method passkey', async () => {
    const { account, authenticator, passkey } = await withPasskey();
    const options = await signInOptions();
    expect(options).toMatchObject({
      rpId: '127.0.0.1',
      allowCredentials: [],
      userVerification: 'required',
    });
    const signedIn = await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(options) })
      .expect(200);
    expect(signedIn.body).toMatchObject({
      tokenType: 'Bearer',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: account.user.id },
    });
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    // A passkey sign-in is a recent sign-in: it can add another passkey right away.
    await registrationOptions(signedIn.body);

    const [listed] = (
      await t.http.get('/me/passkeys').set(bearer(signedIn.body.accessToken)).expect(200)
    ).body;
    expect(listed).toMatchObject({ id: passkey.id, lastUsedAt: expect.any(String) });
    const [row] = await sql<{ counter: number | string }>(
      t.app,
      'select counter from userkit_passkeys where id = ?',
      [passkey.id],
    );
    expect(Number(row.counter)).toBe(1);
    const [audit] = await sql<{ details: unknown }>(
      t.app,
      "select details from userkit_audit_log where user_id = ? and type = 'sign_in.succeeded'",
      [account.user.id],
    );
    const details = typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details;
    expect(details).toMatchObject({ method: 'passkey', secondFactor: null });
  });

  it("offers an email's passkeys, and the same shape of answer for an unknown email", async () => {
    const { account, authenticator } = await withPasskey();
    const known = await signInOptions({ email: account.email.toUpperCase() });
    expect(known.allowCredentials).toEqual([
      { id: authenticator.id, type: 'public-key', transports: ['internal', 'hybrid'] },
    ]);
    const stranger = uniqueEmail('nobody');
    const unknown = await signInOptions({ email: stranger });
    const again = await signInOptions({ email: stranger });
    expect(unknown.allowCredentials).toEqual([{ id: expect.any(String), type: 'public-key' }]);
    expect(again.allowCredentials).toEqual(unknown.allowCredentials);
    expect(unknown.challenge).not.toBe(again.challenge);
    // The allowCredentials path signs in as well.
    await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(known) })
      .expect(200);
    const bad = await t.http.post('/auth/passkey/options').send({ email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a replayed assertion, a wrong challenge and a registration challenge (400)', async () => {
    const { authenticator } = await withPasskey();
    const options = await signInOptions();
    const assertion = authenticator.assert(options);
    await t.http.post('/auth/passkey').send({ response: assertion }).expect(200);
    const replayed = await t.http.post('/auth/passkey').send({ response: assertion }).expect(400);
    expect(replayed.body.code).toBe('PASSKEY_CHALLENGE_INVALID');

    const wrong = await t.http
      .post('/auth/passkey')
      .send({
        response: authenticator.assert(options, {
          challenge: randomBytes(32).toString('base64url'),
        }),
      })
      .expect(400);
    expect(wrong.body.code).toBe('PASSKEY_CHALLENGE_INVALID');

    // A challenge handed out for a registration does not serve a sign-in.
    const account = await signUp(t.http);
    const creation = await registrationOptions(account);
    const crossed = await t.http
      .post('/auth/passkey')
      .send({
        response: authenticator.assert({ challenge: creation.challenge, rpId: '127.0.0.1' }),
      })
      .expect(400);
    expect(crossed.body.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });

  it('refuses another origin, another RP ID, no user verification, a tampered signature, another user handle (401)', async () => {
    const { account, authenticator } = await withPasskey();
    const attempts: Array<[string, Record<string, unknown>]> = [];
    for (const ceremony of [
      { origin: 'https://evil.example' },
      { rpId: 'evil.example' },
      { userVerified: false },
    ]) {
      const options = await signInOptions();
      attempts.push([JSON.stringify(ceremony), authenticator.assert(options, ceremony)]);
    }
    const options = await signInOptions();
    const tampered = authenticator.assert(options) as { response: Record<string, string> };
    const signature = Buffer.from(tampered.response.signature, 'base64url');
    signature[signature.length - 1] ^= 0xff;
    tampered.response.signature = signature.toString('base64url');
    attempts.push(['tampered signature', tampered]);
    // The user handle, when given, must be the passkey's user.
    const ownHandle = authenticator.userHandle;
    authenticator.userHandle = Buffer.from('someone-else').toString('base64url');
    attempts.push(['another user handle', authenticator.assert(await signInOptions())]);
    authenticator.userHandle = ownHandle;
    for (const [label, response] of attempts) {
      const refused = await t.http.post('/auth/passkey').send({ response });
      expect([label, refused.status, refused.body.code]).toEqual([
        label,
        401,
        'PASSKEY_SIGN_IN_FAILED',
      ]);
    }
    const failures = await sql<{ details: unknown }>(
      t.app,
      "select details from userkit_audit_log where user_id = ? and type = 'sign_in.failed'",
      [account.user.id],
    );
    expect(failures).toHaveLength(5);
    // The refused ones spent their challenges; a good assertion still works.
    await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(await signInOptions()) })
      .expect(200);
  });

  it('refuses a registration from another origin, RP ID, without verification, or replayed', async () => {
    const account = await signUp(t.http);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    for (const ceremony of [
      { origin: 'https://evil.example' },
      { rpId: 'evil.example' },
      { userVerified: false },
    ]) {
      const options = await registrationOptions(account);
      const refused = await t.http
        .post('/me/passkeys')
        .set(bearer(account.accessToken))
        .send({ response: authenticator.register(options, ceremony) })
        .expect(400);
      expect(refused.body.code).toBe('PASSKEY_RESPONSE_INVALID');
    }
    const options = await registrationOptions(account);
    const response = authenticator.register(options);
    // Another signed-in user cannot finish this user's ceremony.
    const other = await signUp(t.http);
    const stolen = await t.http
      .post('/me/passkeys')
      .set(bearer(other.accessToken))
      .send({ response })
      .expect(400);
    expect(stolen.body.code).toBe('PASSKEY_CHALLENGE_INVALID');
    // That attempt did not spend it: the owner finishes, once.
    await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response })
      .expect(201);
    const replayed = await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response })
      .expect(400);
    expect(replayed.body.code).toBe('PASSKEY_CHALLENGE_INVALID');
    // The same credential again, on fresh options: already registered.
    const twice = await t.http
      .post('/me/passkeys')
      .set(bearer(other.accessToken))
      .send({ response: authenticator.register(await registrationOptions(other)) })
      .expect(409);
    expect(twice.body.code).toBe('PASSKEY_ALREADY_REGISTERED');
  });

  it('checks the signature counter: a counter that goes backwards is refused (possible clone)', async () => {
    const { authenticator, passkey } = await withPasskey();
    await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(await signInOptions(), { counter: 5 }) })
      .expect(200);
    for (const counter of [3, 5]) {
      const refused = await t.http
        .post('/auth/passkey')
        .send({ response: authenticator.assert(await signInOptions(), { counter }) })
        .expect(401);
      expect(refused.body.code).toBe('PASSKEY_SIGN_IN_FAILED');
    }
    await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(await signInOptions(), { counter: 6 }) })
      .expect(200);
    const [row] = await sql<{ counter: number | string }>(
      t.app,
      'select counter from userkit_passkeys where id = ?',
      [passkey.id],
    );
    expect(Number(row.counter)).toBe(6);
    const [failure] = await sql<{ details: unknown }>(
      t.app,
      "select details from userkit_audit_log where user_id = ? and type = 'sign_in.failed'",
      [
        (
          await sql<{ user_id: string }>(
            t.app,
            'select user_id from userkit_passkeys where id = ?',
            [passkey.id],
          )
        )[0]!.user_id,
      ],
    );
    const details =
      typeof failure.details === 'string' ? JSON.parse(failure.details) : failure.details;
    expect(details).toMatchObject({ method: 'passkey', reason: 'passkey_counter_regressed' });

    // An authenticator that keeps no counter (always 0) signs in again and again.
    const counterless = await withPasskey();
    for (let round = 0; round < 2; round += 1)
      await t.http
        .post('/auth/passkey')
        .send({
          response: counterless.authenticator.assert(await signInOptions(), { counter: 0 }),
        })
        .expect(200);
  });

  it('refuses an expired challenge, and finishes on another instance a ceremony this one started', async () => {
    const account = await signUp(t.http);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const stale = await registrationOptions(account);
    await sql(t.app, 'update userkit_passkey_challenges set expires_at = ? where user_id = ?', [
      new Date(Date.now() - 1000),
      account.user.id,
    ]);
    const expired = await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: authenticator.register(stale) })
      .expect(400);
    expect(expired.body.code).toBe('PASSKEY_CHALLENGE_INVALID');

    // A second instance on the same database: no state is kept in memory.
    const other = await startTestApp({ database: t.database });
    try {
      const options = await registrationOptions(account);
      await other.http
        .post('/me/passkeys')
        .set(bearer(account.accessToken))
        .send({ response: authenticator.register(options) })
        .expect(201);
      const request = (await other.http.post('/auth/passkey/options').send({}).expect(200)).body;
      await t.http
        .post('/auth/passkey')
        .send({ response: authenticator.assert(request) })
        .expect(200);
    } finally {
      await other.close({ keepDatabase: true });
    }
  });

  it('lets exactly one of 8 parallel uses of one assertion through', async () => {
    const { authenticator } = await withPasskey();
    const assertion = authenticator.assert(await signInOptions());
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.http.post('/auth/passkey').send({ response: assertion })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('renames and removes a passkey; a removed passkey signs in no more', async () => {
    const { account, authenticator, passkey } = await withPasskey();
    const renamed = await t.http
      .patch(`/me/passkeys/${passkey.id}`)
      .set(bearer(account.accessToken))
      .send({ name: 'Work laptop' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: passkey.id, name: 'Work laptop' });
    const other = await signUp(t.http);
    for (const request of [
      t.http.patch(`/me/passkeys/${passkey.id}`).send({ name: 'Mine now' }),
      t.http.delete(`/me/passkeys/${passkey.id}`),
      t.http.delete('/me/passkeys/not%20an%20id'),
    ]) {
      const refused = await request.set(bearer(other.accessToken)).expect(404);
      expect(refused.body.code).toBe('PASSKEY_NOT_FOUND');
    }
    await t.http.delete(`/me/passkeys/${passkey.id}`).set(bearer(account.accessToken)).expect(204);
    await t.http.delete(`/me/passkeys/${passkey.id}`).set(bearer(account.accessToken)).expect(404);
    const refused = await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(await signInOptions()) })
      .expect(401);
    expect(refused.body.code).toBe('PASSKEY_SIGN_IN_FAILED');
  });

  it('counts passkeys as ways in: the email can go while a passkey stays, the last passkey cannot', async () => {
    const { account, authenticator, passkey } = await withPasskey();
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    const [address] = me.body.emailAddresses;
    // Without the passkey, the only address would be the last way in (the password needs it).
    await t.http.delete(`/me/emails/${address.id}`).set(bearer(account.accessToken)).expect(204);
    const last = await t.http
      .delete(`/me/passkeys/${passkey.id}`)
      .set(bearer(account.accessToken))
      .expect(400);
    expect(last.body.code).toBe('LAST_SIGN_IN_METHOD');
    await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(await signInOptions()) })
      .expect(200);
  });

  it("a reset through the unverified sign-up address removes the unproven owner's passkeys", async () => {
    const { account, authenticator } = await withPasskey();
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const updates: string[][] = [];
    const heard = (event: { userId: string; changes: string[] }) => {
      if (event.userId === account.user.id) updates.push(event.changes);
    };
    t.app.get(EventEmitter2).on('user.updated', heard);
    const link = (await inbox.waitForResetLink(account.email)).link;
    const token = new URL(link).searchParams.get('token')!;
    await t.http
      .post('/auth/password/reset')
      .send({ token, password: 'a-new-owner-passphrase-42' })
      .expect(204);
    t.app.get(EventEmitter2).off('user.updated', heard);
    // One `user.updated` for the reset, naming what the reclaim dropped.
    expect(updates).toEqual([expect.arrayContaining(['password', 'emailAddresses', 'passkeys'])]);
    expect(
      await sql(t.app, 'select id from userkit_passkeys where user_id = ?', [account.user.id]),
    ).toEqual([]);
    const refused = await t.http
      .post('/auth/passkey')
      .send({ response: authenticator.assert(await signInOptions()) })
      .expect(401);
    expect(refused.body.code).toBe('PASSKEY_SIGN_IN_FAILED');
  });

  it('answers a clear 4xx for bodies that are no WebAuthn answer', async () => {
    const account = await signUp(t.http);
    const bodies: unknown[] = [
      {},
      { response: 'text' },
      { response: {} },
      { response: { id: 'a', rawId: 'b', type: 'public-key', response: {} } },
      {
        response: {
          id: 'abc',
          rawId: 'abc',
          type: 'public-key',
          response: { clientDataJSON: '!!' },
        },
      },
      {
        response: {
          id: 'abc',
          rawId: 'abc',
          type: 'public-key',
          response: {
            clientDataJSON: Buffer.from('not json').toString('base64url'),
            attestationObject: 'AAAA',
            authenticatorData: 'AAAA',
            signature: 'AAAA',
          },
        },
      },
      { response: { id: 'abc' }, extra: true },
    ];
    for (const body of bodies) {
      for (const request of [
        t.http.post('/auth/passkey').send(body as object),
        t.http
          .post('/me/passkeys')
          .set(bearer(account.accessToken))
          .send(body as object),
      ]) {
        const answer = await request;
        expect([JSON.stringify(body), answer.status]).toEqual([JSON.stringify(body), 400]);
        expect(answer.body.code).toMatch(/^(VALIDATION_FAILED|PASSKEY_[A-Z_]+)$/);
      }
    }
    // A live challenge, but an attestation that is not CBOR.
    const options = await registrationOptions(account);
    const garbled = new SoftwareAuthenticator(ORIGIN).register(options) as {
      response: Record<string, unknown>;
    };
    garbled.response.attestationObject = randomBytes(40).toString('base64url');
    const answer = await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: garbled })
      .expect(400);
    expect(answer.body.code).toBe('PASSKEY_RESPONSE_INVALID');
    await t.http.post('/me/passkeys/registration-options').send({}).expect(401);
    await t.http.get('/me/passkeys').expect(401);
  });
});

describe('passkeys: registration needs a recent sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { reauthenticationWindowSeconds: 1 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses options and registration once the sign-in is older than the window', async () => {
    const account: SignedUp = await signUp(t.http);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const options = await t.http
      .post('/me/passkeys/registration-options')
      .set(bearer(account.accessToken))
      .expect(403);
    expect(options.body.code).toBe('REAUTHENTICATION_REQUIRED');
    const register = await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: {} })
      .expect(403);
    expect(register.body.code).toBe('REAUTHENTICATION_REQUIRED');
    // Listing stays open.
    await t.http.get('/me/passkeys').set(bearer(account.accessToken)).expect(200);
  });
});

describe('passkeys: webhooks, a banned user, and an RP ID over several origins', () => {
  const WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
  let t: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      env: { ...ADMIN_ENV, WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'on' },
      overrides: {
        passkeyRpID: 'example.com',
        passkeyOrigins: ['https://app.example.com', 'https://admin.example.com'],
        webhookRetrySchedule: [0.2],
        webhookEndpoints: [
          {
            url: receiver.url,
            secret: WEBHOOK_SECRET,
            events: ['passkey.added', 'passkey.removed'],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('uses the configured RP ID and origins: any listed origin passes, publicUrl no longer does', async () => {
    const account = await signUp(t.http);
    const authenticator = new SoftwareAuthenticator('https://app.example.com');
    const options = (
      await t.http
        .post('/me/passkeys/registration-options')
        .set(bearer(account.accessToken))
        .expect(200)
    ).body;
    expect(options.rp.id).toBe('example.com');
    await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: authenticator.register(options) })
      .expect(201);
    for (const [origin, status] of [
      ['https://admin.example.com', 200],
      [ORIGIN, 401],
      ['https://example.com.evil.test', 401],
    ] as const) {
      const request = (await t.http.post('/auth/passkey/options').send({}).expect(200)).body;
      expect(request.rpId).toBe('example.com');
      const answer = await t.http
        .post('/auth/passkey')
        .send({ response: authenticator.assert(request, { origin }) });
      expect([origin, answer.status]).toEqual([origin, status]);
    }
  });

  it('delivers passkey.added and passkey.removed as webhooks (the transactional outbox)', async () => {
    const account = await signUp(t.http);
    const authenticator = new SoftwareAuthenticator('https://app.example.com');
    const options = (
      await t.http
        .post('/me/passkeys/registration-options')
        .set(bearer(account.accessToken))
        .expect(200)
    ).body;
    const passkey = (
      await t.http
        .post('/me/passkeys')
        .set(bearer(account.accessToken))
        .send({ response: authenticator.register(options), name: 'Key' })
        .expect(201)
    ).body;
    await t.http.delete(`/me/passkeys/${passkey.id}`).set(bearer(account.accessToken)).expect(204);
    const mine = () =>
      receiver.received
        .map((request) => JSON.parse(request.body) as { type: string; data: { userId: string } })
        .filter((body) => body.data.userId === account.user.id);
    await receiver.waitFor(() => mine().length === 2);
    expect(mine().map((body) => [body.type, body.data])).toEqual([
      ['passkey.added', { userId: account.user.id, passkeyId: passkey.id, name: 'Key' }],
      ['passkey.removed', { userId: account.user.id, passkeyId: passkey.id, name: 'Key' }],
    ]);
  });

  it("refuses a banned user's passkey (401), and lets it in again once unbanned", async () => {
    const admin = await signInAdmin(t.http);
    const account = await signUp(t.http);
    const authenticator = new SoftwareAuthenticator('https://app.example.com');
    const options = (
      await t.http
        .post('/me/passkeys/registration-options')
        .set(bearer(account.accessToken))
        .expect(200)
    ).body;
    await t.http
      .post('/me/passkeys')
      .set(bearer(account.accessToken))
      .send({ response: authenticator.register(options) })
      .expect(201);
    const signIn = async () =>
      t.http.post('/auth/passkey').send({
        response: authenticator.assert(
          (await t.http.post('/auth/passkey/options').send({}).expect(200)).body,
        ),
      });
    await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    const refused = await signIn();
    expect([refused.status, refused.body.code]).toEqual([401, 'PASSKEY_SIGN_IN_FAILED']);
    await t.http
      .post(`/admin/users/${account.user.id}/unban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect((await signIn()).status).toBe(200);
  });
});
