// `npm run test:ui`: passkeys in the pages, with Chromium's virtual authenticator (the DevTools
// Protocol's WebAuthn domain: a platform authenticator with resident keys and user verification).
// Sign up, be asked to sign in again to add one after the recent-sign-in window, add a passkey
// from the profile, rename it, sign out, sign back in with "Sign in with a
// passkey" (no address typed: a discoverable credential), remove it, and see it refused after.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';
import { signInWithPassword, signUpWithPassword } from './support/credentials.js';

const stamp = Date.now().toString(36);
const EMAIL = `ui.passkeys.${stamp}@example.com`;
const PASSWORD = 'granite-willow-trumpet-63';

let app;
let browser;
let main;
let cdp;
let authenticatorId;

before(async () => {
  // WebAuthn's relying party ID must be a domain (never an IP address) and the page a secure
  // context: http://localhost is both. The sample app's passkey RP ID and origin come from it.
  app = await startUiApp({}, { host: 'localhost' });
  browser = await launchBrowser();
  main = await newPage(browser);
  cdp = await main.context.newCDPSession(main.page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

function heading(page, name) {
  return page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 20_000 });
}

function panel(page) {
  return page.getByRole('region', { name: 'Passkeys' });
}

/** Moves the sign-in of every session back two hours (past the sample's one-hour window). */
function ageSessions() {
  const db = new DatabaseSync(app.databaseFile);
  try {
    db.prepare('update userkit_sessions set authenticated_at = authenticated_at - ?').run(
      2 * 60 * 60 * 1000,
    );
  } finally {
    db.close();
  }
}

async function credentials() {
  return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
}

test('adding a passkey needs a recent sign-in: the API says so in the panel', async () => {
  const { page } = main;
  await signUpWithPassword(page, app.ui, EMAIL, PASSWORD);
  await heading(page, 'Your account');
  const card = panel(page);
  await card.getByText('No passkey yet.').waitFor();
  ageSessions();
  await card
    .getByRole('form', { name: 'Add a passkey' })
    .getByRole('button', { name: 'Add a passkey' })
    .click();
  await card.getByRole('alert').filter({ hasText: 'sign in again' }).waitFor();
  // Refused before the authenticator was asked: it holds nothing.
  assert.equal((await credentials()).length, 0);
  assert.deepEqual(page.errors, []);
});

test('add a passkey from the profile, rename it; the authenticator holds a resident key', async () => {
  const { page } = main;
  // A fresh sign-in opens the window again (the account menu signs out the aged session).
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  await signInWithPassword(page, app.ui, EMAIL, PASSWORD);
  await heading(page, 'Your account');
  const card = panel(page);
  await card.getByText('No passkey yet.').waitFor();

  await card.getByLabel('Name of the new passkey (optional)').fill('Test laptop');
  await card
    .getByRole('form', { name: 'Add a passkey' })
    .getByRole('button', { name: 'Add a passkey' })
    .click();
  await card.getByText('Passkey “Test laptop” added.').waitFor();
  const item = card.getByRole('list', { name: 'Your passkeys' }).getByRole('listitem');
  await item.getByText('Test laptop').waitFor();
  assert.equal(await item.count(), 1);
  await item.getByText('never used to sign in').waitFor();
  const held = await credentials();
  assert.equal(held.length, 1);
  assert.equal(held[0].isResidentCredential, true);
  assert.equal(held[0].rpId, 'localhost');

  await card.getByRole('button', { name: 'Rename Test laptop' }).click();
  await card.getByLabel('New name for Test laptop').fill('Work laptop');
  await card
    .getByRole('form', { name: 'Rename Test laptop' })
    .getByRole('button', { name: 'Save' })
    .click();
  await item.getByText('Work laptop').waitFor();
  await screenshots(page, 'passkeys');
  assert.equal(await overflowsHorizontally(page), false);
  // The same passkey again is refused by the authenticator (excludeCredentials): the error shows.
  await card
    .getByRole('form', { name: 'Add a passkey' })
    .getByRole('button', { name: 'Add a passkey' })
    .click();
  await card.getByRole('form', { name: 'Add a passkey' }).getByRole('alert').waitFor();
  assert.equal((await credentials()).length, 1);
  assert.deepEqual(page.errors, []);
});

test('sign out, then "Sign in with a passkey" signs back in without a password', async () => {
  const { page } = main;
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  const before = (await credentials())[0].signCount;

  await page
    .getByRole('group', { name: 'Other ways to sign in' })
    .getByRole('button', { name: 'Sign in with a passkey' })
    .click();
  await heading(page, 'Your account');
  await page.getByText(EMAIL).first().waitFor();
  // The authenticator signed (its counter moved) and the API recorded the use.
  assert.ok((await credentials())[0].signCount > before);
  await panel(page)
    .getByText(/last used/)
    .waitFor();
  assert.deepEqual(page.errors, []);
});

test('remove the passkey: the panel is empty again, password sign-in stays', async () => {
  const { page } = main;
  const card = panel(page);
  await card.getByRole('button', { name: 'Remove Work laptop' }).click();
  await card.getByRole('button', { name: 'Yes, remove it' }).click();
  await card.getByText('No passkey yet.').waitFor();
  assert.deepEqual(page.errors, []);
});

test('the removed passkey, still on the authenticator, no longer signs in: the page says why', async () => {
  const { page } = main;
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  assert.equal((await credentials()).length, 1);
  const group = page.getByRole('group', { name: 'Other ways to sign in' });
  await group.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await group.getByRole('alert').filter({ hasText: 'This passkey was not accepted' }).waitFor();
  // Still on the sign-in page, signed out.
  await heading(page, 'Sign in');
  assert.equal(await page.getByRole('button', { name: /^Account menu/ }).count(), 0);
  assert.deepEqual(page.errors, []);
});
