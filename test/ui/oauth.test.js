// `npm run test:ui`: sign-in with a configured OAuth provider from the pages — the provider link
// (client.oauthUrl), the round trip, the `?code=` exchange when the browser comes back, and the
// second factor it asks for when two-step verification is on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';
import { startOAuthProvider } from './support/oauth-provider.js';

const EMAIL = `ui.oauth.${Date.now().toString(36)}@example.com`;

const GRACE = {
  sub: 'ui-google-user',
  given_name: 'Grace',
  family_name: 'Hopper',
  email: EMAIL,
  email_verified: true,
};
let person = GRACE;

let provider;
let app;
let browser;

before(async () => {
  provider = await startOAuthProvider({ google: () => person });
  app = await startUiApp(provider.env);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await provider?.stop();
});

/** Signs in with "Continue with Google" from the sign-in page; the profile's Password card. */
async function passwordCardAfterGoogle(page) {
  await page.goto(`${app.ui}/sign-in`);
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Your account', exact: true })
    .waitFor({ timeout: 20_000 });
  return page.getByRole('region', { name: 'Password' });
}

test('"Continue with Google" signs in through the provider and lands on the profile', async () => {
  const { page, context } = await newPage(browser);
  try {
    await page.goto(`${app.ui}/sign-in`);
    const link = page.getByRole('link', { name: 'Continue with Google' });
    await link.waitFor();
    const target = new URL(await link.getAttribute('href'), app.base);
    assert.equal(target.pathname, '/oauth/google');
    assert.equal(target.searchParams.get('redirect_url'), `${app.ui}/sign-in`);

    await link.click();
    await page
      .getByRole('heading', { level: 1, name: 'Your account', exact: true })
      .waitFor({ timeout: 20_000 });
    // The one-time code is gone from the address bar once exchanged.
    assert.equal(new URL(page.url()).searchParams.get('code'), null);
    await page.getByText(EMAIL).first().waitFor();
    const connected = page.getByRole('region', { name: 'Connected accounts' });
    await connected.getByText('Google').first().waitFor();
    assert.ok(
      (await context.cookies()).some((cookie) => cookie.name === 'userkit_refresh'),
      'the session is in the cookie',
    );
    await screenshots(page, 'profile-oauth');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('an OAuth-only account has no password: the profile mails a set-password link instead of the change form', async () => {
  const { page, context } = await newPage(browser);
  try {
    const password = await passwordCardAfterGoogle(page);
    await password.getByText('this account has no password yet').waitFor();
    await password.getByText(EMAIL).waitFor();
    // No change form: it would ask for a current password this user does not have.
    assert.equal(await page.getByLabel('Current password').count(), 0);
    assert.equal(await page.getByRole('form', { name: 'Change password' }).count(), 0);
    await screenshots(page, 'profile-oauth-no-password');

    const before = app.inbox.mails.length;
    await password.getByRole('button', { name: 'Email me a link to set a password' }).click();
    await password
      .getByRole('status')
      .filter({ hasText: `A link to set your password is on its way to ${EMAIL}` })
      .waitFor();
    const link = await app.inbox.resetLink(EMAIL, { since: before });
    assert.ok(link.startsWith(`${app.ui}/reset-password?token=`), link);
    await password.getByRole('button', { name: 'Send the link again' }).waitFor();
    await screenshots(page, 'profile-oauth-set-password-sent');
    await page.setViewportSize({ width: 375, height: 740 });
    assert.equal(await overflowsHorizontally(page), false, 'the profile fits 375 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The link sets a first password (every session ends); signing in with it, the profile then
    // shows the change form.
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    const chosen = 'quartz-meadow-lantern-88';
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await page.goto(`${app.ui}/sign-in`);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(chosen);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Your account', exact: true })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('form', { name: 'Change password' }).waitFor();
    await page.getByLabel('Current password').waitFor();
    assert.equal(await page.getByText('this account has no password yet').count(), 0);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('with two-step verification on, "Continue with Google" asks for the code before signing in', async () => {
  const { page, context } = await newPage(browser);
  person = {
    sub: 'ui-google-2fa',
    given_name: 'Katherine',
    family_name: 'Johnson',
    email: `ui.oauth.2fa.${Date.now().toString(36)}@example.com`,
    email_verified: true,
  };
  try {
    await passwordCardAfterGoogle(page);
    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent()).trim();
    const now = Math.floor(Date.now() / 1000);
    await page
      .getByLabel('Code from the app', { exact: true })
      .fill(await generate({ secret, epoch: now }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('button', { name: 'I saved them' }).click();
    await page.getByText('Signing in asks for a code').waitFor();
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    assert.ok(
      !(await context.cookies()).some((cookie) => cookie.name === 'userkit_refresh'),
      'no session before the second factor',
    );
    // The next time step: the one used to turn it on may not be replayed.
    await page
      .getByLabel('Code', { exact: true })
      .fill(await generate({ secret, epoch: now + 30 }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Your account', exact: true })
      .waitFor({ timeout: 20_000 });
    assert.deepEqual(page.errors, []);
  } finally {
    person = GRACE;
    await context.close();
  }
});

test('an OAuth-only account without an email is told a password needs an email address first', async () => {
  const { page, context } = await newPage(browser);
  person = { sub: 'ui-google-no-email', given_name: 'Mary', family_name: 'Jackson' };
  try {
    const password = await passwordCardAfterGoogle(page);
    await password.getByText('A password needs an email address first').waitFor();
    assert.equal(await password.getByRole('button').count(), 0);
    assert.equal(await page.getByLabel('Current password').count(), 0);
    await screenshots(page, 'profile-oauth-no-email');
    assert.deepEqual(page.errors, []);
  } finally {
    person = GRACE;
    await context.close();
  }
});

test('a code that does not exchange shows the error on the sign-in page', async () => {
  const { page, context } = await newPage(browser);
  try {
    await page.goto(`${app.ui}/sign-in?code=not-a-real-code`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Sign-in with the provider failed/);
    assert.equal(new URL(page.url()).searchParams.get('code'), null);
    await screenshots(page, 'sign-in-oauth-error');
  } finally {
    await context.close();
  }
});
