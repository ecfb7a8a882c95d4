// Import throughput: IMPORT_LINES users (10,000) without a plaintext password (a bcrypt hash,
// kept as given) sent to `POST /admin/users/import` of the built sample app on PostgreSQL, in one
// request; users written per second, the whole request timed (parsing, checks, the batched writes,
// the audit log's records and webhook outbox of each user.created). bench/run.js runs it as its
// step 5; alone (`node bench/user-import.js`, after `npm run build`) it starts a throwaway
// PostgreSQL and the app itself and prints the figure (no results file).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { PASSWORD } from './parameters.js';
import { postJson, startApp } from './support.js';

export const IMPORT_LINES = Number(process.env.IMPORT_LINES ?? 10_000);
/** bcrypt, cost 10, of "password": a hash as another system hands it over (never verified here). */
const BCRYPT_HASH = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';

/** The NDJSON file: one user per line, each with two emails, a phone, names and metadata. */
export function importFile(lines, firstPhone = 2_000_000, run = randomUUID().slice(0, 8)) {
  const users = [];
  for (let i = 0; i < lines; i += 1)
    users.push(
      JSON.stringify({
        externalId: `bench-${run}-${i}`,
        emails: [
          { email: `import-${run}-${i}@bench.example`, verified: true },
          { email: `import-${run}-${i}@work.bench.example`, verified: false },
        ],
        phoneNumbers: [{ phoneNumber: `+1415${firstPhone + i}`, verified: true }],
        displayName: `User ${i}`,
        firstName: 'Imported',
        lastName: `User ${i}`,
        publicMetadata: { plan: i % 2 ? 'pro' : 'free' },
        privateMetadata: { crm: i },
        createdAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
        passwordHash: BCRYPT_HASH,
      }),
    );
  return `${users.join('\n')}\n`;
}

/** Imports IMPORT_LINES users into the app at `base` as its admin; users per second. */
export async function importBenchmark(base, admin, log = console.log) {
  const { accessToken } = await postJson(base, '/auth/login', admin);
  // A small import first: the first requests of a process are slower (JIT, connections).
  await post(base, accessToken, importFile(200, 3_000_000));
  const body = importFile(IMPORT_LINES);
  const started = performance.now();
  const report = await post(base, accessToken, body);
  const seconds = (performance.now() - started) / 1000;
  if (report.created !== IMPORT_LINES)
    throw new Error(
      `import created ${report.created} of ${IMPORT_LINES}: ${JSON.stringify(report.errors.slice(0, 3))}`,
    );
  const usersPerSecond = Math.round(IMPORT_LINES / seconds);
  log(`import: ${IMPORT_LINES} users in ${seconds.toFixed(2)} s = ${usersPerSecond} users/s`);
  return { lines: IMPORT_LINES, seconds: Math.round(seconds * 100) / 100, usersPerSecond };
}

async function post(base, accessToken, body) {
  const response = await fetch(`${base}/admin/users/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
  return response.json();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const postgres = await startThrowawayPostgres();
  let app;
  try {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query('create database userkit_import');
    await client.end();
    app = await startApp(
      'dist/apps/sample/apps/sample/src/main.js',
      postgres.url.replace(/\/postgres$/, '/userkit_import'),
    );
    await importBenchmark(app.base, { email: 'admin@bench.example', password: PASSWORD });
  } finally {
    await app?.stop();
    await postgres.stop();
  }
}
