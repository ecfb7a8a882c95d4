// `npm run test:ui`: the identifiers of issue 21 in the prebuilt pages, on a sample app with
// IDENTIFIERS=email:required,username:optional,phone:optional and REQUIRE_VERIFIED_EMAIL=on —
// sign-up asks for a username and a number, the verify-email step comes before the account
// (a wrong code refused, the mailed one accepted), sign-in with the username, and sign-in by a
// code sent by SMS to the verified number (the sample logs phone codes).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

const stamp = Date.now().toString(36);
const EMAIL = `ui.ident.${stamp}@example.com`;
const USERNAME = `Ada_${stamp}`;
const PASSWORD = 'granite-willow-trumpet-63';
const PHONE = { typed: '+1 (415) 555-0142', e164: '+14155550142' };

let app;
let browser;

before(async () => {
  // NODE_ENV=test keeps only warnings and errors in the log; the phone codes are `log` lines.
  app = await startUiApp({
    NODE_ENV: 'development',
    IDENTIFIERS: 'email:required,username:optional,phone:optional',
    REQUIRE_VERIFIED_EMAIL: 'on',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

async function heading(page, name) {
  const h1 = page.getByRole('heading', { level: 1, name, exact: true });
  await h1.waitFor({ timeout: 20_000 });
  return h1;
}

/** The code the sample app logged for `phone` (`kind`: verification or sign-in) after `since` lines. */
async function loggedCode(phone, kind, since) {
  const escaped = phone.replace('+', '\\+');
  const pattern = new RegExp(`Phone ${kind} code for ${escaped}: (\\d{6})\\b`);
  return (await app.waitForOutput(pattern, { since }))[1];
}

test('sign-up asks for the username and number; the verify-email step comes first, then the account', async () => {
  const { page, context } = await newPage(browser);
  try {
    await page.goto(`${app.ui}/sign-up`);
    await heading(page, 'Create your account');
    const mailsBefore = app.inbox.mails.length;
    const logBefore = app.output.length;
    await page.getByLabel('Username (optional)', { exact: true }).fill(USERNAME);
    await page.getByLabel('Phone number (optional)', { exact: true }).fill(PHONE.typed);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await screenshots(page, 'sign-up-identifiers');
    await page.getByRole('button', { name: 'Create account' }).click();

    await heading(page, 'Verify your email');
    await page.getByText(EMAIL).first().waitFor();
    const code = await app.inbox.code(EMAIL, { since: mailsBefore });
    // The sign-up sent the number its code too.
    const phoneCode = await loggedCode(PHONE.e164, 'verification', logBefore);
    assert.match(phoneCode, /^\d{6}$/);
    assert.equal(await overflowsHorizontally(page), false);
    await screenshots(page, 'verify-email-step');

    const field = page.getByLabel(`Code sent to ${EMAIL}`);
    await field.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /code is wrong/i })
      .waitFor();
    await field.fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Your account');

    // The number, verified with the code its sign-up sent, becomes a way to sign in.
    const phones = page.getByRole('region', { name: 'Phone numbers' });
    const item = phones.getByRole('listitem').filter({ hasText: PHONE.e164 });
    await item.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel(`Code sent to ${PHONE.e164}`).fill(phoneCode);
    await page
      .getByRole('form', { name: `Verify ${PHONE.e164}` })
      .getByRole('button', { name: 'Verify' })
      .click();
    await item.getByText('Verified', { exact: true }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('sign-in with the username (any case) and the password; the profile changes it', async () => {
  const { page, context } = await newPage(browser);
  try {
    await page.goto(`${app.ui}/sign-in`);
    await heading(page, 'Sign in');
    await page.getByLabel('Email or username', { exact: true }).fill(USERNAME.toUpperCase());
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-42');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid username or password' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Your account');

    // The profile shows the username as stored (lower case) and changes it.
    const section = page.getByRole('region', { name: 'Username' });
    const field = section.getByLabel('Username', { exact: true });
    assert.equal(await field.inputValue(), USERNAME.toLowerCase());
    await field.fill(`${USERNAME}.Two`);
    await section.getByRole('button', { name: 'Save username' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    assert.equal(await field.inputValue(), `${USERNAME}.two`.toLowerCase());
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('sign-in by a code sent by SMS to the verified number', async () => {
  const { page, context } = await newPage(browser);
  try {
    await page.goto(`${app.ui}/sign-in`);
    await heading(page, 'Sign in');
    await page.getByRole('link', { name: 'Sign in with a code by SMS' }).click();
    await heading(page, 'Sign in with a code by SMS');
    const since = app.output.length;
    await page.getByLabel('Phone number', { exact: true }).fill(PHONE.typed);
    await page.getByRole('button', { name: 'Send code' }).click();
    const field = page.getByLabel(`Code sent to ${PHONE.typed}`);
    await field.waitFor();
    const code = await loggedCode(PHONE.e164, 'sign-in', since);
    await screenshots(page, 'phone-sign-in');
    await field.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid phone number or code' }).waitFor();
    await field.fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Your account');
    await page.getByText(EMAIL).first().waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
