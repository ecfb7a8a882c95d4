// Sign-in by email code through a real SMTP server (issue 23): the sample with SMTP_URL and
// EMAIL_SIGN_IN=on mails the code, worded as a sign-in code; the code from the mail signs in.
import { SmtpInbox } from './support/smtp-inbox.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

describe('email sign-in with the code from a real mail (SMTP_URL, EMAIL_SIGN_IN=on)', () => {
  const inbox = new SmtpInbox();
  let t: TestApp;
  beforeAll(async () => {
    await inbox.start();
    t = await startTestApp({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
        SMTP_FROM: 'Sample <sample@localhost>',
        EMAIL_SIGN_IN: 'on',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await inbox.stop();
  });

  it('verifies the address, then signs in with the mailed sign-in code', async () => {
    const account = await signUp(t.http);
    const verification = await inbox.waitFor(account.email, 5000, /is your verification code/);
    const verifyCode = /Subject: (\d{6}) is your verification code/.exec(verification.text)?.[1];
    const [address] = account.user.emailAddresses as Array<{ id: string }>;
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: verifyCode })
      .expect(200);

    await t.http.post('/auth/email-code').send({ email: account.email }).expect(202);
    const mail = await inbox.waitFor(account.email, 5000, /is your sign-in code/);
    expect(mail.from).toBe('sample@localhost');
    const code = /Subject: (\d{6}) is your sign-in code/.exec(mail.text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code })
      .expect(200);
    expect(signedIn.body.user.id).toBe(account.user.id);
  });
});
