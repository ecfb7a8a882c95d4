// `npm run test:ui`: the admin console in a real browser against the built sample app — an admin
// finds a user, assigns a role, edits metadata, bans and unbans, ends a user's sessions (all, or one
// device of its list), pages
// through users, defines a custom attribute the user then sees on their profile, manages roles
// (adds, edits, deletes, and is refused deleting one in use) and deletes a user. What the pages
// claim is checked through the API. Users are made through the API (argon2 is slow).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callApi } from './support/api.js';
import { ADMIN, startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

const stamp = Date.now().toString(36);
const GRACE = {
  email: `grace.${stamp}@example.com`,
  password: 'compiler-harbor-violet-58',
  displayName: 'Grace Hopper',
};
const PAGER = `pager-${stamp}`;
const PAGER_EMAILS = [1, 2, 3, 4, 5].map((n) => `${PAGER}-${n}@example.com`);
const ROLE = 'editor';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS_EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86';
const ATTRIBUTE = 'loyalty_tier';

let app;
let browser;
let admin;
let adminToken;
let grace;

const api = (method, path, body, token = adminToken) =>
  callApi(app.base, method, path, body, token);

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

/** Desktop and phone screenshots, and nothing wider than a phone's 375 px. */
async function shoot(page, name) {
  await screenshots(page, name);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  const overflows = await overflowsHorizontally(page);
  await page.setViewportSize(viewport);
  assert.equal(overflows, false, `${name} fits 375 px`);
}

async function listCount(page, text) {
  await page.locator('.admin-count').filter({ hasText: text }).waitFor();
}

async function emailsShown(page) {
  return page.locator('.users-table tbody th a').allTextContents();
}

/** Waits until the list shows exactly `emails`, in order. */
async function waitForEmails(page, emails) {
  await page.waitForFunction(
    (expected) =>
      JSON.stringify(
        [...document.querySelectorAll('.users-table tbody th a')].map((a) => a.textContent),
      ) === JSON.stringify(expected),
    emails,
  );
}

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
  admin = await newPage(browser);
  const login = await api('POST', '/auth/login', ADMIN, null);
  assert.equal(login.status, 200);
  adminToken = login.body.accessToken;
  const created = await api('POST', '/admin/users', GRACE);
  assert.equal(created.status, 201);
  grace = created.body;
  // No password: these need no argon2 hash.
  for (const email of PAGER_EMAILS)
    assert.equal((await api('POST', '/admin/users', { email })).status, 201);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test('the console asks for sign-in, then lists users to an admin', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin`);
  await signIn(page, ADMIN.email, ADMIN.password);
  const h1 = await heading(page, 'Users');
  assert.equal(new URL(page.url()).pathname, '/account/admin/users');
  assert.equal(await h1.evaluate((element) => element === document.activeElement), true);
  await listCount(page, /Page 1: \d+ users/);
  assert.ok((await emailsShown(page)).includes(GRACE.email));
  assert.equal(
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Users' })
      .getAttribute('aria-current'),
    'page',
  );
  await shoot(page, 'admin-users');
  assert.deepEqual(page.errors, []);
});

test('an admin finds a user by search and opens them', async () => {
  const { page } = admin;
  await page.getByLabel('Search').fill(`grace.${stamp}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await listCount(page, 'Page 1: 1 user');
  assert.deepEqual(await emailsShown(page), [GRACE.email]);
  assert.equal(new URL(page.url()).searchParams.get('query'), `grace.${stamp}`);
  await page.getByRole('link', { name: GRACE.email }).click();
  await heading(page, GRACE.displayName);
  assert.equal(new URL(page.url()).pathname, `/account/admin/users/${grace.id}`);
  await page.getByText(grace.id).waitFor();
  await shoot(page, 'admin-user');
});

