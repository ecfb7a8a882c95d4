// `npm run test:ui`: the account pages in a real browser against the built sample app — sign-up,
// sign-out, sign-in, emails, sessions, two-step verification, the cookie session and password reset.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import { ADMIN, startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

const PASSWORD = 'lantern-orchard-piano-41';
const stamp = Date.now().toString(36);
const EMAIL = `ui.ada.${stamp}@example.com`;
const SECOND_EMAIL = `ui.ada.work.${stamp}@example.com`;

let app;
let browser;
let main;

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
  main = await newPage(browser);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

/** Fails at once, naming the element, when the keyboard is not where the test expects it. */
/** Focus lands on `locator` within 2 s: the pages move focus after rendering, not with it. */
async function focused(locator) {
  const arrived = await locator.evaluate(
    (element, timeoutMs) =>
      new Promise((resolve) => {
        const started = Date.now();
        const check = () => {
          if (element === document.activeElement) resolve(true);
          else if (Date.now() - started > timeoutMs) resolve(false);
          else setTimeout(check, 20);
        };
        check();
      }),
    2000,
  );
  assert.equal(arrived, true, `focus is not on ${locator}`);
}

async function heading(page, text) {
  const h1 = page.getByRole('heading', { level: 1, name: text, exact: true });
  try {
    await h1.waitFor({ timeout: 15_000 });
  } catch (error) {
    // Say where the page is and what it shows, not only what was missing.
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '?');
    const errors = page.errors?.join(' | ') || 'none';
    throw new Error(`no heading "${text}" at ${page.url()}; shows: ${shown}; errors: ${errors}`, {
      cause: error,
    });
  }
  return h1;
}

