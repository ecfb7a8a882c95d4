import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from './support/users.js';

interface Address {
  id: string;
  email: string;
  verified: boolean;
  primary: boolean;
}

describe('several email addresses: /me/emails', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function addEmail(account: SignedUp, email = uniqueEmail('second')): Promise<Address> {
    const response = await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send({ email })
      .expect(201);
    return response.body;
  }

  async function verify(account: SignedUp, address: Address): Promise<void> {
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(address.email) })
      .expect(200);
  }

  async function emailsOf(account: SignedUp): Promise<Address[]> {
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    return me.body.emailAddresses;
  }

  it('adds an unverified address, sends it a 6-digit code, and verifies it with that code', async () => {
    const account = await signUp(t.http);
    const email = uniqueEmail('Second.Address');
    const added = await addEmail(account, `  ${email} `);
    expect(added).toEqual({ id: expect.any(String), email, verified: false, primary: false });
    const code = inbox.lastCode(email);
    expect(code).toMatch(/^\d{6}$/);
    const sent = inbox.messages.find((m) => m.kind === 'emailCode' && m.email === email)!;
    expect(sent.user.id).toBe(account.user.id);
    expect(sent.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    expect(sent.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);

    const verified = await t.http
      .post(`/me/emails/${added.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code })
      .expect(200);
    expect(verified.body).toEqual({ ...added, verified: true });
    const emails = await emailsOf(account);
    expect(emails).toEqual([
      { id: expect.any(String), email: account.email, verified: false, primary: true },
      { ...added, verified: true },
    ]);
  });

  it('stores only a keyed hash of the code', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    const code = inbox.lastCode(added.email);
    const rows = await sql<{ code_hash: string }>(
      t.app,
      'select code_hash from userkit_verification_codes where email_address_id = ?',
      [added.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].code_hash).not.toContain(code);
  });

  it('verifies the sign-up address through the same routes (resend, then verify)', async () => {
    const account = await signUp(t.http);
    const [signUpAddress] = await emailsOf(account);
    await t.http
      .post(`/me/emails/${signUpAddress.id}/resend`)
      .set(bearer(account.accessToken))
      .expect(204);
    await verify(account, signUpAddress);
    const [after] = await emailsOf(account);
    expect(after).toMatchObject({ verified: true, primary: true });
    await t.http
      .post(`/me/emails/${signUpAddress.id}/resend`)
      .set(bearer(account.accessToken))
      .expect(400);
  });

  it('refuses a wrong code, a reused code, an old code after a resend, and an expired code', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    const first = inbox.lastCode(added.email);
    const wrong = first === '000000' ? '111111' : '000000';
    const refused = await t.http
      .post(`/me/emails/${added.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: wrong })
      .expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'INVALID_VERIFICATION_CODE' });

    await t.http.post(`/me/emails/${added.id}/resend`).set(bearer(account.accessToken)).expect(204);
    const second = inbox.lastCode(added.email);
    if (second !== first) {
      await t.http
        .post(`/me/emails/${added.id}/verify`)
        .set(bearer(account.accessToken))
        .send({ code: first })
        .expect(400);
    }
    await sql(
      t.app,
      'update userkit_verification_codes set expires_at = ? where email_address_id = ?',
      [new Date(Date.now() - 1000), added.id],
    );
    const expired = await t.http
      .post(`/me/emails/${added.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: second })
      .expect(400);
    expect(expired.body.code).toBe('VERIFICATION_CODE_EXHAUSTED');

    await t.http.post(`/me/emails/${added.id}/resend`).set(bearer(account.accessToken)).expect(204);
    await verify(account, added);
    const reused = await t.http
      .post(`/me/emails/${added.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(added.email) })
      .expect(400);
    expect(reused.body.code).toBe('ALREADY_VERIFIED');
  });

  it('allows at most 5 tries per code: the right code on the 6th try is refused', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    const code = inbox.lastCode(added.email);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i += 1) {
      await t.http
        .post(`/me/emails/${added.id}/verify`)
        .set(bearer(account.accessToken))
        .send({ code: wrong })
        .expect(400);
    }
    const sixth = await t.http
      .post(`/me/emails/${added.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code })
      .expect(400);
    expect(sixth.body.code).toBe('VERIFICATION_CODE_EXHAUSTED');
    expect((await emailsOf(account)).find((e) => e.id === added.id)?.verified).toBe(false);
  });

  it('redeems one code exactly once when it is sent 16 times in parallel', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    const code = inbox.lastCode(added.email);
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http
          .post(`/me/emails/${added.id}/verify`)
          .set(bearer(account.accessToken))
          .send({ code }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(15);
  });

  it('moves the primary only to a verified address', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    const refused = await t.http
      .post(`/me/emails/${added.id}/primary`)
      .set(bearer(account.accessToken))
      .expect(400);
    expect(refused.body.message).toMatch(/verified/);
    await verify(account, added);
    const moved = await t.http
      .post(`/me/emails/${added.id}/primary`)
      .set(bearer(account.accessToken))
      .expect(200);
    expect(moved.body).toMatchObject({ id: added.id, verified: true, primary: true });
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.primaryEmail).toBe(added.email);
    expect(me.body.emailAddresses.filter((e: Address) => e.primary)).toHaveLength(1);
  });

  it('removes a non-primary address; refuses the primary while another exists', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    const [signUpAddress] = await emailsOf(account);
    const refused = await t.http
      .delete(`/me/emails/${signUpAddress.id}`)
      .set(bearer(account.accessToken))
      .expect(400);
    expect(refused.body.code).toBe('PRIMARY_NOT_REMOVABLE');
    await t.http.delete(`/me/emails/${added.id}`).set(bearer(account.accessToken)).expect(204);
    expect((await emailsOf(account)).map((e) => e.id)).toEqual([signUpAddress.id]);
    // Its code went with it.
    const codes = await sql(
      t.app,
      'select id from userkit_verification_codes where email_address_id = ?',
      [added.id],
    );
    expect(codes).toHaveLength(0);
  });

  it('refuses to remove the last way to sign in (the only address of a password account)', async () => {
    const account = await signUp(t.http);
    const [only] = await emailsOf(account);
    const refused = await t.http
      .delete(`/me/emails/${only.id}`)
      .set(bearer(account.accessToken))
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'LAST_SIGN_IN_METHOD' });
    expect(refused.body.message).toMatch(/last way to sign in/);
  });

  it('lets an address go when an external account remains a way to sign in', async () => {
    const account = await signUp(t.http);
    const [only] = await emailsOf(account);
    await sql(
      t.app,
      'insert into userkit_external_accounts (id, user_id, provider, provider_user_id, verification_status, created_at) values (?, ?, ?, ?, ?, ?)',
      [
        '01930000-0000-7000-8000-00000000e001',
        account.user.id,
        'github',
        `gh-${Date.now()}`,
        'verified',
        new Date(),
      ],
    );
    await t.http.delete(`/me/emails/${only.id}`).set(bearer(account.accessToken)).expect(204);
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.emailAddresses).toEqual([]);
    expect(me.body.primaryEmail).toBeNull();
  });

  it('answers 409 for an address another user has (verified or being verified), and for your own', async () => {
    const owner = await signUp(t.http);
    const [ownerAddress] = await emailsOf(owner);
    await t.http
      .post(`/me/emails/${ownerAddress.id}/resend`)
      .set(bearer(owner.accessToken))
      .expect(204);
    await verify(owner, ownerAddress);
    const other = await signUp(t.http);
    const taken = await t.http
      .post('/me/emails')
      .set(bearer(other.accessToken))
      .send({ email: owner.email.toUpperCase() })
      .expect(409);
    expect(taken.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    await t.http
      .post('/me/emails')
      .set(bearer(other.accessToken))
      .send({ email: other.email })
      .expect(409);
  });

  it("answers 404 for another user's address on every route", async () => {
    const owner = await signUp(t.http);
    const added = await addEmail(owner);
    const stranger = await signUp(t.http);
    const auth = bearer(stranger.accessToken);
    await t.http
      .post(`/me/emails/${added.id}/verify`)
      .set(auth)
      .send({ code: '123456' })
      .expect(404);
    await t.http.post(`/me/emails/${added.id}/resend`).set(auth).expect(404);
    await t.http.post(`/me/emails/${added.id}/primary`).set(auth).expect(404);
    await t.http.delete(`/me/emails/${added.id}`).set(auth).expect(404);
    for (const id of ['not-an-id', '%00', 'a'.repeat(300), "x'--"]) {
      await t.http.delete(`/me/emails/${id}`).set(auth).expect(404);
      await t.http.post(`/me/emails/${id}/primary`).set(auth).expect(404);
      await t.http.post(`/me/phones/${id}/verify`).set(auth).send({ code: '123456' }).expect(404);
    }
  });

  it.each([
    [{ email: 'not-an-email' }],
    [{}],
    [{ email: 'x@example.com', primary: true }],
    [{ email: 42 }],
  ])('answers 400 for the body %j', async (body) => {
    const account = await signUp(t.http);
    const response = await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send(body)
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers 400 for a code that is not 6 digits, and for fields on resend', async () => {
    const account = await signUp(t.http);
    const added = await addEmail(account);
    for (const code of ['12345', '1234567', 'abcdef', 123456]) {
      await t.http
        .post(`/me/emails/${added.id}/verify`)
        .set(bearer(account.accessToken))
        .send({ code })
        .expect(400);
    }
    await t.http
      .post(`/me/emails/${added.id}/resend`)
      .set(bearer(account.accessToken))
      .send({ email: 'x@example.com' })
      .expect(400);
  });

  it('needs a session: 401 without one', async () => {
    await t.http.post('/me/emails').send({ email: uniqueEmail() }).expect(401);
  });

  it('sends an anonymous user to the upgrade for its email address', async () => {
    const guest = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    const refused = await t.http
      .post('/me/emails')
      .set(bearer(guest.body.accessToken))
      .send({ email: uniqueEmail('guest') })
      .expect(400);
    expect(refused.body.message).toMatch(/\/me\/upgrade/);
  });
});

describe('email codes with a failing MessageSender', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the address when the sender fails; a resend works once the sender is back', async () => {
    const account = await signUp(t.http);
    inbox.fail = true;
    const email = uniqueEmail('kept');
    const added = await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send({ email })
      .expect(201);
    inbox.fail = false;
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.emailAddresses.map((e: Address) => e.email)).toContain(email);
    await t.http
      .post(`/me/emails/${added.body.id}/resend`)
      .set(bearer(account.accessToken))
      .expect(204);
    await t.http
      .post(`/me/emails/${added.body.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(email) })
      .expect(200);
  });
});

