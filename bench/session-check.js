// The session check against its ceiling: a guarded host route (the sample's GET /hello), GET /me
// and an organization-guarded route (GET /organizations/:orgId/hello) ÷ a Nest route doing exactly
// one primary-key SELECT through the same driver and pool size (bench/one-query-server.js), on
// SQLite and PostgreSQL; and, with stateless sessions, a guarded route (GET /hello/admin, the
// token's claims only) ÷ the same app's public route. Interleaved rounds, ratios of each round.
//
// Part of `npm run bench`; `node bench/session-check.js` runs this part alone (after `npm run
// build`), prints its figures and writes `limits` into bench/results.json.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSWORD } from './parameters.js';
import {
  httpRun,
  log,
  ratio,
  sideBySide,
  startProcess,
  withCpuPerRequest,
} from './side-by-side.js';

const CONNECTIONS = 20;
const SAMPLE = ['dist/apps/sample/apps/sample/src/main.js'];
const ADMIN = { email: 'admin@bench.example', password: PASSWORD };
const SAMPLE_ENV = {
  RATE_LIMIT: 'off',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: PASSWORD,
  AUDIT_LOG: 'off',
};

async function post(base, path, body, headers = {}) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One database: the sample (database mode) and the one-query app on it, side by side. */
async function onDatabase(title, databaseUrl) {
  const started = [];
  try {
    const app = await startProcess(
      SAMPLE,
      { ...SAMPLE_ENV, DATABASE_URL: databaseUrl },
      '/health/ready',
    );
    started.push(app);
    const signedUp = await post(app.base, '/auth/signup', {
      email: `session-check-${process.pid}@bench.example`,
      password: PASSWORD,
    });
    const auth = { authorization: `Bearer ${signedUp.accessToken}` };
    const organization = await post(app.base, '/organizations', { name: 'Bench' }, auth);
    const oneQuery = await startProcess(
      ['bench/one-query-server.js'],
      { DATABASE_URL: databaseUrl, ROW_ID: signedUp.user.id },
      '/ready',
    );
    started.push(oneQuery);
    // Each run also measures the server's CPU per request, which a busy machine moves much less.
    const run =
      (label, url, headers = {}, pid = app.pid) =>
      () =>
        withCpuPerRequest(
          pid,
          httpRun(`${title} ${label}`, { url, headers, connections: CONNECTIONS }),
        );
    const measured = await sideBySide(
      title,
      {
        oneQuery: run('one query', `${oneQuery.base}/one-query`, {}, oneQuery.pid),
        sessionCheck: run('GET /hello', `${app.base}/hello`, auth),
        me: run('GET /me', `${app.base}/me`, auth),
        orgGuarded: run(
          'GET /organizations/:orgId/hello',
          `${app.base}/organizations/${organization.organization.id}/hello`,
          auth,
        ),
        public: run('GET /hello/public', `${app.base}/hello/public`),
      },
      { warmUp: true },
    );
    return {
      sessionCheckVsOneQuery: ratio(measured.rounds, 'sessionCheck', 'oneQuery'),
      meVsOneQuery: ratio(measured.rounds, 'me', 'oneQuery'),
      orgGuardedVsGuarded: ratio(measured.rounds, 'orgGuarded', 'sessionCheck'),
      // The same comparisons by server CPU per request (one-query's ÷ ours: above 1 is cheaper).
      cpu: {
        sessionCheckVsOneQuery: ratio(measured.rounds, 'oneQuery', 'sessionCheck', 'cpuUs'),
        meVsOneQuery: ratio(measured.rounds, 'oneQuery', 'me', 'cpuUs'),
        orgGuardedVsGuarded: ratio(measured.rounds, 'sessionCheck', 'orgGuarded', 'cpuUs'),
      },
      figures: measured.figures,
    };
  } finally {
    for (const process_ of started.reverse()) await process_.stop().catch(() => {});
  }
}

/** Stateless sessions (SQLite: the guard reads no database): a guarded route ÷ the public one. */
async function stateless() {
  const file = join(tmpdir(), `userkit-stateless-${process.pid}.sqlite`);
  const app = await startProcess(
    SAMPLE,
    { ...SAMPLE_ENV, DATABASE_URL: `sqlite:${file}`, SESSION_VALIDATION: 'stateless' },
    '/health/ready',
  );
  try {
    // Tokens live 60 s here: each run signs in first, so none expires during its run.
    const guarded = async () => {
      const { accessToken } = await post(app.base, '/auth/login', ADMIN);
      return withCpuPerRequest(
        app.pid,
        httpRun('stateless GET /hello/admin', {
          url: `${app.base}/hello/admin`,
          headers: { authorization: `Bearer ${accessToken}` },
          connections: CONNECTIONS,
        }),
      );
    };
    const measured = await sideBySide(
      'stateless',
      {
        guarded,
        public: () =>
          withCpuPerRequest(
            app.pid,
            httpRun('stateless GET /hello/public', {
              url: `${app.base}/hello/public`,
              connections: CONNECTIONS,
            }),
          ),
      },
      { warmUp: true },
    );
    return {
      ratio: ratio(measured.rounds, 'guarded', 'public'),
      cpu: ratio(measured.rounds, 'public', 'guarded', 'cpuUs'),
      figures: measured.figures,
    };
  } finally {
    await app.stop();
    rmSync(file, { force: true });
  }
}

/** `postgresUrl`: a fresh database on the bench's PostgreSQL (SQLite files are made here). */
export async function measureSessionCheck(postgresUrl) {
  const file = join(tmpdir(), `userkit-session-check-${process.pid}.sqlite`);
  try {
    const sqlite = await onDatabase('SQLite', `sqlite:${file}`);
    const postgres = await onDatabase('PostgreSQL', postgresUrl);
    const statelessRun = await stateless();
    return {
      limits: {
        sessionCheckVsOneQuery: {
          postgres: postgres.sessionCheckVsOneQuery.ratio,
          sqlite: sqlite.sessionCheckVsOneQuery.ratio,
        },
        meVsOneQuery: { postgres: postgres.meVsOneQuery.ratio, sqlite: sqlite.meVsOneQuery.ratio },
        statelessVsPublic: statelessRun.ratio.ratio,
        orgGuardedVsGuarded: {
          postgres: postgres.orgGuardedVsGuarded.ratio,
          sqlite: sqlite.orgGuardedVsGuarded.ratio,
        },
        // The same by server CPU per request (the guarded route's ÷ the organization route's),
        // which a busy neighbour on a shared machine moves much less than req/s.
        orgGuardedVsGuardedCpu: {
          postgres: postgres.cpu.orgGuardedVsGuarded.ratio,
          sqlite: sqlite.cpu.orgGuardedVsGuarded.ratio,
        },
      },
      details: { sqlite, postgres, stateless: statelessRun },
    };
  } finally {
    rmSync(file, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startThrowawayPostgres } = await import('../scripts/throwaway-postgres.js');
  const loadAtStart = loadavg()[0];
  const postgres = await startThrowawayPostgres();
  let measured;
  try {
    measured = await measureSessionCheck(postgres.url);
  } finally {
    await postgres.stop();
  }
  console.log(JSON.stringify(measured, null, 2));
  const results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
  results.limits = { ...results.limits, ...measured.limits };
  results.details = {
    ...results.details,
    sessionCheck: {
      ...measured.details,
      date: new Date().toISOString(),
      machine: `${availableParallelism()} cores; load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at the end`,
    },
  };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  log('wrote limits into bench/results.json');
}
