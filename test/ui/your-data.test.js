// `npm run test:ui`: the profile's "Your data" in a real browser against the built sample app —
// "Download my data" saves the export as a JSON file, "Delete account" (two steps) deletes the
// account and signs the browser out. The user is made through the API (argon2 is slow); what the
// pages did is checked against it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally } from './support/browser.js';

const stamp = Date.now().toString(36);
const GRACE = { email: `grace.data.${stamp}@example.com`, password: 'compass-meadow-violin-58' };

let app;
let browser;

async function api(method, path, body, token) {
  const response = await fetch(`${app.base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function heading(page, text) {
  const h1 = page.getByRole('heading', { level: 1, name: text });
  await h1.waitFor();
  return h1;
}

async function signIn(page, email, password) {
  await page.goto(`${app.ui}/sign-in`);
  await heading(page, 'Sign in');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Your account');
}

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test('"Download my data" saves the export; "Delete account" deletes it all and signs out', async () => {
  const grace = (await api('POST', '/auth/signup', { ...GRACE, firstName: 'Grace' })).body.user;
  const { page } = await newPage(browser, { acceptDownloads: true });
  await signIn(page, GRACE.email, GRACE.password);
  const section = page.getByRole('region', { name: 'Your data' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `account-data-${grace.id}.json`);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.user.id, grace.id);
  assert.equal(exported.user.firstName, 'Grace');
  assert.ok(exported.sessions.some((session) => session.status === 'active'));

  await page.setViewportSize({ width: 375, height: 740 });
  assert.equal(await overflowsHorizontally(page), false, 'the profile fits 375 px');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Two steps: the first click only asks.
  await section.getByRole('button', { name: 'Delete account' }).click();
  await section.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await api('POST', '/auth/login', GRACE)).status, 200);
  await section.getByRole('button', { name: 'Delete account' }).click();
  await section.getByRole('button', { name: 'Yes, delete my account' }).click();
  await heading(page, 'Sign in');
  assert.equal((await api('POST', '/auth/login', GRACE)).status, 401);
  // The cookie session went with it: a reload stays signed out.
  await page.goto(`${app.ui}/`);
  await heading(page, 'Sign in');
  assert.deepEqual(page.errors, []);
});
