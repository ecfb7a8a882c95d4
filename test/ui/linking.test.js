// `npm run test:ui`: the profile's "Connected accounts" card — linking a Google account to an
// email + password account through a real local OAuth server (oauth2-mock-server on 127.0.0.1),
// unlinking it, the server refusing to unlink an OAuth-only user's last way to sign in, a
// provider that denies the link (the stored account shows failed, with the reason, until a retry
// verifies it), and GitHub beside Google (a GitHub account links to one user).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';
import { signInWithPassword, signUpWithPassword } from './support/credentials.js';
import { startOAuthProvider } from './support/oauth-provider.js';

const stamp = Date.now().toString(36);
const EMAIL = `ui.linker.${stamp}@example.com`;
const PASSWORD = 'copper-harbour-violin-52';
const LINKED = {
  sub: `ui-link-google-${stamp}`,
  given_name: 'Katherine',
  family_name: 'Johnson',
  email: `ui.linked.${stamp}@gmail.example`,
  email_verified: true,
};
const OAUTH_ONLY = {
  sub: `ui-only-google-${stamp}`,
  given_name: 'Dorothy',
  family_name: 'Vaughan',
  email: `ui.only.${stamp}@gmail.example`,
  email_verified: true,
};

/** GitHub's /user and /user/emails for the account linked in the GitHub test. */
const OCTOCAT = {
  user: {
    id: 4_000_000 + (Date.now() % 1_000_000),
    login: `ui-octo-${stamp}`,
    name: 'Mary Jackson',
    avatar_url: null,
    email: null,
  },
  emails: [{ email: `ui.octo.${stamp}@github.example`, primary: true, verified: true }],
};

// exact: "Disconnect Google" contains the words too.
const CONNECT = { name: 'Connect Google', exact: true };
const CONNECT_GITHUB = { name: 'Connect GitHub', exact: true };

let person = LINKED;
/** When set, the provider's /authorize answers with this OAuth error instead of a code. */
let denial = null;

let provider;
let app;
let browser;

before(async () => {
  provider = await startOAuthProvider({
    google: () => person,
    github: () => OCTOCAT,
    denial: () => denial,
  });
  app = await startUiApp(provider.env);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await provider?.stop();
});

async function profile(page) {
  await page
    .getByRole('heading', { level: 1, name: 'Your account', exact: true })
    .waitFor({ timeout: 20_000 });
  return page.getByRole('region', { name: 'Connected accounts' });
}

/** The user as the API returns it, read with the page's own session (the refresh cookie). */
async function me(page) {
  return page.evaluate(async () => {
    const refreshed = await fetch('/account/session/refresh', {
      method: 'POST',
      headers: { 'X-UserKit-Session': 'cookie' },
    });
    const { accessToken } = await refreshed.json();
    const response = await fetch('/me', { headers: { authorization: `Bearer ${accessToken}` } });
    return response.json();
  });
}

