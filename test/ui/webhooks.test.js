// `npm run test:ui`: the webhooks page of the admin console in a real browser against the built
// sample app — an admin adds an endpoint (the secret is shown once and verifies what arrives),
// reads its delivery log (a failed attempt's 500, then the retry that delivered it) and deletes
// it. A receiver on 127.0.0.1 (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=on) answers as the test says.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { ADMIN, startUiApp } from './support/app.js';
import { launchBrowser, newPage, overflowsHorizontally, screenshots } from './support/browser.js';

let app;
let browser;
let admin;
let adminToken;
let receiver;
let secret;
let member;

async function api(method, path, body, token = adminToken) {
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

async function startReceiver() {
  const state = { status: 500, received: [] };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const status = state.status;
      state.received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  });
}

async function until(condition, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function heading(page, text) {
  const h1 = page.getByRole('heading', { level: 1, name: text });
  await h1.waitFor();
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

before(async () => {
  receiver = await startReceiver();
  app = await startUiApp({ WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'on' });
  browser = await launchBrowser();
  admin = await newPage(browser);
  const login = await api('POST', '/auth/login', ADMIN, null);
  assert.equal(login.status, 200);
  adminToken = login.body.accessToken;
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await receiver?.close();
});

test('an admin adds an endpoint: its secret is shown once and signs what arrives', async () => {
  const { page } = admin;
  await page.goto(`${app.ui}/admin/webhooks`);
  await heading(page, 'Sign in');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Webhooks');
  await page.getByText('No endpoint yet.').waitFor();
  assert.equal(
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Webhooks' })
      .getAttribute('aria-current'),
    'page',
  );
  await page.getByLabel('URL').fill(receiver.url);
  await page.getByLabel('Events').fill('user.created');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByText(`Endpoint ${receiver.url} added.`).waitFor();
  secret = await page.locator('code.secret').textContent();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  await page.getByRole('rowheader', { name: receiver.url }).waitFor();
  const listed = await api('GET', '/admin/webhooks');
  assert.deepEqual(
    listed.body.map((endpoint) => [endpoint.url, endpoint.events]),
    [[receiver.url, ['user.created']]],
  );
  // A new user (no password: no argon2 hash) is announced; the receiver answers 500 for now.
  const created = await api('POST', '/admin/users', { email: `hooked.${Date.now()}@example.com` });
  assert.equal(created.status, 201);
  member = created.body;
  await until(() => receiver.received.length > 0, 'the first attempt');
  const payload = new Webhook(secret).verify(
    receiver.received[0].body,
    receiver.received[0].headers,
  );
  assert.deepEqual(payload.data, { userId: member.id, isAnonymous: false });
  await shoot(page, 'admin-webhooks');
  assert.deepEqual(page.errors, []);
});

test('the delivery log shows the failed attempt; Retry delivers it', async () => {
  const { page } = admin;
  await page.getByRole('button', { name: `Show deliveries to ${receiver.url}` }).click();
  const log = page.getByRole('region', { name: `Deliveries to ${receiver.url}` });
  const row = log.getByRole('row').filter({ hasText: 'user.created' });
  await row.getByRole('cell', { name: '500' }).waitFor();
  receiver.status = 200;
  const webhookId = receiver.received[0].headers['webhook-id'];
  await log.getByRole('button', { name: `Retry delivery ${webhookId}` }).click();
  await until(
    () => receiver.received.some((request) => request.status === 200),
    'the retried delivery',
  );
  assert.ok(receiver.received.every((request) => request.headers['webhook-id'] === webhookId));
  await until(async () => {
    await log.getByRole('button', { name: 'Refresh' }).click();
    return (await row.getByRole('cell', { name: 'delivered' }).count()) === 1;
  }, 'the log to say delivered');
  await row.getByRole('cell', { name: '200' }).waitFor();
  await shoot(page, 'admin-webhook-deliveries');
  assert.deepEqual(page.errors, []);
});

test('an admin deletes the endpoint (a second click confirms)', async () => {
  const { page } = admin;
  await page.getByRole('button', { name: `Delete endpoint ${receiver.url}` }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.getByText(`Endpoint ${receiver.url} deleted.`).waitFor();
  await page.getByText('No endpoint yet.').waitFor();
  assert.deepEqual((await api('GET', '/admin/webhooks')).body, []);
  assert.deepEqual(page.errors, []);
});
