// `npm run test:ui`: the audit log in a real browser against the built sample app — the console's
// audit log page (filters by type and user, keyset paging) and the profile's "Security activity",
// where a user sees their own sign-ins and failed attempts, and nobody else's. Users and their
// sign-ins are made through the API (argon2 is slow); what the pages show is checked against it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally } from './support/browser.js';

const stamp = Date.now().toString(36);
const ADA = { email: `ada.audit.${stamp}@example.com`, password: 'engine-lattice-copper-19' };
const BOB = { email: `bob.audit.${stamp}@example.com`, password: 'harbor-violet-canvas-26' };

let app;
let browser;
let adminToken;
let ada;
let bob;

async function api(method, path, body, token = adminToken) {
  const response = await fetch(`${app.base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
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
  await heading(page, 'Sign in');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const rowTypes = (page) =>
  page
    .locator('.audit-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-audit-type')));

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
  const login = await api('POST', '/auth/login', ADMIN, null);
  assert.equal(login.status, 200);
  adminToken = login.body.accessToken;
  ada = (await api('POST', '/auth/signup', ADA, null)).body.user;
  bob = (await api('POST', '/auth/signup', BOB, null)).body.user;
  assert.equal(
    (await api('POST', '/auth/login', { email: ADA.email, password: 'not-her-password-4' }, null))
      .status,
    401,
  );
  assert.equal((await api('POST', '/auth/login', BOB, null)).status, 200);
  assert.equal((await api('POST', `/admin/users/${ada.id}/ban`, {})).status, 200);
  assert.equal((await api('POST', `/admin/users/${ada.id}/unban`, {})).status, 200);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test("the console's audit log: newest first, filtered by type and by user, paged", async () => {
  const { page } = await newPage(browser);
  await page.goto(`${app.ui}/admin/audit-log`);
  await signIn(page, ADMIN.email, ADMIN.password);
  await heading(page, 'Audit log');
  assert.equal(
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Audit log' })
      .getAttribute('aria-current'),
    'page',
  );
  await page.locator('.audit-table').waitFor();
  // The admin's own sign-in just now is the newest record.
  assert.equal((await rowTypes(page))[0], 'sign_in.succeeded');

  await page.getByLabel('Type').selectOption('sign_in.failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.audit-table tbody tr')].every(
      (row) => row.getAttribute('data-audit-type') === 'sign_in.failed',
    ),
  );
  const failed = page.locator('.audit-table tbody tr', { hasText: ada.id });
  await failed.waitFor();
  assert.match(await failed.innerText(), /wrong_password/);
  assert.match(await failed.innerText(), /Firefox/);
  assert.equal(new URL(page.url()).searchParams.get('type'), 'sign_in.failed');

  // Ada's trail, two records a page: the pager walks it and back, as the API pages it.
  const apiPages = [];
  let cursor = '';
  for (let n = 0; n < 2; n += 1) {
    const answer = await api(
      'GET',
      `/admin/audit-log?userId=${ada.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    apiPages.push(answer.body.data.map((entry) => entry.type));
    cursor = encodeURIComponent(answer.body.nextCursor);
  }
  assert.deepEqual(apiPages[0], ['admin.action', 'user.unbanned']);
  await page.goto(`${app.ui}/admin/audit-log?userId=${ada.id}&limit=2`);
  await page.locator('.admin-count', { hasText: 'Page 1: 2 records' }).waitFor();
  assert.deepEqual(await rowTypes(page), apiPages[0]);
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.locator('.admin-count', { hasText: 'Page 2: 2 records' }).waitFor();
  assert.deepEqual(await rowTypes(page), apiPages[1]);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await page.locator('.admin-count', { hasText: 'Page 1: 2 records' }).waitFor();
  assert.deepEqual(await rowTypes(page), apiPages[0]);

  await page.setViewportSize({ width: 375, height: 740 });
  assert.equal(await overflowsHorizontally(page), false, 'the audit log fits 375 px');
  assert.deepEqual(page.errors, []);
});

test("the profile's Security activity: the user's own sign-ins and failures, nobody else's", async () => {
  const { page } = await newPage(browser);
  await page.goto(`${app.ui}/sign-in`);
  await signIn(page, ADA.email, ADA.password);
  await heading(page, 'Your account');
  const section = page.getByRole('region', { name: 'Security activity' });
  await section.getByRole('list', { name: 'Security activity' }).waitFor();
  const items = section.getByRole('listitem');
  await page.waitForFunction(() => document.querySelectorAll('[data-activity-type]').length >= 2);
  const texts = await items.allInnerTexts();
  assert.match(texts[0], /Signed in with password/);
  assert.match(texts[0], /This device/);
  assert.ok(texts.some((text) => /Failed sign-in \(wrong password\)/.test(text)));
  // Bans are the admin's business, and Bob's sign-in is his: neither is here.
  const types = await page
    .locator('[data-activity-type]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-activity-type')));
  assert.deepEqual([...new Set(types)].sort(), ['sign_in.failed', 'sign_in.succeeded']);
  assert.ok(!(await section.innerText()).includes(bob.id));
  assert.deepEqual(page.errors, []);
});
