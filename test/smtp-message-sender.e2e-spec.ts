import { SmtpMessageSender } from '@userkit/user';
import { readSampleConfig } from '../apps/sample/src/sample-config.js';
import { SmtpInbox } from './support/smtp-inbox.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail } from './support/users.js';

const RECIPIENT = { id: 'u1', displayName: null, firstName: null, lastName: null };

describe('SmtpMessageSender against a real SMTP server on 127.0.0.1', () => {
  const inbox = new SmtpInbox();
  beforeAll(async () => {
    await inbox.start();
  });
  afterAll(async () => {
    await inbox.stop();
  });

  it('mails a verification code, a reset link and a link notice as plain text', async () => {
    const sender = new SmtpMessageSender({
      transport: { host: '127.0.0.1', port: inbox.port, secure: false, ignoreTLS: true },
      from: 'Acme <no-reply@acme.example>',
      productName: 'Acme',
    });
    const email = uniqueEmail('smtp');
    await sender.sendEmailVerificationCode({
      user: RECIPIENT,
      email,
      code: '042917',
      expiresAt: new Date(),
    });
    const codeMail = await inbox.waitFor(email);
    expect(codeMail.from).toBe('no-reply@acme.example');
    expect(codeMail.text).toMatch(/Subject: 042917 is your verification code/);
    expect(codeMail.text).toContain('Acme');

    const resetTo = uniqueEmail('smtp-reset');
    const link = `https://app.acme.example/reset-password?token=${'a'.repeat(43)}`;
    await sender.sendPasswordResetLink({
      user: RECIPIENT,
      email: resetTo,
      link,
      token: 'a'.repeat(43),
      expiresAt: new Date(),
    });
    expect((await inbox.waitFor(resetTo)).text).toContain(link);

    const noticeTo = uniqueEmail('smtp-linked');
    await sender.sendSignInMethodLinkedNotice({
      user: RECIPIENT,
      email: noticeTo,
      provider: 'github',
      providerEmail: 'octo@example.com',
      linkedAt: new Date(),
    });
    const notice = (await inbox.waitFor(noticeTo)).text;
    expect(notice).toMatch(/Subject: A new way to sign in to Acme/);
    expect(notice).toContain('A github account (octo@example.com) can now sign in to Acme.');
    sender.close();
  });

  it('refuses phone codes (SMTP is not SMS) with a clear error', async () => {
    const sender = new SmtpMessageSender({
      transport: `smtp://127.0.0.1:${inbox.port}`,
      from: 'no-reply@acme.example',
    });
    await expect(
      sender.sendPhoneVerificationCode({
        user: RECIPIENT,
        phoneNumber: '+12015550123',
        code: '123456',
        expiresAt: new Date(),
      }),
    ).rejects.toThrow(/SMS/);
    sender.close();
  });

  describe('in the sample app with SMTP_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        env: {
          SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
          SMTP_FROM: 'Sample <sample@localhost>',
        },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('verifies an added address with the code from the mail', async () => {
      const account = await signUp(t.http);
      const email = uniqueEmail('mailed');
      const added = await t.http
        .post('/me/emails')
        .set(bearer(account.accessToken))
        .send({ email })
        .expect(201);
      const mail = await inbox.waitFor(email);
      expect(mail.from).toBe('sample@localhost');
      const code = /Subject: (\d{6}) is your verification code/.exec(mail.text)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      await t.http
        .post(`/me/emails/${added.body.id}/verify`)
        .set(bearer(account.accessToken))
        .send({ code })
        .expect(200);
    });

    it('resets a password with the link from the mail', async () => {
      const account = await signUp(t.http);
      await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
      const mail = await inbox.waitFor(account.email, 5000, /reset-password\?token=/);
      // The sample's reset links land on the prebuilt pages at /account.
      const link =
        /(http:\/\/127\.0\.0\.1:3000\/account\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(
          mail.text,
        )?.[1];
      expect(link).toBeDefined();
      const token = new URL(link!).searchParams.get('token');
      await t.http
        .post('/auth/password/reset')
        .send({ token, password: 'mailed-lantern-harbor-31' })
        .expect(204);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: 'mailed-lantern-harbor-31' })
        .expect(200);
    });
  });

  it('stops the sample at start on a malformed SMTP_URL', () => {
    expect(() => readSampleConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
  });
});
