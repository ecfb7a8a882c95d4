// `npm run test:ui`: passkey autofill (WebAuthn conditional UI) on the sign-in page, with
// Chromium's virtual authenticator. The page asks the browser for a conditional request as it
// opens (the identifier field is `autocomplete="username webauthn"`), and "Sign in with a passkey"
// ends that request before its own; the page records WebAuthn's calls to show both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage } from './support/browser.js';

let app;
let browser;
let main;

before(async () => {
  // WebAuthn needs a domain for its RP ID and a secure context: http://localhost is both.
  app = await startUiApp({}, { host: 'localhost' });
  browser = await launchBrowser();
  main = await newPage(browser);
  const cdp = await main.context.newCDPSession(main.page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  // Records each navigator.credentials.get: its mediation, and whether its signal was aborted.
  await main.page.addInitScript(() => {
    const calls = [];
    window.webAuthnCalls = calls;
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options) => {
      const call = { mediation: options?.mediation ?? null, aborted: false };
      options?.signal?.addEventListener('abort', () => (call.aborted = true));
      calls.push(call);
      return get(options);
    };
  });
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

test('the sign-in page asks for passkey autofill; the passkey button ends that request first', async () => {
  const { page } = main;
  await page.goto(`${app.ui}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
  assert.equal(
    await page.getByLabel('Email', { exact: true }).getAttribute('autocomplete'),
    'username webauthn',
  );
  assert.equal(
    await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable()),
    true,
  );
  await page.waitForFunction(() => window.webAuthnCalls.length === 1);
  assert.deepEqual(await page.evaluate(() => window.webAuthnCalls), [
    { mediation: 'conditional', aborted: false },
  ]);

  // No passkey on the authenticator: the modal request fails in the page's words, after the
  // conditional one was ended (the browser allows one request at a time).
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('alert').waitFor();
  const calls = await page.evaluate(() => window.webAuthnCalls);
  assert.deepEqual(calls, [
    { mediation: 'conditional', aborted: true },
    { mediation: null, aborted: false },
  ]);
  assert.deepEqual(page.errors, []);
});