async function signIn(page, email, password) {
  await page.goto(`${app.ui}/sign-in`);
  await heading(page, 'Sign in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page) {
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
}

test('a signed-out visitor is sent to sign-in; the pages carry a strict CSP', async () => {
  const { page } = main;
  const response = await page.goto(`${app.ui}/`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const h1 = await heading(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, '/account/sign-in');
  // Focus moves to the page's heading on navigation.
  await focused(h1);
  await screenshots(page, 'sign-in');
  assert.equal(await overflowsHorizontally(page), false);
});

test('sign up: lands on the profile, signed in', async () => {
  const { page } = main;
  await page.getByRole('link', { name: 'Create an account' }).click();
  await heading(page, 'Create your account');
  await screenshots(page, 'sign-up');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email', { exact: true }).fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, 'Your account');
  assert.equal(new URL(page.url()).pathname, '/account/');
  await page.getByText(EMAIL).first().waitFor();
  await screenshots(page, 'profile');
  assert.equal(await overflowsHorizontally(page), false);
});

test('the refresh token lives in an httpOnly cookie only: page script cannot read it, a reload keeps the session', async () => {
  const { page, context } = main;
  const cookies = await context.cookies();
  const refresh = cookies.find((cookie) => cookie.name === 'userkit_refresh');
  assert.ok(refresh, 'the refresh cookie is set');
  assert.equal(refresh.httpOnly, true);
  assert.equal(refresh.sameSite, 'Strict');
  assert.equal(refresh.path, '/account/session');
  const visible = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  assert.doesNotMatch(visible.cookie, /userkit_refresh/);
  assert.doesNotMatch(visible.local, new RegExp(refresh.value));
  assert.doesNotMatch(visible.session, new RegExp(refresh.value));

  await page.reload();
  await heading(page, 'Your account');
  const rotated = (await context.cookies()).find((cookie) => cookie.name === 'userkit_refresh');
  assert.notEqual(rotated.value, refresh.value, 'the reload refreshed (and rotated) the session');
});

test('sign out from the user menu, then sign in again', async () => {
  const { page, context } = main;
  await signOut(page);
  assert.equal(
    (await context.cookies()).some((cookie) => cookie.name === 'userkit_refresh'),
    false,
  );
  // Signed out: the profile sends back to sign-in.
  await page.goto(`${app.ui}/`);
  const signInHeading = await heading(page, 'Sign in');

  // By keyboard: from the focused heading, Tab reaches Email then Password; Enter submits. The
  // page focuses its heading after rendering it: wait for that, not only for the heading to show.
  await signInHeading.evaluate(
    (element) =>
      new Promise((resolve) => {
        const check = () =>
          element === document.activeElement ? resolve() : setTimeout(check, 20);
        check();
      }),
  );
  await page.keyboard.press('Tab');
  await focused(page.getByLabel('Email', { exact: true }));
  await page.keyboard.type(EMAIL);
  await page.keyboard.press('Tab');
  await focused(page.getByLabel('Password', { exact: true }));
  await page.keyboard.type('not-the-password-1');
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Invalid email or password/);
  await screenshots(page, 'sign-in-error');

  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await heading(page, 'Your account');

  // The user menu by keyboard: Enter opens it on its first item, Escape closes it back to the button.
  const toggle = page.getByRole('button', { name: /^Account menu/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const profileLink = page.getByRole('link', { name: 'Profile', exact: true });
  await profileLink.waitFor();
  await focused(profileLink);
  await page.keyboard.press('Escape');
  await profileLink.waitFor({ state: 'detached' });
  await focused(toggle);
});

test('add an email, verify it with the mailed code, make it primary', async () => {
  const { page } = main;
  const before = app.inbox.mails.length;
  await page.getByLabel('New email address', { exact: true }).fill(SECOND_EMAIL);
  await page
    .getByRole('form', { name: 'Add an email address' })
    .getByRole('button', { name: 'Add' })
    .click();
  const code = await app.inbox.code(SECOND_EMAIL, { since: before });
  const codeField = page.getByLabel(`Code sent to ${SECOND_EMAIL}`);
  await codeField.fill(code);
  await screenshots(page, 'profile-verify-email');
  await page
    .getByRole('form', { name: `Verify ${SECOND_EMAIL}` })
    .getByRole('button', { name: 'Verify' })
    .click();
  const item = page.getByRole('listitem').filter({ hasText: SECOND_EMAIL });
  await item.getByText('Verified', { exact: true }).waitFor();

  await page.getByRole('button', { name: `Make ${SECOND_EMAIL} primary` }).click();
  await item.getByText('Primary', { exact: true }).waitFor();
  const first = page.getByRole('listitem').filter({ hasText: EMAIL });
  assert.equal(await first.getByText('Primary', { exact: true }).count(), 0);
});

// A 1×1 PNG: the server recognises images by their bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('upload a profile picture: it shows on the profile (same-origin image under the CSP)', async () => {
  const { page } = main;
  await page.getByLabel(/Profile picture/).setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: PNG,
  });
  await page.getByRole('button', { name: 'Upload picture' }).click();
  const picture = page.getByRole('img', { name: 'Your profile picture' });
  await picture.waitFor();
  assert.match(await picture.getAttribute('src'), /\/profile-images\//);
  assert.equal(await picture.evaluate((image) => image.complete && image.naturalWidth), 1);
});

test('a custom attribute the schema makes editable appears on the profile and saves', async () => {
  const signIn = await fetch(`${app.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { accessToken } = await signIn.json();
  const defined = await fetch(`${app.base}/admin/attributes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      name: 'favourite_colour',
      type: 'enum',
      validation: { enum: ['red', 'green', 'blue'] },
      access: { endUser: 'editable' },
    }),
  });
  assert.equal(defined.status, 201);

  const { page } = main;
  await page.reload();
  await heading(page, 'Your account');
  const field = page.getByLabel('Favourite Colour', { exact: true });
  await field.selectOption('green');
  const form = page.getByRole('form', { name: 'More about you' });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await screenshots(page, 'profile-attributes');

  await page.reload();
  await heading(page, 'Your account');
  assert.equal(await page.getByLabel('Favourite Colour', { exact: true }).inputValue(), 'green');
});