test('roles: an admin adds a role, then assigns it to the user (it sticks in the API)', async () => {
  const { page } = admin;
  await page
    .getByRole('navigation', { name: 'Admin console' })
    .getByRole('link', { name: 'Roles' })
    .click();
  await heading(page, 'Roles');
  await page.getByRole('cell', { name: 'Manages users' }).waitFor();
  // A bad name is refused with the API's reason.
  await page.getByLabel('Name').fill('Not A Role');
  await page.getByRole('button', { name: 'Add role' }).click();
  assert.match(await page.getByRole('alert').textContent(), /name must start with a lowercase/);
  await page.getByLabel('Name').fill(ROLE);
  await page.getByLabel('Description').fill('Edits articles');
  await page.getByRole('button', { name: 'Add role' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Role ${ROLE} added.` })
    .waitFor();
  await page.getByRole('row', { name: /editor.*Edits articles/ }).waitFor();
  assert.ok((await api('GET', '/admin/roles')).body.some((role) => role.name === ROLE));
  await shoot(page, 'admin-roles');

  await page.goto(`${app.ui}/admin/users/${grace.id}`);
  await heading(page, GRACE.displayName);
  const roles = page.getByRole('form', { name: 'Roles' });
  await roles.getByRole('checkbox', { name: ROLE }).check();
  await roles.getByRole('button', { name: 'Save roles' }).click();
  await roles.getByRole('status').filter({ hasText: 'Roles saved' }).waitFor();
  const stored = await api('GET', `/admin/users/${grace.id}`);
  assert.deepEqual([...stored.body.roles].sort(), [ROLE, 'user']);

  // The role filter of the list finds her by it.
  await page.goto(`${app.ui}/admin/users?role=${ROLE}`);
  await listCount(page, 'Page 1: 1 user');
  assert.deepEqual(await emailsShown(page), [GRACE.email]);
});

test('roles: an admin edits a description, deletes a free role, and is refused one in use', async () => {
  const { page } = admin;
  const free = `draft-${stamp}`;
  assert.equal((await api('POST', '/admin/roles', { name: free })).status, 201);
  await page.goto(`${app.ui}/admin/roles`);
  await heading(page, 'Roles');
  await page.getByRole('row', { name: new RegExp(free) }).waitFor();
  // Built-in roles can be edited but offer no deletion.
  for (const name of ['admin', 'user', 'anonymous']) {
    await page.getByRole('button', { name: `Edit role ${name}` }).waitFor();
    assert.equal(await page.getByRole('button', { name: `Delete role ${name}` }).count(), 0);
  }

  // The description: edited, then seen in the row and through the API.
  await page.getByRole('button', { name: `Edit role ${ROLE}` }).click();
  const form = page.getByRole('form', { name: `Role ${ROLE}` });
  assert.equal(await form.getByLabel('Description').inputValue(), 'Edits articles');
  await form.getByLabel('Description').fill('Edits and publishes articles');
  await shoot(page, 'admin-roles-edit');
  await form.getByRole('button', { name: `Save ${ROLE}` }).click();
  await form
    .getByRole('status')
    .filter({ hasText: `Description of ${ROLE} saved.` })
    .waitFor();
  await page.getByRole('row', { name: /editor.*Edits and publishes articles/ }).waitFor();
  const listed = (await api('GET', '/admin/roles')).body.find((role) => role.name === ROLE);
  assert.equal(listed.description, 'Edits and publishes articles');
  await page.getByRole('button', { name: `Close role ${ROLE}` }).click();

  // Grace holds the role: the second click gets the API's refusal, and nothing changes.
  await page.getByRole('button', { name: `Delete role ${ROLE}` }).click();
  await page.getByRole('button', { name: `Yes, delete ${ROLE}` }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'remove it from them first' });
  await refusal.waitFor();
  assert.equal(
    await refusal.textContent(),
    "1 user holds role 'editor': remove it from them first",
  );
  await shoot(page, 'admin-roles-refused');
  assert.ok((await api('GET', '/admin/roles')).body.some((role) => role.name === ROLE));
  assert.ok((await api('GET', `/admin/users/${grace.id}`)).body.roles.includes(ROLE));

  // A free role: the first click only asks (Cancel keeps it), the second deletes it.
  await page.getByRole('button', { name: `Delete role ${free}` }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.ok((await api('GET', '/admin/roles')).body.some((role) => role.name === free));
  await page.getByRole('button', { name: `Delete role ${free}` }).click();
  await page.getByRole('button', { name: `Yes, delete ${free}` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Role ${free} deleted.` })
    .waitFor();
  assert.equal(await page.getByRole('row', { name: new RegExp(free) }).count(), 0);
  assert.ok(!(await api('GET', '/admin/roles')).body.some((role) => role.name === free));
  await shoot(page, 'admin-roles-deleted');
  assert.deepEqual(page.errors, []);
});