describe('the re-authentication window of sensitive changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      overrides: { messageSender: new CapturingMessageSender(), reauthenticationWindowSeconds: 2 },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses to add an email or a phone once the sign-in is older than the configured window', async () => {
    const account = await signUp(t.http);
    await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send({ email: uniqueEmail('fresh') })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const email = await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send({ email: uniqueEmail('stale') })
      .expect(403);
    expect(email.body).toMatchObject({ statusCode: 403, code: 'REAUTHENTICATION_REQUIRED' });
    expect(email.body.message).toMatch(/sign-in within the last 2 seconds/);
    await t.http
      .post('/me/phones')
      .set(bearer(account.accessToken))
      .send({ phoneNumber: '+12015550177' })
      .expect(403);
    // A refresh is not a sign-in: the new tokens carry the same old sign-in time.
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);
    await t.http
      .post('/me/emails')
      .set(bearer(refreshed.body.accessToken))
      .send({ email: uniqueEmail('still-stale') })
      .expect(403);
    // Non-sensitive routes still work.
    await t.http.get('/me/sessions').set(bearer(refreshed.body.accessToken)).expect(200);
  });

  it('lists every new route in the OpenAPI document', async () => {
    const response = await t.http.get('/docs-json').expect(200);
    const paths = Object.keys(response.body.paths);
    for (const path of [
      '/me/emails',
      '/me/emails/{id}/verify',
      '/me/emails/{id}/resend',
      '/me/emails/{id}/primary',
      '/me/emails/{id}',
      '/me/phones',
      '/me/phones/{id}/verify',
      '/me/phones/{id}/resend',
      '/me/phones/{id}/primary',
      '/me/phones/{id}',
      '/me/sessions',
      '/me/sessions/{id}',
      '/me/password',
      '/me/2fa/totp',
      '/me/2fa/totp/verify',
      '/me/2fa',
      '/auth/password/forgot',
      '/auth/password/reset',
      '/auth/login/2fa',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