test('revoke another session: the other browser is signed out', async () => {
  const other = await newPage(browser);
  try {
    await signIn(other.page, SECOND_EMAIL, PASSWORD);
    await heading(other.page, 'Your account');

    const { page } = main;
    await page.reload();
    await heading(page, 'Your account');
    const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
    await sessions.nth(1).waitFor();
    assert.equal(await sessions.count(), 2);
    await screenshots(page, 'profile-sessions');
    const otherSession = sessions.filter({ hasNotText: 'This device' });
    // Each session names the browser and kind of device the API read from its user agent.
    for (const text of await sessions.allTextContents())
      assert.match(text, /^Chrome \d+ on a computer · 127\.0\.0\.1/);
    await otherSession.getByRole('button', { name: /^Sign out/ }).click();
    await otherSession.getByRole('button', { name: 'Yes, do it' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-label="Sessions"] li').length === 1,
    );

    // The revoked browser's cookie no longer refreshes: back to sign-in.
    await other.page.reload();
    await heading(other.page, 'Sign in');
  } finally {
    await other.context.close();
  }
});

test('turn on two-step verification (QR code, backup codes) and sign in with it', async () => {
  const { page } = main;
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent()).trim();
  await screenshots(page, 'profile-2fa-setup');
  const now = Math.floor(Date.now() / 1000);
  await page
    .getByLabel('Code from the app', { exact: true })
    .fill(await generate({ secret, epoch: now }));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Backup codes' }).getByRole('listitem');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await screenshots(page, 'profile-2fa-backup-codes');
  await page.getByRole('button', { name: 'I saved them' }).click();
  await page.getByText('Signing in asks for a code').waitFor();

  await signOut(page);
  await page.getByLabel('Email', { exact: true }).fill(SECOND_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Two-step verification');
  await screenshots(page, 'sign-in-2fa');
  // The next time step: the one used to turn it on may not be replayed.
  await page.getByLabel('Code', { exact: true }).fill(await generate({ secret, epoch: now + 30 }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'Your account');
});

test('forgot password: the mailed link opens the reset page; the new password signs in', async () => {
  const { page, context } = await newPage(browser);
  try {
    const email = `ui.reset.${stamp}@example.com`;
    await page.goto(`${app.ui}/sign-up`);
    await heading(page, 'Create your account');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Your account');
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Reset your password');
    const before = app.inbox.mails.length;
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'reset link is on its way' }).waitFor();
    await screenshots(page, 'forgot-password');

    const link = await app.inbox.resetLink(email, { since: before });
    assert.ok(link.startsWith(`${app.ui}/reset-password?token=`), link);
    await page.goto(link);
    await heading(page, 'Choose a new password');
    await screenshots(page, 'reset-password');
    const newPassword = 'quartz-meadow-lantern-88';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await signIn(page, email, newPassword);
    await heading(page, 'Your account');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('under a global prefix (GLOBAL_PREFIX=api): sign up, a reload keeps the session, sign out', async () => {
  const prefixed = await startUiApp({ GLOBAL_PREFIX: 'api' });
  const { page, context } = await newPage(browser);
  try {
    assert.equal(prefixed.ui, `${prefixed.base}/api/account`);
    await page.goto(`${prefixed.ui}/sign-up`);
    await heading(page, 'Create your account');
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Email', { exact: true }).fill(`ui.grace.${stamp}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Your account');
    assert.equal(new URL(page.url()).pathname, '/api/account/');
    const refresh = (await context.cookies()).find((cookie) => cookie.name === 'userkit_refresh');
    assert.ok(refresh, 'the refresh cookie is set');
    assert.equal(refresh.path, '/api/account/session');

    await page.reload();
    await heading(page, 'Your account');
    await page.getByText(`ui.grace.${stamp}@example.com`).first().waitFor();
    const rotated = (await context.cookies()).find((cookie) => cookie.name === 'userkit_refresh');
    assert.notEqual(rotated.value, refresh.value, 'the reload refreshed (and rotated) the session');
    await screenshots(page, 'profile-under-global-prefix');

    await signOut(page);
    assert.equal(new URL(page.url()).pathname, '/api/account/sign-in');
    assert.equal(
      (await context.cookies()).some((cookie) => cookie.name === 'userkit_refresh'),
      false,
    );
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await prefixed.stop();
  }
});

test('no script errors on the main page', () => {
  assert.deepEqual(main.page.errors, []);
});
