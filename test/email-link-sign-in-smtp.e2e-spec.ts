// Sign-in links and sign-up codes through a real SMTP server (issue 23): the sample with SMTP_URL,
// EMAIL_LINK_SIGN_IN, EMAIL_SIGN_IN and PASSWORDLESS_SIGN_UP on mails them; the link from the mail
// redirects to the allow-listed front-end with a code the exchange turns into a session, and the
// code from the mail opens a new account.
import { SmtpInbox } from './support/smtp-inbox.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, uniqueEmail } from './support/users.js';

const FRONT_END = 'http://127.0.0.1:5173';
const RETURN_TO = `${FRONT_END}/auth/done`;

describe('email links and sign-up codes from a real mail (SMTP_URL)', () => {
  const inbox = new SmtpInbox();
  let t: TestApp;
  beforeAll(async () => {
    await inbox.start();
    t = await startTestApp({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
        SMTP_FROM: 'Sample <sample@localhost>',
        EMAIL_SIGN_IN: 'on',
        EMAIL_LINK_SIGN_IN: 'on',
        PASSWORDLESS_SIGN_UP: 'on',
        OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth`,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await inbox.stop();
  });

  /** The link in a mail, opened: the redirect and the binding cookie. */
  async function openMailedLink(email: string, after = 0) {
    const deadline = Date.now() + 5000;
    let link: URL | null = null;
    while (!link) {
      const mails = inbox.mails.filter(
        (mail) => mail.to.includes(email) && /Your sign-in link/.test(mail.text),
      );
      const found =
        mails[after] &&
        /(http:\/\/\S+\/auth\/email-link\/verify\?token=\S+)/.exec(mails[after].text);
      if (found) link = new URL(found[1]);
      else if (Date.now() > deadline) throw new Error(`no sign-in link mailed to ${email}`);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const opened = await t.http.get(`${link.pathname}${link.search}`).expect(302);
    const setCookie = opened.headers['set-cookie'] as unknown as string[];
    return { location: new URL(opened.headers.location), cookie: setCookie[0].split(';')[0] };
  }

  it('a mailed link to a new address creates the account; the next mailed link signs in to it', async () => {
    const email = uniqueEmail('smtp-link');
    await t.http.post('/auth/email-link').send({ email, redirectUrl: RETURN_TO }).expect(202);
    const first = await openMailedLink(email);
    expect(first.location.origin + first.location.pathname).toBe(RETURN_TO);
    const created = await t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', first.cookie)
      .send({ code: first.location.searchParams.get('code') })
      .expect(200);
    const me = await t.http.get('/me').set(bearer(created.body.accessToken)).expect(200);
    expect(me.body.emailAddresses).toEqual([expect.objectContaining({ email, verified: true })]);

    await t.http.post('/auth/email-link').send({ email, redirectUrl: RETURN_TO }).expect(202);
    const second = await openMailedLink(email, 1);
    const signedIn = await t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', second.cookie)
      .send({ code: second.location.searchParams.get('code') })
      .expect(200);
    expect(signedIn.body.user.id).toBe(created.body.user.id);
    const mail = inbox.mails.find((entry) => entry.to.includes(email))!;
    expect(mail.from).toBe('sample@localhost');
  });

  it('a mailed sign-up code opens a new account', async () => {
    const email = uniqueEmail('smtp-code');
    await t.http.post('/auth/email-code').send({ email }).expect(202);
    const mail = await inbox.waitFor(email, 5000, /is your sign-up code/);
    const code = /Subject: (\d{6}) is your sign-up code/.exec(mail.text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await t.http.post('/auth/email-code/verify').send({ email, code }).expect(200);
    const me = await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    expect(me.body.emailAddresses).toEqual([expect.objectContaining({ email, verified: true })]);
  });
});
