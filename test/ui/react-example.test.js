// `npm run test:ui`: apps/react-example (React on @userkit/react, served by the built sample at
// /react-example) in a real browser: sign-up through useSignUp, the header following user.update,
// getToken on the API, and sign-out and sign-in in one tab seen in another.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newPage, screenshots } from './support/browser.js';

const PASSWORD = 'lantern-orchard-piano-41';
const EMAIL = `react.ada.${Date.now().toString(36)}@example.com`;

let app;
let browser;

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test('the React example: sign-up, profile, token and the tabs following each other', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(`${app.base}/react-example/`);

  const signUp = page.getByRole('region', { name: 'Create an account' });
  await signUp.waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'signed-out page');
  await signUp.getByLabel('Name').fill('Ada');
  await signUp.getByLabel('Email').fill(EMAIL);
  await signUp.getByLabel('Password').fill(PASSWORD);
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  const headerName = page.getByTestId('header-name');
  await headerName.waitFor();
  assert.equal(await headerName.textContent(), 'Ada');
  await page.getByRole('region', { name: 'Sessions' }).getByText('(this one)').waitFor();

  // A second tab of the same browser: the session is restored from the shared storage.
  const other = await context.newPage();
  other.errors = [];
  other.on('pageerror', (error) => other.errors.push(error.message));
  await other.goto(`${app.base}/react-example/`);
  await other.getByTestId('header-name').waitFor();
  assert.equal(await other.getByTestId('header-name').textContent(), 'Ada');

  // user.update re-renders the header (useUser) with what the API now holds.
  const profile = page.getByRole('region', { name: 'Your profile' });
  await profile.getByLabel('Display name').fill('Ada Lovelace');
  await profile.getByRole('button', { name: 'Save' }).click();
  await profile.getByText('Saved.').waitFor();
  assert.equal(await headerName.textContent(), 'Ada Lovelace');

  // getToken() for the host's own API: the bearer token is accepted.
  await page.getByRole('button', { name: 'Call the API with getToken()' }).click();
  await page.getByText('GET /me with the token: 200').waitFor();
  await screenshots(page, 'react-example-signed-in');
  assert.deepEqual(await seriousViolations(page), [], 'signed-in page');

  // Sign-out in the first tab signs the second out, without a reload there.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('region', { name: 'Sign in' }).waitFor();
  await other.getByRole('region', { name: 'Sign in' }).waitFor({ timeout: 5_000 });
  assert.equal(await other.getByTestId('header-name').count(), 0);

  // A wrong password is announced; then a sign-in in the second tab signs the first one in.
  const signIn = other.getByRole('region', { name: 'Sign in' });
  await signIn.getByLabel('Email').fill(EMAIL);
  await signIn.getByLabel('Password').fill('not-the-password-at-all');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await signIn.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
  await signIn.getByLabel('Password').fill(PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await other.getByTestId('header-name').waitFor();
  await headerName.waitFor({ timeout: 5_000 });
  assert.equal(await headerName.textContent(), 'Ada Lovelace');

  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
  await context.close();
});
