// `npm run test:ui`: organizations in a real browser against the built sample app. A user
// creates an organization on the profile, makes it the session's active one (the switcher) and
// invites a second user, whose mail says so; the second user accepts on their profile and the
// first sees them among the members. The admin console lists, searches, creates and deletes
// organizations and shows their members.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, startUiApp } from './support/app.js';
import { callApi } from './support/api.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';
import { signInWithPassword } from './support/credentials.js';

const PASSWORD = 'lantern-orchard-velvet-31';
const OWNER = `org.owner.${Date.now().toString(36)}@example.com`;
const INVITEE = `org.invitee.${Date.now().toString(36)}@example.com`;
const TEAM = 'Lantern Works';

let app;
let browser;

async function heading(page, text) {
  const h1 = page.getByRole('heading', { level: 1, name: text });
  await h1.waitFor({ timeout: 15_000 });
  return h1;
}

async function shoot(page, name) {
  await screenshots(page, name);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  const overflows = await overflowsHorizontally(page);
  await page.setViewportSize(viewport);
  assert.equal(overflows, false, `${name} fits 375 px`);
}

/** Signs up through the API and verifies the address with the mailed code. */
async function verifiedUser(email) {
  const since = app.inbox.mails.length;
  const created = await callApi(app.base, 'POST', '/auth/signup', { email, password: PASSWORD });
  assert.equal(created.status, 201);
  const code = await app.inbox.code(email, { since });
  const address = created.body.user.emailAddresses[0];
  const verified = await callApi(
    app.base,
    'POST',
    `/me/emails/${address.id}/verify`,
    { code },
    created.body.accessToken,
  );
  assert.equal(verified.status, 200);
}

before(async () => {
  app = await startUiApp();
  browser = await launchBrowser();
  await verifiedUser(OWNER);
  await verifiedUser(INVITEE);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test('create an organization, switch to it, invite a second user who accepts, see the member', async () => {
  const owner = await newPage(browser);
  const invitee = await newPage(browser);
  try {
    const { page } = owner;
    await signInWithPassword(page, app.ui, OWNER, PASSWORD);
    await heading(page, 'Your account');
    const panel = page.getByRole('region', { name: 'Organizations' });
    await panel.getByText('You belong to no organization yet.').waitFor();
    await panel.getByLabel('Organization name').fill(TEAM);
    await panel.getByRole('button', { name: 'Create organization' }).click();
    await panel.getByText(`${TEAM} created.`).waitFor();
    await panel.getByRole('list', { name: 'Your organizations' }).getByText(TEAM).waitFor();

    // The switcher: this session now works in the organization (the API agrees).
    await panel.getByLabel('Active organization').selectOption({ label: TEAM });
    const members = panel.getByRole('list', { name: `Members of ${TEAM}` });
    await members.getByText(OWNER).waitFor();
    await panel.getByRole('list', { name: 'Your organizations' }).getByText('Active').waitFor();

    const since = app.inbox.mails.length;
    await panel.getByLabel('Email to invite').fill(INVITEE);
    await panel.getByRole('button', { name: 'Send invitation' }).click();
    await panel.getByText(`Invitation sent to ${INVITEE}.`).waitFor();
    const mail = await app.inbox.waitFor(INVITEE, /invited you to join (.+) as (\w+)\./, { since });
    assert.equal(mail[1], TEAM);
    assert.equal(mail[2], 'member');
    await shoot(page, 'organizations-profile');

    // The invitee answers on their own profile.
    const other = invitee.page;
    await signInWithPassword(other, app.ui, INVITEE, PASSWORD);
    await heading(other, 'Your account');
    const theirs = other.getByRole('region', { name: 'Organizations' });
    await theirs.getByRole('list', { name: 'Invitations' }).getByText(TEAM).waitFor();
    await theirs.getByRole('button', { name: `Accept the invitation to ${TEAM}` }).click();
    await theirs.getByRole('list', { name: 'Your organizations' }).getByText(TEAM).waitFor();
    assert.equal(await theirs.getByRole('list', { name: 'Invitations' }).count(), 0);

    // The owner sees the new member.
    await page.reload();
    await heading(page, 'Your account');
    await page
      .getByRole('region', { name: 'Organizations' })
      .getByRole('list', { name: `Members of ${TEAM}` })
      .getByText(INVITEE)
      .waitFor();
    assert.deepEqual(page.errors, []);
    assert.deepEqual(other.errors, []);
  } finally {
    await owner.context.close();
    await invitee.context.close();
  }
});

test('the admin console: search, open, see the members; create and delete an organization', async () => {
  const { page, context } = await newPage(browser);
  try {
    await signInWithPassword(page, `${app.ui}`, ADMIN.email, ADMIN.password);
    await heading(page, 'Your account');
    await page.goto(`${app.ui}/admin/organizations`);
    await heading(page, 'Organizations');
    assert.equal(
      await page
        .getByRole('navigation', { name: 'Admin console' })
        .getByRole('link', { name: 'Organizations' })
        .getAttribute('aria-current'),
      'page',
    );
    await page.getByLabel('Search', { exact: true }).fill('lantern');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/search=lantern/);
    await page.getByRole('rowheader', { name: TEAM }).getByRole('link').click();
    await heading(page, TEAM);
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('rowheader', { name: OWNER }).waitFor();
    await members.getByRole('rowheader', { name: INVITEE }).waitFor();
    await members.getByLabel('Search members').fill('invitee');
    await members.getByRole('button', { name: 'Search members' }).click();
    await members.getByRole('rowheader', { name: OWNER }).waitFor({ state: 'detached' });
    await members.getByRole('rowheader', { name: INVITEE }).waitFor();
    await shoot(page, 'organizations-admin-detail');

    // A new one, owned by the admin; then deleted.
    await page.getByRole('link', { name: '← All organizations' }).click();
    await heading(page, 'Organizations');
    await page.getByLabel('Name', { exact: true }).fill('Console Made');
    await page.getByLabel('Slug').fill('console-made');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await heading(page, 'Console Made');
    await page
      .getByRole('region', { name: 'Members' })
      .getByRole('rowheader', { name: ADMIN.email })
      .waitFor();
    await page.getByRole('button', { name: 'Delete organization Console Made' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await heading(page, 'Organizations');
    await page.getByText(/Page 1: \d+ organization/).waitFor();
    assert.equal(await page.getByRole('rowheader', { name: 'Console Made' }).count(), 0);
    await shoot(page, 'organizations-admin-list');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
