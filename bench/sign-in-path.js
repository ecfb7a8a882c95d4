// Sign-in and sign-up on PostgreSQL against the hash alone, quickly (a sibling of hot-path.js; run
// `npm run build` first). Side by side in interleaved rounds: sign-ins/s and sign-ups/s of the
// built sample app (RATE_LIMIT=off) and raw argon2id verifications/s at the library's parameters
// in this process (as bench/run.js measures them), each with HASH_CONNECTIONS in flight. Also,
// per sign-in and per sign-up: the statements sent to PostgreSQL (bench/query-counter.js counts
// every pg query, prepared ones and BEGIN/COMMIT included) and the app's CPU ms (all its threads,
// so the hash is in it: a raw verify's CPU ms is printed next to it to subtract).
// SIGNIN_DISTS="before=some/dist,after=dist" compares builds (each a copy of dist/ inside this
// repository, so it resolves node_modules). Knobs: SIGNIN_ROUNDS (3), SIGNIN_SECONDS (4),
// SIGNIN_CONCURRENCY (HASHING_CONCURRENCY for the app, unset = its default), SIGNIN_PROFILE=dir
// (a CPU profile of each app's main thread, node --cpu-prof, written when it stops).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { freePort } from '../scripts/free-port.js';
import { ARGON2, PASSWORD } from './parameters.js';
import { postJson, rawVerifies, waitForReady } from './support.js';

const ROUNDS = Number(process.env.SIGNIN_ROUNDS ?? 3);
const SECONDS = Number(process.env.SIGNIN_SECONDS ?? 4);
const HASH_CONNECTIONS = 8;
const USERS = 20;
const DISTS = (process.env.SIGNIN_DISTS ?? 'app=dist')
  .split(',')
  .map((entry) => entry.split('='))
  .map(([name, dir]) => ({ name, dir }));

