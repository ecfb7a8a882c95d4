// `npm run test:ui`: signing in without a password from the pages (issue 23), with the sample's
// EMAIL_SIGN_IN, EMAIL_LINK_SIGN_IN and PASSWORDLESS_SIGN_UP on and no SMTP (LoggingMessageSender:
// the link and the code are read from the app's log). "Email me a link" to a new address creates
// the account and signs in; the same link opened again is refused in words; "Email me a code"
// signs back in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

const stamp = Date.now().toString(36);
const EMAIL = `ui.passwordless.${stamp}@example.com`;

let app;
let browser;
let main;

before(async () => {
  // NODE_ENV=test keeps only warnings and errors in the log; the messages are `log` lines.
  app = await startUiApp({
    NODE_ENV: 'development',
    SMTP_URL: '',
    EMAIL_SIGN_IN: 'on',
    EMAIL_LINK_SIGN_IN: 'on',
    PASSWORDLESS_SIGN_UP: 'on',
  });
  browser = await launchBrowser();
  main = await newPage(browser);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

function heading(page, name) {
  return page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 20_000 });
}

function escaped(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let firstLink;

test('"Email me a link" to a new address: the logged link creates the account and signs in', async () => {
  const { page } = main;
  await page.goto(`${app.ui}/sign-in`);
  await page.getByRole('link', { name: 'Email me a link', exact: true }).click();
  await heading(page, 'Sign in with a link by email');
  await page.getByLabel('Email', { exact: true }).fill(EMAIL);
  const since = app.output.length;
  await page.getByRole('button', { name: 'Email me a link', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'a sign-in link is on its way' }).waitFor();
  await screenshots(page, 'sign-in-email-link-sent');
  firstLink = (
    await app.waitForOutput(new RegExp(`Sign-in link for ${escaped(EMAIL)}: (\\S+)`), { since })
  )[1];
  assert.match(firstLink, new RegExp(`^${escaped(app.base)}/auth/email-link/verify\\?token=`));

  await page.goto(firstLink);
  await heading(page, 'Your account');
  // The new account's address is verified: the link proved it.
  const addresses = page.getByRole('region', { name: 'Email addresses' });
  const item = addresses.getByRole('listitem').filter({ hasText: EMAIL });
  await item.getByText('Verified', { exact: true }).waitFor();
  // No tokens in the address bar: the code was exchanged and dropped.
  assert.equal(new URL(page.url()).searchParams.has('code'), false);
  assert.equal(await overflowsHorizontally(page), false);
  assert.deepEqual(page.errors, []);
});

test('the same link opened again is refused on the sign-in page, in words', async () => {
  const { page } = main;
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  await page.goto(firstLink);
  await heading(page, 'Sign in');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /This sign-in link was already used/);
  await screenshots(page, 'sign-in-email-link-used');
});

test('"Email me a code": the logged code signs back in', async () => {
  const { page } = main;
  await page.goto(`${app.ui}/sign-in`);
  await page.getByRole('link', { name: 'Email me a code', exact: true }).click();
  await heading(page, 'Sign in with a code by email');
  await page.getByLabel('Email', { exact: true }).fill(EMAIL);
  const since = app.output.length;
  await page.getByRole('button', { name: 'Email me a code', exact: true }).click();
  const code = (
    await app.waitForOutput(new RegExp(`Email sign-in code for ${escaped(EMAIL)}: (\\d{6})\\b`), {
      since,
    })
  )[1];
  await page.getByLabel(`Code sent to ${EMAIL}`).fill(code);
  await screenshots(page, 'sign-in-email-code');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Your account');
  assert.deepEqual(page.errors, []);
});