async function fitsPhone(page) {
  await page.setViewportSize({ width: 375, height: 740 });
  assert.equal(await overflowsHorizontally(page), false, 'the profile fits 375 px');
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('an email + password account links Google from the profile, sees it verified, and unlinks it', async () => {
  const { page, context } = await newPage(browser);
  try {
    await signUpWithPassword(page, app.ui, EMAIL, PASSWORD);
    let connected = await profile(page);
    await connected.getByRole('button', CONNECT).waitFor();
    assert.equal(await connected.getByRole('listitem').count(), 0);
    await screenshots(page, 'profile-connect-google');

    person = LINKED;
    await connected.getByRole('button', CONNECT).click();
    connected = await profile(page);
    await connected.getByRole('status').filter({ hasText: 'The account is connected.' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('linked'), 'google');
    const item = connected.getByRole('listitem').filter({ hasText: LINKED.email });
    await item.waitFor();
    assert.match(await item.innerText(), /Google · ui\.linked\./);
    await item.locator('.badge', { hasText: 'Verified' }).waitFor();
    // Linked, not signed in as someone else: still the same account, Google's email not added.
    await page.getByText(EMAIL).first().waitFor();
    const linked = await me(page);
    assert.equal(linked.emailAddresses.length, 1);
    assert.equal(linked.externalAccounts.length, 1);
    assert.equal(linked.externalAccounts[0].provider, 'google');
    assert.equal(linked.externalAccounts[0].providerUserId, LINKED.sub);
    assert.equal(linked.externalAccounts[0].verification.status, 'verified');
    // Each provider links once: the button is gone while Google is linked.
    assert.equal(await connected.getByRole('button', CONNECT).count(), 0);
    await screenshots(page, 'profile-google-linked');
    await fitsPhone(page);

    // The password is another way in: unlinking is allowed.
    await connected.getByRole('button', { name: 'Disconnect Google' }).click();
    await connected.getByRole('button', { name: 'Yes, do it' }).click();
    await connected.getByRole('button', CONNECT).waitFor();
    assert.equal(await connected.getByRole('listitem').count(), 0);
    assert.equal(await connected.getByRole('alert').count(), 0);
    assert.deepEqual((await me(page)).externalAccounts, []);
    await screenshots(page, 'profile-google-unlinked');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('a link the provider denies stays on the profile as failed, with the reason; trying again verifies the same account', async () => {
  const { page, context } = await newPage(browser);
  try {
    await signInWithPassword(page, app.ui, EMAIL, PASSWORD);
    let connected = await profile(page);
    denial = 'access_denied';
    await connected.getByRole('button', CONNECT).click();
    connected = await profile(page);
    const alert = connected.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Connecting failed/);
    assert.match(await alert.innerText(), /not allowed to share your account \(access denied\)/);
    assert.equal(new URL(page.url()).searchParams.get('error'), 'access_denied');
    assert.equal(await connected.getByRole('status').count(), 0);
    // The account the link stored stays, failed, with the reason; it is no way in.
    const item = connected.getByRole('listitem').filter({ hasText: 'Google' });
    await item.locator('.badge', { hasText: 'Failed' }).waitFor();
    assert.match(await item.innerText(), /The sign-in at the provider was cancelled\./);
    const [failed] = (await me(page)).externalAccounts;
    assert.equal(failed.verification.status, 'failed');
    assert.deepEqual(failed.verification.error, {
      code: 'access_denied',
      message: 'The sign-in at the provider was cancelled.',
    });
    assert.equal(failed.providerUserId, null);
    assert.equal(await connected.getByRole('button', CONNECT).count(), 0);
    await screenshots(page, 'profile-google-link-denied');
    await fitsPhone(page);

    // Trying again links, and the same account becomes verified.
    denial = null;
    person = LINKED;
    await item.getByRole('button', { name: 'Try again' }).click();
    connected = await profile(page);
    await connected.getByRole('status').filter({ hasText: 'The account is connected.' }).waitFor();
    const [verified] = (await me(page)).externalAccounts;
    assert.equal(verified.id, failed.id);
    assert.equal(verified.verification.status, 'verified');
    assert.equal(verified.providerUserId, LINKED.sub);
    await connected
      .getByRole('listitem')
      .filter({ hasText: LINKED.email })
      .locator('.badge', { hasText: 'Verified' })
      .waitFor();

    // Back as it was for the next tests.
    await connected.getByRole('button', { name: 'Disconnect Google' }).click();
    await connected.getByRole('button', { name: 'Yes, do it' }).click();
    await connected.getByRole('button', CONNECT).waitFor();
    assert.deepEqual((await me(page)).externalAccounts, []);
    assert.deepEqual(page.errors, []);
  } finally {
    denial = null;
    await context.close();
  }
});

test("an OAuth-only user cannot unlink their only account: the page shows the server's refusal", async () => {
  const { page, context } = await newPage(browser);
  person = OAUTH_ONLY;
  try {
    await page.goto(`${app.ui}/sign-in`);
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    const connected = await profile(page);
    const item = connected.getByRole('listitem').filter({ hasText: OAUTH_ONLY.email });
    await item.waitFor();
    await item.locator('.badge', { hasText: 'Verified' }).waitFor();

    await item.getByRole('button', { name: 'Disconnect Google' }).click();
    await item.getByRole('button', { name: 'Yes, do it' }).click();
    const alert = item.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /last way to sign in/);
    // Still linked, on the page and on the server.
    await item.getByRole('button', { name: 'Disconnect Google' }).waitFor();
    const stored = await me(page);
    assert.equal(stored.externalAccounts.length, 1);
    assert.equal(stored.externalAccounts[0].providerUserId, OAUTH_ONLY.sub);
    await screenshots(page, 'profile-google-unlink-refused');
    await fitsPhone(page);
    assert.deepEqual(page.errors, []);
  } finally {
    person = LINKED;
    await context.close();
  }
});

test('GitHub links beside Google; the same GitHub account cannot be connected to a second user', async () => {
  const first = await newPage(browser);
  const second = await newPage(browser);
  try {
    const { page } = first;
    await signInWithPassword(page, app.ui, EMAIL, PASSWORD);
    let connected = await profile(page);
    await connected.getByRole('button', CONNECT).waitFor();
    await connected.getByRole('button', CONNECT_GITHUB).click();
    connected = await profile(page);
    await connected.getByRole('status').filter({ hasText: 'The account is connected.' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('linked'), 'github');
    const item = connected.getByRole('listitem').filter({ hasText: 'GitHub' });
    await item.waitFor();
    assert.ok((await item.innerText()).includes(`GitHub · ${OCTOCAT.emails[0].email}`));
    await item.locator('.badge', { hasText: 'Verified' }).waitFor();
    const linked = await me(page);
    assert.deepEqual(
      linked.externalAccounts.map(({ provider, providerUserId }) => ({ provider, providerUserId })),
      [{ provider: 'github', providerUserId: String(OCTOCAT.user.id) }],
    );
    // GitHub is linked, Google still may be.
    assert.equal(await connected.getByRole('button', CONNECT_GITHUB).count(), 0);
    await connected.getByRole('button', CONNECT).waitFor();
    await screenshots(page, 'profile-github-linked');
    assert.deepEqual(page.errors, []);

    // Another user tries to connect the same GitHub account: refused, said in words, nothing linked.
    const other = second.page;
    await signUpWithPassword(other, app.ui, `ui.second-linker.${stamp}@example.com`, PASSWORD);
    connected = await profile(other);
    await connected.getByRole('button', CONNECT_GITHUB).click();
    connected = await profile(other);
    const alert = connected.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /already connected to another user/);
    assert.equal(new URL(other.url()).searchParams.get('error'), 'external_account_taken');
    // Only the second user's failed attempt, with the reason: nothing of the first user's account.
    const attempt = connected.getByRole('listitem').filter({ hasText: 'GitHub' });
    await attempt.locator('.badge', { hasText: 'Failed' }).waitFor();
    assert.match(await attempt.innerText(), /linked to another user/);
    const [stored] = (await me(other)).externalAccounts;
    assert.equal(stored.verification.status, 'failed');
    assert.equal(stored.verification.error.code, 'external_account_taken');
    assert.equal(stored.providerUserId, null);
    // The first user keeps it.
    assert.equal((await me(page)).externalAccounts.length, 1);
    await screenshots(other, 'profile-github-link-taken');
    await fitsPhone(other);
    assert.deepEqual(other.errors, []);
  } finally {
    await first.context.close();
    await second.context.close();
  }
});
