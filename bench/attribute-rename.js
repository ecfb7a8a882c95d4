// A custom attribute's rename and fill over many users, alone (not part of `npm run bench`,
// writes no results file): a throwaway PostgreSQL, BENCH_USERS users seeded the way bench/run.js
// seeds them, the built sample app (run `npm run build` first); an attribute that every other
// user holds a value of is renamed (`PATCH /admin/attributes/:name { name }`: the definition and
// every value in one transaction), then made required with `fillMissingWith` (the users without
// one get it), each timed, with the latency of a user's own `PATCH /me` sent while the rename runs
// (it waits for the rename's lock on the definition, then is checked against the new name).
//
// Knobs (environment): BENCH_USERS (200000).
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { seedUsers } from './admin-search.js';
import { PASSWORD } from './parameters.js';
import { startApp } from './support.js';

const USERS = Number(process.env.BENCH_USERS ?? 200_000);
const started = performance.now();
const log = (message) =>
  console.log(`[rename ${Math.round((performance.now() - started) / 1000)} s] ${message}`);

async function call(base, method, path, body, token) {
  const since = performance.now();
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return {
    ms: Math.round(performance.now() - since),
    status: response.status,
    body: text ? JSON.parse(text) : null,
  };
}

const postgres = await startThrowawayPostgres();
let app;
try {
  // The first start migrates the empty database; the users come after.
  app = await startApp('dist/apps/sample/apps/sample/src/main.js', postgres.url);
  await seedUsers(postgres.url, USERS, log);
  const admin = await call(app.base, 'POST', '/auth/login', {
    email: 'admin@bench.example',
    password: PASSWORD,
  });
  const token = admin.body.accessToken;
  const defined = await call(
    app.base,
    'POST',
    '/admin/attributes',
    { name: 'plan', type: 'string', access: { endUser: 'editable' } },
    token,
  );
  if (defined.status !== 201) throw new Error(`define: ${defined.status}`);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  // One user in sixteen (ids ending in 0) holds a value.
  await client.query(
    `update userkit_users set custom_attributes = jsonb_build_object('plan', 'p' || right(id, 4))
     where id like '%0'`,
  );
  const {
    rows: [{ holders }],
  } = await client.query(
    `select count(*)::int as holders from userkit_users where custom_attributes ? 'plan'`,
  );
  await client.query('analyze userkit_users');
  await client.end();
  log(`${holders} of ${USERS} users hold a value of plan`);

  const member = await call(app.base, 'POST', '/auth/signup', {
    email: `member.${Date.now()}@bench.example`,
    password: PASSWORD,
  });
  const [renamed, own] = await Promise.all([
    call(app.base, 'PATCH', '/admin/attributes/plan', { name: 'subscription_plan' }, token),
    new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
      call(
        app.base,
        'PATCH',
        '/me',
        { customAttributes: { plan: 'pro' } },
        member.body.accessToken,
      ),
    ),
  ]);
  log(
    `rename: ${renamed.status} in ${renamed.ms} ms (${holders} values moved); a PATCH /me of the old name sent 50 ms in: ${own.status} after ${own.ms} ms`,
  );
  const filled = await call(
    app.base,
    'PATCH',
    '/admin/attributes/subscription_plan',
    { validation: { required: true }, fillMissingWith: 'free' },
    token,
  );
  log(
    `required with fillMissingWith: ${filled.status} in ${filled.ms} ms (${USERS + 2 - holders} users filled)`,
  );
} finally {
  await app?.stop();
  await postgres.stop();
}
