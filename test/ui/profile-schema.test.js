// `npm run test:ui`: the profile schema's labels and required attributes in a real browser
// against the built sample app — an admin defines a labelled, required attribute (giving the
// users already there a value), renames it in the console (the values move), and a newcomer's
// sign-up page asks for it under its label; the profile then shows it. What the pages claim is
// checked through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callApi } from './support/api.js';
import { ADMIN, startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

const stamp = Date.now().toString(36);
const NEWCOMER = {
  email: `ui.newcomer.${stamp}@example.com`,
  password: 'meadow-copper-lantern-63',
};
const EXISTING = `ui.existing.${stamp}@example.com`;

let app;
let browser;
let admin;
let adminToken;
let existing;

const api = (method, path, body, token = adminToken) =>
  callApi(app.base, method, path, body, token);

async function heading(page, text) {
  const h1 = page.getByRole('heading', { level: 1, name: text, exact: true });
  await h1.waitFor();
  return h1;
}

async function customAttribute(name) {
  const schema = (await api('GET', '/admin/attributes')).body;
  return schema.custom.find((attribute) => attribute.name === name);
}

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
  admin = await newPage(browser);
  const login = await api('POST', '/auth/login', ADMIN, null);
  assert.equal(login.status, 200);
  adminToken = login.body.accessToken;
  // A user from before the rule: made without a password (no argon2 hash needed).
  const created = await api('POST', '/admin/users', { email: EXISTING });
  assert.equal(created.status, 201);
  existing = created.body;
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test('an admin defines a labelled, required attribute; the users already there get a value', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin/attributes`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Attributes');
  // Standard attributes show their labels: the full name is one of them.
  await page.getByRole('rowheader', { name: 'Name name' }).waitFor();

  const form = page.getByRole('form', { name: 'Define an attribute' });
  await form.getByLabel('Name', { exact: true }).fill('member_code');
  await form.getByLabel('Label', { exact: true }).fill('Membership code');
  await form.getByLabel('The user (profile)').selectOption('editable');
  await form.getByLabel('Required').check();
  // Required while users lack a value: the API's refusal shows.
  await form.getByRole('button', { name: 'Define attribute' }).click();
  assert.match(await form.getByRole('alert').textContent(), /have no member_code/);
  await form.getByLabel('Value for users without one').fill('NONE');
  await form.getByRole('button', { name: 'Define attribute' }).click();
  await form.getByRole('status').filter({ hasText: 'Attribute member_code defined.' }).waitFor();
  const listed = page.locator('.attribute-list > li').filter({ hasText: 'member_code' });
  await listed.getByText('Membership code').waitFor();
  await listed.getByText('required', { exact: true }).waitFor();

  const defined = await customAttribute('member_code');
  assert.equal(defined.label, 'Membership code');
  assert.deepEqual(defined.validation, { required: true });
  const filled = (await api('GET', `/admin/users/${existing.id}`)).body;
  assert.equal(filled.customAttributes.member_code, 'NONE');
  assert.deepEqual(page.errors, []);
});

test('an admin renames it in the console: the values move, the old name is remembered', async () => {
  const { page } = admin;
  const listed = page.locator('.attribute-list > li').filter({ hasText: 'member_code' });
  await listed.getByRole('button', { name: 'Edit member_code' }).click();
  const edit = page.getByRole('form', { name: 'Edit member_code' });
  await edit.getByLabel('Name', { exact: true }).fill('membership_code');
  await edit.getByRole('button', { name: 'Save member_code' }).click();
  const renamed = page.locator('.attribute-list > li').filter({ hasText: 'membership_code' });
  await renamed.getByText('Formerly: member_code').waitFor();
  assert.equal(
    await page
      .locator('.attribute-list > li')
      .filter({ hasText: /^member_code/ })
      .count(),
    0,
  );
  await screenshots(page, 'admin-attribute-renamed');

  const schema = (await api('GET', '/admin/attributes')).body;
  assert.deepEqual(
    schema.custom.filter((a) => a.name.includes('member')).map((a) => [a.name, a.previousNames]),
    [['membership_code', ['member_code']]],
  );
  const moved = (await api('GET', `/admin/users/${existing.id}`)).body;
  assert.deepEqual(moved.customAttributes, { membership_code: 'NONE' });
  assert.deepEqual(page.errors, []);
});

test('sign-up asks for the required attribute under its label; the profile shows it', async () => {
  const visitor = await newPage(browser);
  const { page } = visitor;
  try {
    await page.goto(`${app.ui}/sign-up`);
    await heading(page, 'Create your account');
    const field = page.getByLabel('Membership code (required)');
    await field.waitFor();
    assert.equal(await field.getAttribute('required'), '');
    await page.getByLabel('Email', { exact: true }).fill(NEWCOMER.email);
    await page.getByLabel('Password', { exact: true }).fill(NEWCOMER.password);
    // The browser keeps the form until the required field has a value: nobody is created.
    await page.getByRole('button', { name: 'Create account' }).click();
    assert.equal(await field.evaluate((input) => input.validity.valueMissing), true);
    const none = (await api('GET', `/admin/users?query=${encodeURIComponent(NEWCOMER.email)}`))
      .body;
    assert.equal(none.data.length, 0);
    await screenshots(page, 'sign-up-required-attribute');
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 740 });
    assert.equal(await overflowsHorizontally(page), false);
    await page.setViewportSize(viewport);

    await field.fill('M-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Your account');
    const made = (await api('GET', `/admin/users?query=${encodeURIComponent(NEWCOMER.email)}`)).body
      .data[0];
    const view = (await api('GET', `/admin/users/${made.id}`)).body;
    assert.equal(view.customAttributes.membership_code, 'M-42');

    // The profile shows the label, and the browser marks the field required there too.
    const onProfile = page.getByLabel('Membership code (required)');
    await onProfile.waitFor();
    assert.equal(await onProfile.inputValue(), 'M-42');
    assert.deepEqual(page.errors, []);
  } finally {
    await visitor.context.close();
  }
});
