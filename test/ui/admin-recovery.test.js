// `npm run test:ui`: the admin console's recovery actions in a real browser against the built
// sample app — a ban with a reason and an end, a reset link sent, a password set, an address
// marked verified, two-factor sign-in reset, and signing in as the user (the pages' banner, then
// ending it). What the pages claim is checked through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import { callApi } from './support/api.js';
import { ADMIN, startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

const stamp = Date.now().toString(36);
const ADA = { email: `ada.${stamp}@example.com`, password: 'lantern-copper-meadow-41' };
// A display name heads the page (an email address as the h1 would overflow a phone's width).
const ADA_NAME = 'Ada Lovelace';
const NEW_PASSWORD = 'harbor-falcon-saffron-63';

let app;
let browser;
let admin;
let adminToken;
let ada;

const api = (method, path, body, token = adminToken) =>
  callApi(app.base, method, path, body, token);

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
  admin = await newPage(browser);
  const login = await api('POST', '/auth/login', ADMIN, null);
  assert.equal(login.status, 200);
  adminToken = login.body.accessToken;
  const created = await api('POST', '/admin/users', { ...ADA, displayName: ADA_NAME });
  assert.equal(created.status, 201);
  ada = created.body;
  const { page } = admin;
  await page.goto(`${app.ui}/admin/users/${ada.id}`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Recovery' }).waitFor();
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

/** Desktop and phone screenshots, and nothing wider than a phone's 375 px. */
async function shoot(page, name) {
  await screenshots(page, name);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  const overflows = await overflowsHorizontally(page);
  await page.setViewportSize(viewport);
  assert.equal(overflows, false, `${name} fits 375 px`);
}

test('a ban with a reason and an end: shown on the page, stored, lifted by unban', async () => {
  const { page } = admin;
  await page.getByLabel('Reason (optional, seen by admins only)').fill('Spam in the comments');
  await page.getByLabel('Banned until (optional)').fill('2099-01-02T03:04');
  await page.getByRole('button', { name: 'Ban user' }).click();
  await page.getByRole('button', { name: 'Yes, ban this user' }).click();
  await page.getByRole('status').filter({ hasText: 'User banned' }).waitFor();
  await page.getByText('Reason: Spam in the comments').waitFor();
  const stored = (await api('GET', `/admin/users/${ada.id}`)).body;
  assert.equal(stored.banned, true);
  assert.equal(stored.banReason, 'Spam in the comments');
  assert.equal(stored.bannedUntil, new Date('2099-01-02T03:04').toISOString());
  await shoot(page, 'admin-user-banned-until');
  await page.getByRole('button', { name: 'Unban user' }).click();
  await page.getByRole('status').filter({ hasText: 'User unbanned.' }).waitFor();
  assert.equal((await api('GET', `/admin/users/${ada.id}`)).body.banned, false);
  assert.deepEqual(page.errors, []);
});

test('recovery: a reset link is mailed, the address marked verified, a password set', async () => {
  const { page } = admin;
  const since = app.inbox.mails.length;
  await page.getByRole('button', { name: 'Send password reset link' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `sent to ${ADA.email}` })
    .waitFor();
  assert.match(await app.inbox.resetLink(ADA.email, { since }), /reset-password\?token=/);

  await page.getByRole('button', { name: `Mark ${ADA.email} verified` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `${ADA.email} is verified.` })
    .waitFor();
  const stored = (await api('GET', `/admin/users/${ada.id}`)).body;
  assert.equal(stored.emailAddresses[0].verified, true);
  assert.equal(await page.getByRole('button', { name: `Mark ${ADA.email} verified` }).count(), 0);

  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('status').filter({ hasText: 'Password set' }).waitFor();
  assert.equal((await api('POST', '/auth/login', ADA, null)).status, 401);
  const signedIn = await api('POST', '/auth/login', { ...ADA, password: NEW_PASSWORD }, null);
  assert.equal(signedIn.status, 200);
  await shoot(page, 'admin-user-recovery');
  assert.deepEqual(page.errors, []);
});

test('recovery: two-factor reset turns the user’s 2FA off after a second click', async () => {
  const { page } = admin;
  const login = await api('POST', '/auth/login', { ...ADA, password: NEW_PASSWORD }, null);
  const token = login.body.accessToken;
  const enrolled = await api('POST', '/me/2fa/totp', {}, token);
  assert.equal(enrolled.status, 201);
  const code = await generate({ secret: enrolled.body.secret });
  assert.equal((await api('POST', '/me/2fa/totp/verify', { code }, token)).status, 200);
  await page.reload();
  await page.getByRole('button', { name: 'Reset two-factor' }).click();
  await page.getByRole('button', { name: 'Yes, turn two-factor off' }).click();
  await page.getByRole('status').filter({ hasText: 'Two-factor sign-in is off' }).waitFor();
  assert.equal((await api('GET', `/admin/users/${ada.id}`)).body.twoFactorEnabled, false);
  assert.equal(await page.getByRole('button', { name: 'Reset two-factor' }).count(), 0);
  assert.deepEqual(page.errors, []);
});

test('sign in as the user: the pages show their account under a banner; ending it signs out', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin/users/${ada.id}`);
  await page.getByRole('button', { name: 'Sign in as this user' }).click();
  await page.getByRole('button', { name: 'Yes, switch to this user' }).click();
  const banner = page.getByRole('region', { name: 'Impersonation' });
  await banner.waitFor();
  assert.match(await banner.innerText(), new RegExp(`signed in as ${ADA_NAME} by ${ADMIN.email}`));
  // The account shown is Ada's.
  await page.getByText(ADA.email).first().waitFor();
  await shoot(page, 'account-impersonated');
  await banner.getByRole('button', { name: 'End impersonation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Impersonation' }).count(), 0);
  const trail = await api('GET', `/admin/audit-log?userId=${ada.id}&type=user.impersonated`);
  assert.equal(trail.body.data.length, 1);
  assert.equal(trail.body.data[0].actorId, (await api('GET', '/me')).body.id);
  assert.deepEqual(page.errors, []);
});