async function startApp(dir, databaseUrl) {
  const port = await freePort();
  const counterFile = join(tmpdir(), `userkit-queries-${process.pid}-${port}.json`);
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    RATE_LIMIT: 'off',
    DATABASE_DEBUG: 'off',
    QUERY_COUNTER_FILE: counterFile,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  };
  if (process.env.SIGNIN_CONCURRENCY) env.HASHING_CONCURRENCY = process.env.SIGNIN_CONCURRENCY;
  const args = ['--import', './bench/query-counter.js'];
  if (process.env.SIGNIN_PROFILE)
    args.push('--cpu-prof', `--cpu-prof-dir=${process.env.SIGNIN_PROFILE}`);
  const child = spawn(process.execPath, [...args, `${dir}/apps/sample/apps/sample/src/main.js`], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(base);
  return {
    base,
    /** Statements sent and CPU ms spent so far (asks the preloaded counter). */
    async counters() {
      const before = statSync(counterFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      child.kill('SIGWINCH');
      for (let i = 0; i < 200; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const file = statSync(counterFile, { throwIfNoEntry: false });
        if (file && file.mtimeMs > before && file.size > 0)
          return JSON.parse(readFileSync(counterFile, 'utf8'));
      }
      throw new Error('the query counter did not answer');
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(counterFile, { force: true });
    },
  };
}

let counter = 0;
const uniqueEmail = () => `u${process.pid}x${(counter += 1)}@bench.example`;
const randomSignIn = () => ({
  email: `signin${Math.floor(Math.random() * USERS)}@bench.example`,
  password: PASSWORD,
});

/** One autocannon run of a JSON POST: 2xx/s and the app's CPU ms per 2xx. */
async function httpRun(app, path, body) {
  const before = await app.counters();
  const result = await new Promise((resolve, reject) =>
    autocannon(
      {
        url: app.base,
        duration: SECONDS,
        connections: HASH_CONNECTIONS,
        requests: [
          {
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
          },
        ],
      },
      (error, value) => (error ? reject(error) : resolve(value)),
    ),
  );
  // Requests still in flight when the run stops finish before the CPU is read.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = await app.counters();
  if (result.non2xx || result.errors)
    console.log(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result['2xx'] / SECONDS, cpuMs: (after.cpuMs - before.cpuMs) / result['2xx'] };
}

/** Statements of one sequential request (the counters asked before and after). */
async function statementsOf(app, work) {
  const before = await app.counters();
  await work();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const after = await app.counters();
  return after.queries - before.queries;
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const fixed = (value, digits = 1) => value.toFixed(digits);

const postgres = await startThrowawayPostgres();
const apps = [];
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  for (const { name } of DISTS) await admin.query(`create database userkit_signin_${name}`);
  await admin.end();
  for (const { name, dir } of DISTS) {
    const app = await startApp(dir, postgres.url.replace(/\/postgres$/, `/userkit_signin_${name}`));
    apps.push({ name, app });
    for (let i = 0; i < USERS; i += 1)
      await postJson(app.base, '/auth/signup', {
        email: `signin${i}@bench.example`,
        password: PASSWORD,
      });
    // Warm up (prepared statements, JIT), then count one of each.
    for (let i = 0; i < 3; i += 1) {
      await postJson(app.base, '/auth/login', randomSignIn());
      await postJson(app.base, '/auth/signup', { email: uniqueEmail(), password: PASSWORD });
    }
    const signIn = await statementsOf(app, () => postJson(app.base, '/auth/login', randomSignIn()));
    const signUp = await statementsOf(app, () =>
      postJson(app.base, '/auth/signup', { email: uniqueEmail(), password: PASSWORD }),
    );
    const anonymous = await statementsOf(app, () =>
      postJson(app.base, '/auth/signup/anonymous', {}),
    );
    console.log(
      `${name}: statements per sign-in ${signIn}, per sign-up ${signUp}, per anonymous sign-up ${anonymous}`,
    );
  }
  const stored = await hash(PASSWORD, ARGON2);
  const contenders = { rawVerify: () => rawVerifies(stored, SECONDS, HASH_CONNECTIONS) };
  for (const { name, app } of apps) {
    contenders[`${name} sign-in`] = () => httpRun(app, '/auth/login', randomSignIn);
    contenders[`${name} sign-up`] = () =>
      httpRun(app, '/auth/signup', () => ({ email: uniqueEmail(), password: PASSWORD }));
  }
  const names = Object.keys(contenders);
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  console.log(`${availableParallelism()} cores, ${HASH_CONNECTIONS} in flight, ${SECONDS} s runs`);
  for (let round = 0; round < ROUNDS; round += 1) {
    const line = [];
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(round + k) % names.length];
      const result = await contenders[name]();
      runs[name].push({ ...result, verify: undefined });
      line.push(`${name} ${fixed(result.rps)}/s (${fixed(result.cpuMs)} CPU ms)`);
    }
    // Ratios against the raw verifications of the same round (a busy neighbour slows both).
    console.log(`round ${round + 1}: ${line.join(', ')}`);
  }
  const verifyCpu = median(runs.rawVerify.map((run) => run.cpuMs));
  console.log(
    `raw argon2id verify: ${fixed(median(runs.rawVerify.map((run) => run.rps)))}/s, ${fixed(verifyCpu)} CPU ms each`,
  );
  for (const name of names.filter((name) => name !== 'rawVerify')) {
    const ratios = runs[name].map((run, round) => run.rps / runs.rawVerify[round].rps);
    const cpu = median(runs[name].map((run) => run.cpuMs));
    console.log(
      `${name}: ${fixed(median(runs[name].map((run) => run.rps)))}/s, ÷ raw verifies ${fixed(median(ratios), 2)}, ` +
        `app CPU ${fixed(cpu)} ms per request (${fixed(cpu - verifyCpu)} ms beyond one hash)`,
    );
  }
} finally {
  for (const { app } of apps) await app.stop();
  await postgres.stop();
}