test('metadata: bad JSON is named at its field and not sent; good JSON is saved', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin/users/${grace.id}`);
  await heading(page, GRACE.displayName);
  const form = page.getByRole('form', { name: 'Metadata' });
  const publicField = form.getByLabel('Public metadata');
  await publicField.fill('{ "plan": ');
  await form.getByRole('button', { name: 'Save metadata' }).click();
  await form.getByRole('alert').waitFor();
  assert.equal(await publicField.getAttribute('aria-invalid'), 'true');
  const described = await publicField.getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${described.split(' ').pop()}"]`).textContent(), /JSON/);

  // The server's own limits come back on the same field (a key that could reach a prototype).
  await publicField.fill('{ "constructor": { "x": 1 } }');
  await form.getByRole('button', { name: 'Save metadata' }).click();
  await form.locator('.field-error', { hasText: '"constructor"' }).waitFor();
  assert.equal(await publicField.getAttribute('aria-invalid'), 'true');
  assert.deepEqual((await api('GET', `/admin/users/${grace.id}`)).body.publicMetadata, {});

  await publicField.fill('{ "plan": "pro" }');
  await form.getByLabel('Private metadata').fill('{ "note": "met at the conference" }');
  await form.getByRole('button', { name: 'Save metadata' }).click();
  await form.getByRole('status').filter({ hasText: 'Metadata saved.' }).waitFor();
  assert.equal(await publicField.getAttribute('aria-invalid'), null);
  const stored = (await api('GET', `/admin/users/${grace.id}`)).body;
  assert.deepEqual(stored.publicMetadata, { plan: 'pro' });
  assert.deepEqual(stored.privateMetadata, { note: 'met at the conference' });
});

test('ban ends the user’s sign-ins until unban', async () => {
  const { page } = admin;
  await page.getByRole('button', { name: 'Ban user' }).click();
  await page.getByRole('button', { name: 'Yes, ban this user' }).click();
  await page.getByRole('status').filter({ hasText: 'User banned' }).waitFor();
  await page.locator('.badge', { hasText: 'banned' }).first().waitFor();
  assert.equal((await api('GET', `/admin/users/${grace.id}`)).body.banned, true);
  const credentials = { email: GRACE.email, password: GRACE.password };
  const refused = await api('POST', '/auth/login', credentials, null);
  assert.equal(refused.status, 401);
  await shoot(page, 'admin-user-banned');

  await page.getByRole('button', { name: 'Unban user' }).click();
  await page.getByRole('status').filter({ hasText: 'User unbanned.' }).waitFor();
  assert.equal((await api('GET', `/admin/users/${grace.id}`)).body.banned, false);
});

