// The admin search alone, quickly, for iterating on it (not part of `npm run bench`, writes no
// results file): a throwaway PostgreSQL, BENCH_USERS users seeded the way bench/run.js seeds them,
// the built sample app (run `npm run build` first), then p50 / p95 of the four timed queries of
// bench/admin-search.js and PostgreSQL's plan of each (EXPLAIN ANALYZE, BUFFERS) of the library's
// own SQL.
//
// Knobs (environment): BENCH_USERS (200000); QUICK_REQUESTS timed per query and app (50, after 10
// warm-ups); QUICK_APPS, a comma-separated list of built sample apps' main.js to compare side by
// side on the same database, requests interleaved (default: the current build; e.g. a copy of an
// older dist); QUICK_PLANS=full prints the whole plans (default: the summary line of each).
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { librarySearchSql, searchKinds, seedUsers } from './admin-search.js';
import { PASSWORD } from './parameters.js';
import { startApp } from './support.js';

const USERS = Number(process.env.BENCH_USERS ?? 200_000);
const REQUESTS = Number(process.env.QUICK_REQUESTS ?? 50);
const WARM_UPS = 10;
const APPS = (process.env.QUICK_APPS ?? 'dist/apps/sample/apps/sample/src/main.js').split(',');
const PAGE = 20;
const started = performance.now();
const log = (message) =>
  console.log(`[quick ${Math.round((performance.now() - started) / 1000)} s] ${message}`);

async function signedIn(app) {
  const login = await fetch(`${app.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@bench.example', password: PASSWORD }),
  });
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };
  return async (path) => {
    const since = performance.now();
    const response = await fetch(app.base + path, { headers });
    const body = await response.json();
    if (response.status !== 200)
      throw new Error(`${path} → ${response.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - since, body };
  };
}

const percentile = (values, p) =>
  [...values].sort((x, y) => x - y)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];
const round1 = (value) => Math.round(value * 10) / 10;

const postgres = await startThrowawayPostgres();
const apps = [];
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('create database userkit_search');
  await admin.end();
  const databaseUrl = postgres.url.replace(/\/postgres$/, '/userkit_search');
  // The first app migrates the empty database; the seeding rebuilds every index it made.
  apps.push(await startApp(APPS[0], databaseUrl));
  const seedStarted = performance.now();
  await seedUsers(databaseUrl, USERS, log);
  log(`seeding took ${Math.round((performance.now() - seedStarted) / 1000)} s in all`);
  for (const main of APPS.slice(1)) apps.push(await startApp(main, databaseUrl));
  const gets = await Promise.all(apps.map(signedIn));

  // Page 100 of the default sort, walked once (not timed) on the first app.
  let cursor = null;
  for (let page = 1; page < 100; page += 1)
    cursor = (
      await gets[0](
        `/admin/users?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
    ).body.nextCursor;
  const { decodeUserCursor } = await import('../dist/libs/user/services/user-cursor.js');

  // The same queries as bench/admin-search.js: [path of round i, the library's criteria].
  const kinds = searchKinds(USERS, cursor, decodeUserCursor);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const [kind, [path, criteria]] of Object.entries(kinds)) {
    const timings = apps.map(() => []);
    let bodies = null;
    for (let i = 0; i < WARM_UPS + REQUESTS; i += 1) {
      // Interleaved, the order rotating: a busy neighbour slows every app of a round alike.
      const results = [];
      for (let k = 0; k < apps.length; k += 1) {
        const a = (i + k) % apps.length;
        results[a] = await gets[a](path(i));
      }
      if (i === 0) {
        if (results[0].body.data.length === 0) throw new Error(`${path(i)} found nobody`);
        bodies = results.map((result) => JSON.stringify(result.body));
      }
      if (i >= WARM_UPS) results.forEach((result, a) => timings[a].push(result.ms));
    }
    const same = bodies.every((body) => body === bodies[0]);
    for (let a = 0; a < apps.length; a += 1)
      log(
        `${kind} [${apps[a].main}]: p50 ${round1(percentile(timings[a], 50))} ms, p95 ${round1(percentile(timings[a], 95))} ms`,
      );
    if (apps.length > 1)
      log(`${kind}: the apps' first answers are ${same ? 'identical' : 'DIFFERENT'}`);

    const { text, values } = await librarySearchSql(
      { ...criteria(WARM_UPS), limit: PAGE + 1 },
      databaseUrl,
    );
    const { rows } = await client.query(`explain (analyze, buffers) ${text}`, values);
    const lines = rows.map((row) => row['QUERY PLAN']);
    if (process.env.QUICK_PLANS === 'full')
      log(`${kind} plan:\n${text}\n${JSON.stringify(values)}\n${lines.join('\n')}`);
    log(`${kind}: ${lines.find((line) => line.startsWith('Execution Time'))}`);
  }
  await client.end();
} finally {
  for (const app of apps) await app.stop().catch(() => {});
  await postgres.stop();
}
