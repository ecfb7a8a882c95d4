// Sign-in by a link mailed to a verified address (UserContactsModule's `emailLinkSignIn`, issue
// 23): POST /auth/email-link answers 202 whatever the address; the link (15 minutes, single use,
// stored hashed) redirects to the allow-listed redirectUrl with a code that POST
// /auth/oauth/exchange turns into a session, or with error=. Then `passwordless.signUp`: the code
// and the link open an account for an address no account holds.
import { createHash } from 'node:crypto';
import { ForbiddenException } from '@nestjs/common';
import { LoggingMessageSender, UserModule, type SignInLinkMessage } from '@userkit/user';
import { UserContactsModule, type UserContactsOptions } from '@userkit/user/contacts';
import { UserOAuthModule } from '@userkit/user/oauth';
import { startBareHost } from './support/bare-host.js';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { ensureUiBuilt, pageConfig } from './support/pages.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from './support/users.js';

const FRONT_END = 'http://127.0.0.1:5173';
const RETURN_TO = `${FRONT_END}/auth/done`;
const PUBLIC_URL = 'http://127.0.0.1:3000';

/** The audit records of one type for a user (a JSON column on SQLite, jsonb on PostgreSQL). */
async function auditDetails(
  t: TestApp,
  userId: string,
  type: string,
): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const rows = await sql<{ details: unknown }>(
      t.app,
      'select details from userkit_audit_log where user_id = ? and type = ?',
      [userId, type],
    );
    if (rows.length > 0 || Date.now() > deadline)
      return rows.map((row) =>
        typeof row.details === 'string'
          ? (JSON.parse(row.details) as Record<string, unknown>)
          : (row.details as Record<string, unknown>),
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Messages go out after the answer: the next one matching, once it arrives. */
async function next<T>(list: T[], matches: (item: T) => boolean, before: number): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = list.filter(matches);
    if (found.length > before) return found[found.length - 1];
    if (Date.now() > deadline) throw new Error('no message arrived');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function linkHarness(t: () => TestApp, inbox: CapturingMessageSender) {
  const linksTo = (email: string) => inbox.signInLinks.filter((link) => link.email === email);

  /** Asks for a link (202) and reads it from the inbox. */
  async function requestLink(
    email: string,
    extra: Record<string, unknown> = {},
  ): Promise<SignInLinkMessage> {
    const before = linksTo(email).length;
    const answer = await t()
      .http.post('/auth/email-link')
      .send({ email, redirectUrl: RETURN_TO, ...extra })
      .expect(202);
    expect(answer.body).toEqual({
      message: 'If this address can sign in, a sign-in link is on its way',
    });
    return next(inbox.signInLinks, (link) => link.email === email, before);
  }

  /** Opens the link as the browser would: the redirect, and the binding cookie it sets. */
  async function follow(link: SignInLinkMessage | string) {
    const url = new URL(typeof link === 'string' ? link : link.link);
    const response = await t().http.get(`${url.pathname}${url.search}`);
    const location = response.headers.location ? new URL(response.headers.location) : null;
    const setCookie = response.headers['set-cookie'] as unknown as string[] | undefined;
    const cookie = setCookie?.[0]?.split(';')[0] ?? null;
    return { response, location, cookie };
  }

  /** The exchange as the page the browser came back to makes it (with the browser's cookie). */
  function exchange(code: string, cookie: string | null, body: Record<string, unknown> = {}) {
    const request = t().http.post('/auth/oauth/exchange');
    if (cookie) request.set('Cookie', cookie);
    return request.send({ code, ...body });
  }

  return { linksTo, requestLink, follow, exchange };
}

describe('email link sign-in: /auth/email-link', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  const { linksTo, requestLink, follow, exchange } = linkHarness(() => t, inbox);
  beforeAll(async () => {
    t = await startTestApp({
      env: { ...ADMIN_ENV, PUBLIC_URL, OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth` },
      overrides: { messageSender: inbox, emailLinkSignIn: true, emailSignIn: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function withVerifiedEmail(): Promise<SignedUp> {
    const account = await signUp(t.http);
    const [address] = account.user.emailAddresses as Array<{ id: string }>;
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(account.email) })
      .expect(200);
    return account;
  }

  it('the pages offer "Email me a code" and "Email me a link" (their config says so)', async () => {
    ensureUiBuilt();
    const page = await t.http.get('/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({ emailCode: true, emailLink: true });
  });

  it('a verified address gets a link; it redirects with a code the exchange turns into a session, once', async () => {
    const account = await withVerifiedEmail();
    const link = await requestLink(account.email);
    expect(link.link.startsWith(`${PUBLIC_URL}/auth/email-link/verify?token=`)).toBe(true);
    expect(link.user?.id).toBe(account.user.id);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);

    const followed = await follow(link);
    expect(followed.response.status).toBe(302);
    expect(followed.response.headers['cache-control']).toMatch(/no-store/);
    expect(`${followed.location!.origin}${followed.location!.pathname}`).toBe(RETURN_TO);
    const code = followed.location!.searchParams.get('code')!;
    expect(code).toBeTruthy();
    expect([...followed.location!.searchParams.keys()]).toEqual(['code']);
    expect(followed.cookie).toMatch(/^userkit_oauth=/);

    const signedIn = await exchange(code, followed.cookie).expect(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', user: { id: account.user.id } });
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    const succeeded = await auditDetails(t, account.user.id, 'sign_in.succeeded');
    expect(succeeded).toContainEqual(
      expect.objectContaining({ method: 'email_link', provider: null, secondFactor: null }),
    );

    // The link and the code are single use.
    const again = await follow(link);
    expect(again.response.status).toBe(302);
    expect(again.location!.searchParams.get('error')).toBe('link_used');
    expect(again.location!.searchParams.has('code')).toBe(false);
    expect(again.cookie).toBeNull();
    const reused = await exchange(code, followed.cookie).expect(401);
    expect(reused.body.code).toBe('OAUTH_CODE_INVALID');
  });

  it('the code is bound to the browser that opened the link: without its cookie, or with another’s, 401', async () => {
    const account = await withVerifiedEmail();
    const other = await withVerifiedEmail();
    const mine = await follow(await requestLink(account.email));
    const theirs = await follow(await requestLink(other.email));
    const code = mine.location!.searchParams.get('code')!;
    expect((await exchange(code, null)).status).toBe(401);
    expect((await exchange(code, theirs.cookie)).status).toBe(401);
    // Each link signs in its own user only.
    const signedIn = await exchange(
      theirs.location!.searchParams.get('code')!,
      theirs.cookie,
    ).expect(200);
    expect(signedIn.body.user.id).toBe(other.user.id);
  });

  it('with a codeChallenge the verifier redeems the code (a front-end on another site)', async () => {
    const account = await withVerifiedEmail();
    const verifier = 'v'.repeat(43);
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const link = await requestLink(account.email, { codeChallenge });
    const followed = await follow(link);
    const code = followed.location!.searchParams.get('code')!;
    await exchange(code, null, { codeVerifier: 'w'.repeat(43) }).expect(401);
    const link2 = await requestLink(account.email, { codeChallenge });
    const code2 = (await follow(link2)).location!.searchParams.get('code')!;
    const signedIn = await exchange(code2, null, { codeVerifier: verifier }).expect(200);
    expect(signedIn.body.user.id).toBe(account.user.id);
  });

  it('answers every address alike: unknown, unverified and banned addresses get 202 and no link', async () => {
    const known = await withVerifiedEmail();
    const unverified = await signUp(t.http);
    const unknownEmail = uniqueEmail('nobody');
    const banned = await withVerifiedEmail();
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${banned.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    const answers = [];
    for (const email of [known.email, unverified.email, unknownEmail, banned.email]) {
      const answer = await t.http
        .post('/auth/email-link')
        .send({ email, redirectUrl: RETURN_TO })
        .expect(202);
      answers.push(JSON.stringify(answer.body));
    }
    expect(new Set(answers).size).toBe(1);
    await next(inbox.signInLinks, (link) => link.email === known.email, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(linksTo(unverified.email)).toEqual([]);
    expect(linksTo(unknownEmail)).toEqual([]);
    expect(linksTo(banned.email)).toEqual([]);
    // Sign-up is off: nobody was created for the unknown address.
    const users = await sql(
      t.app,
      'select id from userkit_email_addresses where normalized_email = ?',
      [unknownEmail],
    );
    expect(users).toEqual([]);
  });

  it.each([
    ['another origin', 'http://evil.example/auth/done'],
    ['a path outside the allowed prefix', `${FRONT_END}/other`],
    ['a protocol-relative URL', '//evil.example/auth'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['user-info tricks', `http://127.0.0.1:5173@evil.example/auth/done`],
    ['a look-alike host', 'http://127.0.0.1.evil.example:5173/auth/done'],
  ])(
    'refuses a redirectUrl of %s with 400 REDIRECT_NOT_ALLOWED, and sends nothing',
    async (_, url) => {
      const account = await withVerifiedEmail();
      const refused = await t.http
        .post('/auth/email-link')
        .send({ email: account.email, redirectUrl: url })
        .expect(400);
      expect(refused.body.code).toBe('REDIRECT_NOT_ALLOWED');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(linksTo(account.email)).toEqual([]);
    },
  );

  it('a HEAD request (a mail scanner, a link preview) does not spend the link', async () => {
    const account = await withVerifiedEmail();
    const link = await requestLink(account.email);
    const url = new URL(link.link);
    const head = await t.http.head(`${url.pathname}${url.search}`);
    expect(head.status).toBe(204);
    const followed = await follow(link);
    expect(followed.location!.searchParams.has('code')).toBe(true);
  });

  it('an expired link redirects with error=link_expired and no code', async () => {
    const account = await withVerifiedEmail();
    const link = await requestLink(account.email);
    await sql(t.app, 'update userkit_email_sign_in_tokens set expires_at = ? where user_id = ?', [
      new Date(Date.now() - 1000),
      account.user.id,
    ]);
    const followed = await follow(link);
    expect(followed.response.status).toBe(302);
    expect(followed.location!.searchParams.get('error')).toBe('link_expired');
    expect(followed.location!.searchParams.has('code')).toBe(false);
  });

  it('a link of a user banned since, or who no longer holds the address, redirects with error=sign_in_refused', async () => {
    const banned = await withVerifiedEmail();
    const bannedLink = await requestLink(banned.email);
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${banned.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    const refused = await follow(bannedLink);
    expect(refused.location!.searchParams.get('error')).toBe('sign_in_refused');
    const failed = await auditDetails(t, banned.user.id, 'sign_in.failed');
    expect(failed).toContainEqual(
      expect.objectContaining({ method: 'email_link', reason: 'banned' }),
    );

    const deleted = await withVerifiedEmail();
    const deletedLink = await requestLink(deleted.email);
    await t.http
      .delete(`/admin/users/${deleted.user.id}`)
      .set(bearer(admin.accessToken))
      .expect((response) => expect([200, 204]).toContain(response.status));
    // The link died with its user: no flow is left to return to.
    const gone = await follow(deletedLink);
    expect(gone.response.status).toBe(400);
    expect(gone.response.body.code).toBe('EMAIL_LINK_INVALID');
  });

  it.each([
    ['no token', ''],
    ['an unknown token', '?token=' + 'a'.repeat(43)],
    ['a short token', '?token=abc'],
    ['a long token', '?token=' + 'a'.repeat(500)],
    ['an array', '?token=a&token=b'],
    ['an object', '?token[x]=' + 'a'.repeat(43)],
  ])(
    'GET /auth/email-link/verify with %s: 400 EMAIL_LINK_INVALID, never a 5xx',
    async (_, query) => {
      const response = await t.http.get(`/auth/email-link/verify${query}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('EMAIL_LINK_INVALID');
    },
  );

  it('16 parallel opens of one link: exactly one code; 16 parallel exchanges of it: exactly one session', async () => {
    const account = await withVerifiedEmail();
    const link = await requestLink(account.email);
    const opened = await Promise.all(Array.from({ length: 16 }, () => follow(link)));
    expect(opened.every((open) => open.response.status === 302)).toBe(true);
    const codes = opened.filter((open) => open.location!.searchParams.has('code'));
    expect(codes).toHaveLength(1);
    expect(
      opened.filter((open) => open.location!.searchParams.get('error') === 'link_used'),
    ).toHaveLength(15);
    const [winner] = codes;
    const code = winner.location!.searchParams.get('code')!;
    const exchanges = await Promise.all(
      Array.from({ length: 16 }, () => exchange(code, winner.cookie)),
    );
    const statuses = exchanges.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => status === 200 || status === 401)).toBe(true);
  });

  it('stores only a digest of the link’s token', async () => {
    const account = await withVerifiedEmail();
    const link = await requestLink(account.email);
    const rows = await sql<{ token_hash: string; kind: string }>(
      t.app,
      'select token_hash, kind from userkit_email_sign_in_tokens where user_id = ?',
      [account.user.id],
    );
    expect(rows).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), kind: 'link' }]);
    expect(JSON.stringify(rows)).not.toContain(link.token);
  });

  it('a user with 2FA on still passes the second factor at the exchange', async () => {
    const account = await withVerifiedEmail();
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const secret = enrolled.body.secret as string;
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(secret, -30) })
      .expect(200);
    const followed = await follow(await requestLink(account.email));
    const challenged = await exchange(
      followed.location!.searchParams.get('code')!,
      followed.cookie,
    ).expect(200);
    expect(challenged.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    const completed = await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenged.body.challenge, code: await codeAt(secret, 0) })
      .expect(200);
    expect(completed.body.user.id).toBe(account.user.id);
    const succeeded = await auditDetails(t, account.user.id, 'sign_in.succeeded');
    expect(succeeded).toContainEqual(
      expect.objectContaining({ method: 'email_link', secondFactor: 'totp' }),
    );
  });

  it('5 messages an hour per address, codes and links together, known or not: then 429 TOO_MANY_MESSAGES', async () => {
    const unknownEmail = uniqueEmail('nobody');
    for (let i = 0; i < 3; i += 1)
      await t.http
        .post('/auth/email-link')
        .send({ email: unknownEmail, redirectUrl: RETURN_TO })
        .expect(202);
    for (let i = 0; i < 2; i += 1)
      await t.http.post('/auth/email-code').send({ email: unknownEmail }).expect(202);
    const limited = await t.http
      .post('/auth/email-link')
      .send({ email: unknownEmail.toUpperCase(), redirectUrl: RETURN_TO })
      .expect(429);
    expect(limited.body.code).toBe('TOO_MANY_MESSAGES');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.each([
    ['not an address', { email: 'not-an-email', redirectUrl: RETURN_TO }],
    ['an object', { email: { $ne: null }, redirectUrl: RETURN_TO }],
    ['no redirectUrl', { email: 'a@example.com' }],
    ['a redirectUrl array', { email: 'a@example.com', redirectUrl: [RETURN_TO] }],
    ['a bad codeChallenge', { email: 'a@example.com', redirectUrl: RETURN_TO, codeChallenge: 'x' }],
    ['an extra field', { email: 'a@example.com', redirectUrl: RETURN_TO, userId: 'x' }],
  ])('refuses %s with 400, never a 5xx', async (_, body) => {
    const response = await t.http.post('/auth/email-link').send(body);
    expect(response.status).toBe(400);
  });
});

describe('email link sign-in off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth` },
      overrides: { messageSender: new CapturingMessageSender() },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the pages offer neither email code nor email link', async () => {
    ensureUiBuilt();
    const page = await t.http.get('/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({ emailCode: false, emailLink: false });
  });

  it('answers 404 EMAIL_LINK_SIGN_IN_DISABLED on both routes', async () => {
    const request = await t.http
      .post('/auth/email-link')
      .send({ email: uniqueEmail(), redirectUrl: RETURN_TO })
      .expect(404);
    expect(request.body.code).toBe('EMAIL_LINK_SIGN_IN_DISABLED');
    const verify = await t.http.get(`/auth/email-link/verify?token=${'a'.repeat(43)}`).expect(404);
    expect(verify.body.code).toBe('EMAIL_LINK_SIGN_IN_DISABLED');
  });
});

describe('email link sign-in: per-client limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT: 'on', OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth` },
      overrides: { messageSender: new CapturingMessageSender(), emailLinkSignIn: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /auth/email-link counts in the sendMessage bucket (3 a minute per client), whatever the address', async () => {
    for (let i = 0; i < 3; i += 1)
      await t.http
        .post('/auth/email-link')
        .send({ email: uniqueEmail(), redirectUrl: RETURN_TO })
        .expect(202);
    const limited = await t.http
      .post('/auth/email-link')
      .send({ email: uniqueEmail(), redirectUrl: RETURN_TO })
      .expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});

describe('passwordless sign-up (passwordless.signUp: true)', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  const { linksTo, requestLink, follow, exchange } = linkHarness(() => t, inbox);
  beforeAll(async () => {
    t = await startTestApp({
      env: { PUBLIC_URL, OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth` },
      overrides: {
        messageSender: inbox,
        emailLinkSignIn: true,
        emailSignIn: true,
        passwordlessSignUp: true,
        lifecycleHooks: {
          beforeCreate: (draft) => {
            if (draft.email?.endsWith('@blocked.example'))
              throw new ForbiddenException('Sign-ups from this domain are closed');
            return draft;
          },
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function signUpCode(email: string): Promise<string> {
    const before = inbox.signUpCodes.filter((code) => code.email === email).length;
    await t.http.post('/auth/email-code').send({ email }).expect(202);
    return (await next(inbox.signUpCodes, (code) => code.email === email, before)).code;
  }

  it('a link to an unknown address opens a verified account through the one write path', async () => {
    const email = uniqueEmail('newcomer');
    const link = await requestLink(email);
    expect(link.user).toBeNull();
    const followed = await follow(link);
    const code = followed.location!.searchParams.get('code')!;
    const signedIn = await exchange(code, followed.cookie).expect(200);
    const me = await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    expect(me.body.emailAddresses).toEqual([
      expect.objectContaining({ email, verified: true, primary: true }),
    ]);
    const created = await auditDetails(t, signedIn.body.user.id, 'user.signed_up');
    expect(created).toContainEqual(expect.objectContaining({ source: 'passwordless' }));
    const succeeded = await auditDetails(t, signedIn.body.user.id, 'sign_in.succeeded');
    expect(succeeded).toContainEqual(expect.objectContaining({ method: 'email_link' }));
    // Now known: the next link signs in to the same account.
    const again = await follow(await requestLink(email));
    const second = await exchange(again.location!.searchParams.get('code')!, again.cookie).expect(
      200,
    );
    expect(second.body.user.id).toBe(signedIn.body.user.id);
  });

  it('a code to an unknown address opens a verified account; 16 parallel redemptions make one', async () => {
    const email = uniqueEmail('coder');
    const code = await signUpCode(email);
    expect(code).toMatch(/^\d{6}$/);
    const responses = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http.post('/auth/email-code/verify').send({ email, code }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
    const winner = responses.find((response) => response.status === 200)!;
    const me = await t.http.get('/me').set(bearer(winner.body.accessToken)).expect(200);
    expect(me.body.emailAddresses).toEqual([
      expect.objectContaining({ email, verified: true, primary: true }),
    ]);
    const rows = await sql(
      t.app,
      'select id from userkit_email_addresses where normalized_email = ?',
      [email],
    );
    expect(rows).toHaveLength(1);
  });

  it('a wrong sign-up code signs nobody up; an expired one neither', async () => {
    const email = uniqueEmail('wrong');
    const code = await signUpCode(email);
    await t.http
      .post('/auth/email-code/verify')
      .send({ email, code: code === '000000' ? '111111' : '000000' })
      .expect(401);
    await sql(
      t.app,
      'update userkit_email_sign_in_tokens set expires_at = ? where normalized_email = ?',
      [new Date(Date.now() - 1000), email],
    );
    const refused = await t.http.post('/auth/email-code/verify').send({ email, code }).expect(401);
    expect(refused.body.code).toBe('INVALID_EMAIL_CODE');
    const rows = await sql(
      t.app,
      'select id from userkit_email_addresses where normalized_email = ?',
      [email],
    );
    expect(rows).toEqual([]);
  });

  it('an address an account holds unverified gets nothing: no sign-up over it, no sign-in into it', async () => {
    const squatted = await signUp(t.http);
    await t.http
      .post('/auth/email-link')
      .send({ email: squatted.email, redirectUrl: RETURN_TO })
      .expect(202);
    await t.http.post('/auth/email-code').send({ email: squatted.email }).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(linksTo(squatted.email)).toEqual([]);
    expect(inbox.signUpCodes.filter((code) => code.email === squatted.email)).toEqual([]);
  });

  it('a sign-up the host’s beforeCreate refuses redirects with error=sign_up_refused', async () => {
    const email = uniqueEmail('someone').replace(/@.*$/, '@blocked.example');
    const followed = await follow(await requestLink(email));
    expect(followed.response.status).toBe(302);
    expect(followed.location!.searchParams.get('error')).toBe('sign_up_refused');
  });
});

describe('what the email link and passwordless sign-up need is checked at start', () => {
  /** A host's own sender from before sign-in links: the three required methods only. */
  const olderSender = () => {
    const log = new LoggingMessageSender({ log: () => undefined });
    return {
      sendEmailVerificationCode: log.sendEmailVerificationCode.bind(log),
      sendPhoneVerificationCode: log.sendPhoneVerificationCode.bind(log),
      sendPasswordResetLink: log.sendPasswordResetLink.bind(log),
    };
  };

  it.each([
    [
      'emailLinkSignIn without UserOAuthModule',
      { publicUrl: PUBLIC_URL },
      { emailLinkSignIn: true },
      false,
      /emailLinkSignIn needs UserOAuthModule/,
    ],
    [
      'emailLinkSignIn without publicUrl',
      {},
      { emailLinkSignIn: true },
      true,
      /emailLinkSignIn needs publicUrl/,
    ],
    [
      'emailLinkSignIn with a sender without sendSignInLink',
      { publicUrl: PUBLIC_URL, messageSender: olderSender() },
      { emailLinkSignIn: true },
      true,
      /emailLinkSignIn needs a MessageSender with sendSignInLink/,
    ],
    [
      'passwordless.signUp by code with a sender without sendEmailSignUpCode',
      { publicUrl: PUBLIC_URL, messageSender: olderSender() },
      { emailSignIn: true, passwordless: { signUp: true } },
      false,
      /passwordless.signUp with emailSignIn needs a MessageSender with sendEmailSignUpCode/,
    ],
  ])('%s stops the start', async (_, core, contacts: UserContactsOptions, oauth, message) => {
    await expect(
      startBareHost({
        userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, ...core }),
        imports: [
          UserContactsModule.forRoot(contacts),
          ...(oauth ? [UserOAuthModule.forRoot({})] : []),
        ],
      }),
    ).rejects.toThrow(message);
  });
});
