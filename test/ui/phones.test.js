// `npm run test:ui`: the profile's "Phone numbers" card — add a number, verify it with the code the
// sample app logs (its DevelopmentMessageSender mails email codes but logs phone codes), a wrong
// code, make another number primary, remove one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';
import { signUpWithPassword } from './support/credentials.js';

const stamp = Date.now().toString(36);
const EMAIL = `ui.phones.${stamp}@example.com`;
const PASSWORD = 'granite-willow-trumpet-63';
// Numbers for fiction (the page's own hint, a 555 one), typed as a person would, stored in E.164.
// (Ofcom's 07700 900xxx drama mobiles are not valid numbers to libphonenumber: refused.)
const FIRST = { typed: '+44 20 7946 0958', e164: '+442079460958' };
const SECOND = { typed: '+1 (415) 555-0123', e164: '+14155550123' };

let app;
let browser;
let main;

before(async () => {
  // NODE_ENV=test keeps only warnings and errors in the log; the phone codes are `log` lines.
  app = await startUiApp({ NODE_ENV: 'development' });
  browser = await launchBrowser();
  main = await newPage(browser);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

/** The code the sample app logged for `phone` after `since` output lines. */
async function loggedCode(phone, since) {
  const escaped = phone.replace('+', '\\+');
  const pattern = new RegExp(`Phone verification code for ${escaped}: (\\d{6})\\b`);
  return (await app.waitForOutput(pattern, { since }))[1];
}

async function addPhone(page, typed) {
  const since = app.output.length;
  await page.getByLabel('New phone number', { exact: true }).fill(typed);
  await page
    .getByRole('form', { name: 'Add a phone number' })
    .getByRole('button', { name: 'Add' })
    .click();
  return since;
}

async function submitCode(page, phone, code) {
  await page.getByLabel(`Code sent to ${phone}`).fill(code);
  await page
    .getByRole('form', { name: `Verify ${phone}` })
    .getByRole('button', { name: 'Verify' })
    .click();
}

function phones(page) {
  return page.getByRole('region', { name: 'Phone numbers' });
}

test('add a phone number: a wrong code is refused on the page, the logged code verifies it', async () => {
  const { page } = main;
  await signUpWithPassword(page, app.ui, EMAIL, PASSWORD);
  await page
    .getByRole('heading', { level: 1, name: 'Your account', exact: true })
    .waitFor({ timeout: 20_000 });
  const card = phones(page);
  await card.getByText('No phone number yet.').waitFor();

  const since = await addPhone(page, FIRST.typed);
  await card
    .getByRole('status')
    .filter({ hasText: `We sent a code to ${FIRST.e164}` })
    .waitFor();
  const item = card.getByRole('listitem').filter({ hasText: FIRST.e164 });
  await item.getByText('Unverified', { exact: true }).waitFor();
  // The first number of its kind is the primary one.
  await item.getByText('Primary', { exact: true }).waitFor();
  const code = await loggedCode(FIRST.e164, since);
  // The sample logs phone codes and mails nothing for them (SMTP cannot carry an SMS).
  assert.equal(
    app.inbox.mails.some((mail) => mail.text.includes(code)),
    false,
  );

  // A wrong code (a different 6 digits): the server's refusal shows, the number stays unverified.
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await submitCode(page, FIRST.e164, wrong);
  const alert = card.getByRole('form', { name: `Verify ${FIRST.e164}` }).getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The code is wrong, expired or already used/);
  await item.getByText('Unverified', { exact: true }).waitFor();
  await screenshots(page, 'profile-phone-wrong-code');

  await submitCode(page, FIRST.e164, code);
  await item.getByText('Verified', { exact: true }).waitFor();
  assert.equal(await item.getByText('Unverified', { exact: true }).count(), 0);
  assert.equal(await page.getByLabel(`Code sent to ${FIRST.e164}`).count(), 0);
  // The notice of the sent code went with the verify form.
  assert.equal(await card.getByText('We sent a code').count(), 0);
  await screenshots(page, 'profile-phone-verified');
  assert.deepEqual(page.errors, []);
});

test('a second number, verified, becomes primary; the first is removed', async () => {
  const { page } = main;
  const card = phones(page);
  const since = await addPhone(page, SECOND.typed);
  const second = card.getByRole('listitem').filter({ hasText: SECOND.e164 });
  await second.getByText('Unverified', { exact: true }).waitFor();
  // Only a verified number may be primary: no button yet.
  assert.equal(await card.getByRole('button', { name: `Make ${SECOND.e164} primary` }).count(), 0);
  await submitCode(page, SECOND.e164, await loggedCode(SECOND.e164, since));
  await second.getByText('Verified', { exact: true }).waitFor();

  await card.getByRole('button', { name: `Make ${SECOND.e164} primary` }).click();
  await second.getByText('Primary', { exact: true }).waitFor();
  const first = card.getByRole('listitem').filter({ hasText: FIRST.e164 });
  await first.getByText('Primary', { exact: true }).waitFor({ state: 'detached' });
  await card.getByRole('button', { name: `Make ${FIRST.e164} primary` }).waitFor();
  await screenshots(page, 'profile-phones-two');

  await card.getByRole('button', { name: `Remove ${FIRST.e164}` }).click();
  await card.getByRole('button', { name: 'Yes, do it' }).click();
  await first.waitFor({ state: 'detached' });
  assert.equal(await card.getByRole('listitem').count(), 1);
  await second.getByText('Primary', { exact: true }).waitFor();
  assert.equal(await card.getByRole('alert').count(), 0);
  await screenshots(page, 'profile-phones-removed');
  await page.setViewportSize({ width: 375, height: 740 });
  assert.equal(await overflowsHorizontally(page), false, 'the profile fits 375 px');
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(page.errors, []);
});
