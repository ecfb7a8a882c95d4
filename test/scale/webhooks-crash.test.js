// `npm run test:scale` (and `npm run test:webhooks-crash` alone): two sample-app processes on one
// PostgreSQL deliver the webhook outbox; one is killed with SIGKILL in the middle of 200 sign-ups.
// Every acknowledged (201) sign-up's `user.created` still reaches the receiver (at least once,
// deduplicated by webhook-id), and the survivor takes over the leases the dead instance held.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { startThrowawayPostgres } from '../../scripts/throwaway-postgres.js';
import { startInstance } from '../support/instances.js';

const ADMIN = { email: 'crash.admin@example.com', password: 'crash-admin-passphrase-7' };
const SIGN_UPS = 200;
const CONCURRENCY = 8;
/** The receiver answers slowly, so the instances hold leases on deliveries most of the time. */
const RECEIVER_DELAY_MS = 400;

async function call(instance, method, path, { body, token } = {}) {
  const response = await fetch(`${instance.base}${path}`, {
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

/** Records every request; answers 200 after RECEIVER_DELAY_MS. */
async function startReceiver() {
  const received = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      setTimeout(() => response.writeHead(200).end('ok'), RECEIVER_DELAY_MS);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

let postgres;
let database;
let receiver;
let a;
let b;

before(async () => {
  postgres = await startThrowawayPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('create database userkit_crash');
  await admin.end();
  const databaseUrl = postgres.url.replace(/\/postgres$/, '/userkit_crash');
  database = new pg.Client({ connectionString: databaseUrl });
  receiver = await startReceiver();
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'crash-test-secret-crash-test-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT: 'off',
    UI: 'off',
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'on',
  };
  // One after the other: both run the migrations; the second finds them done.
  a = await startInstance(env);
  b = await startInstance(env);
  await database.connect();
});

after(async () => {
  await a?.stop();
  await b?.stop();
  await database?.end();
  await receiver?.close();
  await postgres?.stop();
});

/** B's pending deliveries under a lease: the worker names its leases host:pid:random. */
async function leasesOf(instance) {
  const { rows } = await database.query(
    `select endpoint_id, message_id from userkit_webhook_deliveries
     where status = 'pending' and lease_owner like $1 and lease_expires_at > now()`,
    [`%:${instance.pid}:%`],
  );
  return rows;
}

test('kill -9 of one instance mid-run: every acknowledged user.created arrives, the survivor takes over', async (t) => {
  const signIn = await call(a, 'POST', '/auth/login', { body: ADMIN });
  assert.equal(signIn.status, 200);
  const endpoint = await call(a, 'POST', '/admin/webhooks', {
    token: signIn.body.accessToken,
    body: { url: receiver.url, events: ['user.created'] },
  });
  assert.equal(endpoint.status, 201);
  const secret = endpoint.body.secret;

  const acknowledged = new Set();
  let next = 0;
  let killed = false;
  let orphaned = [];
  const killB = async () => {
    // Wait (briefly) until B holds a lease, so the kill leaves some behind to take over.
    const deadline = Date.now() + 10_000;
    while ((await leasesOf(b)).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await b.kill('SIGKILL');
    killed = true;
    orphaned = await leasesOf(b);
  };
  let killing;
  async function worker() {
    for (;;) {
      const index = next++;
      if (index >= SIGN_UPS) return;
      if (index === Math.floor(SIGN_UPS / 2)) killing = killB();
      const instance = index % 2 === 0 || killed ? a : b;
      try {
        const response = await call(instance, 'POST', '/auth/signup', {
          body: { email: `crash.${index}@example.com`, password: 'crash-user-passphrase-31' },
        });
        if (response.status === 201) acknowledged.add(response.body.user.id);
      } catch {
        // B died under this request: not acknowledged, nothing is owed for it.
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await killing;
  assert.ok(killed, 'B was killed mid-run');
  assert.ok(acknowledged.size >= SIGN_UPS / 2, `only ${acknowledged.size} sign-ups acknowledged`);
  assert.ok(orphaned.length > 0, 'B held leases when it died');

  // Every acknowledged sign-up's user.created reaches the receiver (the survivor's lease
  // takeover comes after B's leases run out: timeout 10 s + 5 s).
  const seen = () => {
    const users = new Map();
    for (const request of receiver.received) {
      const payload = new Webhook(secret).verify(request.body, request.headers);
      assert.equal(payload.type, 'user.created');
      const ids = users.get(payload.data.userId) ?? new Set();
      ids.add(request.headers['webhook-id']);
      users.set(payload.data.userId, ids);
    }
    return users;
  };
  const deadline = Date.now() + 60_000;
  let users = seen();
  while ([...acknowledged].some((id) => !users.has(id)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    users = seen();
  }
  const missing = [...acknowledged].filter((id) => !users.has(id));
  assert.deepEqual(missing, [], `${missing.length} acknowledged sign-ups never arrived`);
  // One message per user: deduplicated by webhook-id, each user.created is one id.
  for (const id of acknowledged) assert.equal(users.get(id).size, 1);

  // The leases B left run out (timeout 10 s + 5 s): A takes them over and completes them.
  const orphanedStates = async () =>
    (
      await database.query(
        `select status, lease_owner from userkit_webhook_deliveries
         where (endpoint_id, message_id) in (select * from unnest($1::varchar[], $2::varchar[]))`,
        [orphaned.map((row) => row.endpoint_id), orphaned.map((row) => row.message_id)],
      )
    ).rows;
  let rows = await orphanedStates();
  while (rows.some((row) => row.status !== 'delivered') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    rows = await orphanedStates();
  }
  assert.equal(rows.length, orphaned.length);
  for (const row of rows) assert.deepEqual(row, { status: 'delivered', lease_owner: null });
  t.diagnostic(
    `${acknowledged.size} acknowledged, ${orphaned.length} leases taken over, ` +
      `${receiver.received.length} requests for ${users.size} users`,
  );
  const pending = await database.query(
    `select count(*)::int as n from userkit_webhook_deliveries where status <> 'delivered'`,
  );
  assert.equal(pending.rows[0].n, 0);
});
