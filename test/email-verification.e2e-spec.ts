// Sign-up sends the verification code of its address (and number), and `requireVerifiedEmail`
// keeps a user who has not verified one to GET /me, verifying, resending, adding an address and
// signing out: 403 EMAIL_NOT_VERIFIED everywhere else behind the library's guard, the host's own
// routes included.
import { Controller, Get } from '@nestjs/common';
import { AllowUnverifiedEmail, Public, UserModule } from '@userkit/user';
import { UserContactsModule } from '@userkit/user/contacts';
import { startBareHost, type BareHost } from './support/bare-host.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from './support/users.js';

interface Address {
  id: string;
  email: string;
  verified: boolean;
}

function addressOf(account: SignedUp): Address {
  return (account.user.emailAddresses as Address[])[0];
}

describe('sign-up sends the verification code', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox, anonymousSignUp: true } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the code in the sign-up message verifies the address', async () => {
    const account = await signUp(t.http);
    const code = inbox.lastCode(account.email);
    expect(code).toMatch(/^\d{6}$/);
    const verified = await t.http
      .post(`/me/emails/${addressOf(account).id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code })
      .expect(200);
    expect(verified.body).toMatchObject({ email: account.email, verified: true, primary: true });
  });

  it('so does the upgrade of an anonymous user', async () => {
    const guest = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    const email = uniqueEmail('upgraded');
    const upgraded = await t.http
      .post('/me/upgrade')
      .set(bearer(guest.body.accessToken))
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    const [address] = upgraded.body.emailAddresses;
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(upgraded.body.tokens.accessToken))
      .send({ code: inbox.lastCode(email) })
      .expect(200);
  });

  it('a sender that fails loses no account: the sign-up stands and resend works', async () => {
    inbox.fail = true;
    let account: SignedUp;
    try {
      account = await signUp(t.http);
    } finally {
      inbox.fail = false;
    }
    expect(() => inbox.lastCode(account.email)).toThrow(/no code/);
    await t.http
      .post(`/me/emails/${addressOf(account).id}/resend`)
      .set(bearer(account.accessToken))
      .expect(204);
    expect(inbox.lastCode(account.email)).toMatch(/^\d{6}$/);
  });
});

describe('requireVerifiedEmail', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({
      overrides: { messageSender: inbox, requireVerifiedEmail: true, anonymousSignUp: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('before verifying: GET /me, resend, verify and sign-out only; 403 EMAIL_NOT_VERIFIED elsewhere; after: everything, with the same token', async () => {
    const account = await signUp(t.http);
    const auth = bearer(account.accessToken);
    const me = await t.http.get('/me').set(auth).expect(200);
    expect(me.body.emailAddresses[0]).toMatchObject({ verified: false });
    for (const call of [
      t.http.patch('/me').set(auth).send({ displayName: 'Ada' }),
      t.http.get('/me/sessions').set(auth),
      t.http.get('/me/attribute-schema').set(auth),
      t.http.post('/me/2fa/totp').set(auth),
      t.http.post('/me/phones').set(auth).send({ phoneNumber: '+12015550199' }),
      t.http.get('/userinfo').set(auth),
    ]) {
      const refused = await call;
      expect([refused.status, refused.body.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
    }
    const address = addressOf(account);
    await t.http.post(`/me/emails/${address.id}/resend`).set(auth).expect(204);
    const wrong = inbox.lastCode(account.email) === '000000' ? '111111' : '000000';
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(auth)
      .send({ code: wrong })
      .expect(400);
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(auth)
      .send({ code: inbox.lastCode(account.email) })
      .expect(200);
    const patched = await t.http.patch('/me').set(auth).send({ displayName: 'Ada' }).expect(200);
    expect(patched.body.displayName).toBe('Ada');
    await t.http.get('/me/sessions').set(auth).expect(200);
  });

  it('a user may add (and verify) another address, e.g. after a typo', async () => {
    const account = await signUp(t.http);
    const auth = bearer(account.accessToken);
    const other = uniqueEmail('fixed');
    const added = await t.http.post('/me/emails').set(auth).send({ email: other }).expect(201);
    await t.http
      .post(`/me/emails/${added.body.id}/verify`)
      .set(auth)
      .send({ code: inbox.lastCode(other) })
      .expect(200);
    await t.http.get('/me/sessions').set(auth).expect(200);
  });

  it('signs in and out before verifying; a new session is held to the same rule', async () => {
    const account = await signUp(t.http);
    const signedIn = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: GOOD_PASSWORD })
      .expect(200);
    const refused = await t.http
      .get('/me/sessions')
      .set(bearer(signedIn.body.accessToken))
      .expect(403);
    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
    await t.http
      .post('/auth/logout')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(204);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(401);
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);
    await t.http.get('/me').set(bearer(refreshed.body.accessToken)).expect(200);
  });

  it('anonymous users have no address to verify: not held back', async () => {
    const guest = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    await t.http
      .patch('/me')
      .set(bearer(guest.body.accessToken))
      .send({ displayName: 'Guest' })
      .expect(200);
  });
});

@Controller('projects')
class ProjectsController {
  @Get()
  list(): { ok: boolean } {
    return { ok: true };
  }

  @AllowUnverifiedEmail()
  @Get('help')
  help(): { ok: boolean } {
    return { ok: true };
  }

  @Public()
  @Get('featured')
  featured(): { ok: boolean } {
    return { ok: true };
  }
}

describe('requireVerifiedEmail on the host’s own routes (globalGuards)', () => {
  let host: BareHost;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    host = await startBareHost({
      userModule: UserModule.forRoot({
        tokenSecret: TEST_JWT_SECRET,
        rateLimits: false,
        globalGuards: true,
        requireVerifiedEmail: true,
        messageSender: inbox,
      }),
      imports: [UserContactsModule.forRoot({})],
      controllers: [ProjectsController],
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('403 EMAIL_NOT_VERIFIED until verified, except @AllowUnverifiedEmail() and @Public() routes', async () => {
    const account = await signUp(host.http);
    const auth = bearer(account.accessToken);
    const refused = await host.http.get('/projects').set(auth).expect(403);
    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
    await host.http.get('/projects/help').set(auth).expect(200, { ok: true });
    await host.http.get('/projects/featured').expect(200, { ok: true });
    await host.http.get('/projects').expect(401);
    await host.http
      .post(`/me/emails/${addressOf(account).id}/verify`)
      .set(auth)
      .send({ code: inbox.lastCode(account.email) })
      .expect(200);
    await host.http.get('/projects').set(auth).expect(200, { ok: true });
  });
});

describe('options that need UserContactsModule', () => {
  it.each([
    [
      'requireVerifiedEmail',
      { requireVerifiedEmail: true },
      /requireVerifiedEmail needs UserContactsModule/,
    ],
    [
      'identifiers.phone',
      { identifiers: { phone: 'optional' as const } },
      /identifiers.phone needs UserContactsModule/,
    ],
    [
      'requireVerifiedEmail without a required email',
      {
        requireVerifiedEmail: true,
        identifiers: { email: 'optional' as const, username: 'required' as const },
      },
      /requireVerifiedEmail needs identifiers.email to be 'required'/,
    ],
  ])('%s stops the start of a host without it', async (_, options, message) => {
    await expect(
      startBareHost({
        userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, ...options }),
      }),
    ).rejects.toThrow(message);
  });
});