test('ending all sessions signs the user out everywhere, and they may sign in again', async () => {
  const { page } = admin;
  const credentials = { email: GRACE.email, password: GRACE.password };
  const signedIn = (await api('POST', '/auth/login', credentials, null)).body;
  assert.equal((await api('GET', '/me', null, signedIn.accessToken)).status, 200);
  await page.getByRole('button', { name: 'End all sessions' }).click();
  await page.getByRole('button', { name: 'Yes, end every session' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Every session of this user has ended' })
    .waitFor();
  assert.equal((await api('GET', '/me', null, signedIn.accessToken)).status, 401);
  await shoot(page, 'admin-user-sessions-ended');
  const refreshed = await api(
    'POST',
    '/auth/refresh',
    { refreshToken: signedIn.refreshToken },
    null,
  );
  assert.equal(refreshed.status, 401);
  assert.equal((await api('POST', '/auth/login', credentials, null)).status, 200);
  assert.equal((await api('GET', '/me')).status, 200, "the admin's own session is untouched");
});

test('sessions: the admin sees each device, ends one, and the others live on', async () => {
  const { page } = admin;
  const credentials = { email: GRACE.email, password: GRACE.password };
  const signInFrom = async (userAgent) => {
    const response = await fetch(`${app.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify(credentials),
    });
    assert.equal(response.status, 200);
    return response.json();
  };
  const phone = await signInFrom(IPHONE_SAFARI);
  const laptop = await signInFrom(WINDOWS_EDGE);
  await page.reload();
  const sessions = page.getByRole('list', { name: 'User sessions' }).getByRole('listitem');
  const phoneItem = sessions.filter({ hasText: 'Safari 17 on a phone' });
  const laptopItem = sessions.filter({ hasText: 'Edge 131 on a computer' });
  await phoneItem.waitFor();
  await laptopItem.waitFor();
  // The sessions the earlier tests ended are listed too, with why they ended.
  await sessions.filter({ hasText: 'revoked (admin revoked)' }).first().waitFor();
  await shoot(page, 'admin-user-sessions');

  await phoneItem.getByRole('button', { name: /^End session/ }).click();
  await phoneItem.getByRole('button', { name: 'Yes, end it' }).click();
  await page.getByRole('status').filter({ hasText: 'That session has ended.' }).waitFor();
  await phoneItem.filter({ hasText: 'revoked (admin revoked)' }).waitFor();
  assert.equal((await api('GET', '/me', null, phone.accessToken)).status, 401);
  assert.equal((await api('GET', '/me', null, laptop.accessToken)).status, 200);
  const listed = (await api('GET', `/admin/users/${grace.id}/sessions`)).body;
  const ended = listed.filter((session) => session.userAgent === IPHONE_SAFARI);
  assert.deepEqual(
    ended.map((session) => [session.status, session.revokedReason]),
    [['revoked', 'admin_revoked']],
  );
});

test('cursor paging: next and previous pages over more users than one page holds', async () => {
  const { page } = admin;
  // A page size below the menu's (2) comes from the address, as a bookmarked list would.
  await page.goto(`${app.ui}/admin/users?limit=2`);
  await heading(page, 'Users');
  await page.getByLabel('Search').fill(PAGER);
  assert.equal(await page.getByLabel('Per page').inputValue(), '2');
  await page.getByLabel('Sort by').selectOption('email');
  await page.getByRole('button', { name: 'Search' }).click();
  await listCount(page, 'Page 1: 2 users');
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'email');
  const first = await emailsShown(page);
  assert.deepEqual(first, PAGER_EMAILS.slice(0, 2));
  const pager = page.getByRole('navigation', { name: 'Pages' });
  assert.equal(await pager.getByRole('button', { name: 'Previous page' }).isDisabled(), true);
  await shoot(page, 'admin-users-paged');

  await pager.getByRole('button', { name: 'Next page' }).click();
  await listCount(page, 'Page 2: 2 users');
  assert.deepEqual(await emailsShown(page), PAGER_EMAILS.slice(2, 4));
  assert.ok(new URL(page.url()).searchParams.get('cursor'));
  await pager.getByRole('button', { name: 'Next page' }).click();
  await listCount(page, 'Page 3: 1 user');
  assert.deepEqual(await emailsShown(page), PAGER_EMAILS.slice(4));
  assert.equal(await pager.getByRole('button', { name: 'Next page' }).isDisabled(), true);

  await pager.getByRole('button', { name: 'Previous page' }).click();
  await listCount(page, 'Page 2: 2 users');
  assert.deepEqual(await emailsShown(page), PAGER_EMAILS.slice(2, 4));
  await pager.getByRole('button', { name: 'Previous page' }).click();
  await listCount(page, 'Page 1: 2 users');
  assert.deepEqual(await emailsShown(page), first);

  // Descending order turns the list around.
  await page.getByLabel('Order').selectOption('desc');
  await page.getByRole('button', { name: 'Search' }).click();
  await waitForEmails(page, [PAGER_EMAILS[4], PAGER_EMAILS[3]]);
  await listCount(page, 'Page 1: 2 users');
});

test('a custom attribute the end user may edit appears on their profile', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin/attributes`);
  await heading(page, 'Attributes');
  await page.getByRole('cell', { name: 'birthdate' }).waitFor();
  const form = page.getByRole('form', { name: 'Define an attribute' });
  // The API's reason for a bad name shows.
  await form.getByLabel('Name').fill('Loyalty Tier');
  await form.getByRole('button', { name: 'Define attribute' }).click();
  assert.match(await form.getByRole('alert').textContent(), /name must be lowercase/);

  await form.getByLabel('Name').fill(ATTRIBUTE);
  await form.getByLabel('Type').selectOption('string');
  await form.getByLabel('Most characters').fill('20');
  await form.getByLabel('The user (profile)').selectOption('editable');
  await form.getByRole('button', { name: 'Define attribute' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: `Attribute ${ATTRIBUTE} defined.` })
    .waitFor();
  const listed = page.locator('.attribute-list > li').filter({ hasText: ATTRIBUTE });
  await listed.getByText('maxLength: 20').waitFor();
  const schema = (await api('GET', '/admin/attributes')).body;
  const defined = schema.custom.find((attribute) => attribute.name === ATTRIBUTE);
  assert.deepEqual(defined.access, { admin: 'editable', bearer: 'hidden', endUser: 'editable' });
  assert.deepEqual(defined.validation, { maxLength: 20 });
  await listed.getByRole('button', { name: `Edit ${ATTRIBUTE}` }).click();
  await shoot(page, 'admin-attributes');

  // The user, in a browser of their own, sees the field on their profile and fills it.
  const user = await newPage(browser);
  try {
    await user.page.goto(`${app.ui}/`);
    await signIn(user.page, GRACE.email, GRACE.password);
    const field = user.page.getByLabel('Loyalty Tier');
    await field.waitFor();
    await field.fill('gold');
    await user.page
      .getByRole('form', { name: 'More about you' })
      .getByRole('button', { name: 'Save' })
      .click();
    await user.page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = (await api('GET', `/admin/users/${grace.id}`)).body;
    assert.equal(stored.customAttributes[ATTRIBUTE], 'gold');

    // The console is for admins only: the user is told so, and the API refuses them too.
    await user.page.goto(`${app.ui}/admin/users`);
    await heading(user.page, 'Not allowed');

    // Marked obsolete, the attribute leaves the user's profile; the stored value stays.
    const edit = page.getByRole('form', { name: `Edit ${ATTRIBUTE}` });
    await edit.getByLabel('Obsolete').check();
    await edit.getByRole('button', { name: `Save ${ATTRIBUTE}` }).click();
    await edit
      .getByRole('status')
      .filter({ hasText: `${ATTRIBUTE} saved.` })
      .waitFor();
    await listed.getByText('obsolete').first().waitFor();
    await user.page.goto(`${app.ui}/`);
    // The section shows the standard attributes the user may edit; the obsolete one is gone.
    await user.page.getByRole('heading', { name: 'More about you' }).waitFor();
    await user.page.getByLabel('Birth date').waitFor();
    assert.equal(await user.page.getByLabel('Loyalty Tier').count(), 0);
    assert.deepEqual(user.page.errors, []);
  } finally {
    await user.context.close();
  }
  const kept = (await api('GET', `/admin/users/${grace.id}`)).body;
  assert.equal(kept.customAttributes[ATTRIBUTE], 'gold');

  // The user's detail page shows the value to the admin.
  await page.goto(`${app.ui}/admin/users/${grace.id}`);
  await page.getByRole('definition').filter({ hasText: 'gold' }).waitFor();
});

test('standard attributes: an admin changes who may see one', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin/attributes`);
  await heading(page, 'Attributes');
  await page.getByRole('button', { name: 'Edit access of nickname' }).click();
  const form = page.getByRole('form', { name: 'Access of nickname' });
  await form.getByLabel('The user (profile)').selectOption('editable');
  await form.getByRole('button', { name: 'Save nickname' }).click();
  await form.getByRole('status').filter({ hasText: 'Access of nickname saved.' }).waitFor();
  const schema = (await api('GET', '/admin/attributes')).body;
  assert.equal(schema.standard.find((a) => a.name === 'nickname').access.endUser, 'editable');
});

test('delete asks first, then the user is gone', async () => {
  const { page } = admin;
  const victim = (await api('GET', `/admin/users?query=${PAGER}-5`)).body.data[0];
  await page.goto(`${app.ui}/admin/users/${victim.id}`);
  await heading(page, PAGER_EMAILS[4]);
  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await api('GET', `/admin/users/${victim.id}`)).status, 200);
  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('button', { name: 'Yes, delete for good' }).click();
  await heading(page, 'Users');
  assert.equal((await api('GET', `/admin/users/${victim.id}`)).status, 404);

  // An unknown id shows the API's 404, not a broken page.
  await page.goto(`${app.ui}/admin/users/${victim.id}`);
  await page.getByRole('alert').waitFor();
  assert.deepEqual(page.errors, []);
});
