// The audit log alone (not part of `npm run bench`, writes no results file; bench/run.js runs the
// same measurements as its step 4): a throwaway PostgreSQL and the built sample app (run
// `npm run build` first), then
//   1. sign-in throughput with UserAuditLogModule ÷ without it (AUDIT_LOG=off), interleaved
//      rounds, and the app's CPU per sign-in;
//   2. AUDIT_ROWS records seeded into the log, and the p95 of GET /admin/audit-log per filter.
//
// Knobs (environment): AUDIT_ROWS (10000000), BENCH_ROUNDS (5), BENCH_SECONDS per run (4),
// AUDIT_SIGN_IN=off (the queries only).
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { auditLogBenchmark, seedAuditLog } from './audit-log.js';
import { PASSWORD } from './parameters.js';
import {
  httpRun,
  log,
  ratio,
  round2,
  sideBySide,
  startProcess,
  withCpuPerRequest,
} from './side-by-side.js';

const ROWS = Number(process.env.AUDIT_ROWS ?? 10_000_000);
const USERS = 40;
const HASH_CONNECTIONS = 8;
const ADMIN = { email: 'admin@bench.example', password: PASSWORD };
const sampleArgs = ['dist/apps/sample/apps/sample/src/main.js'];
const sampleEnv = {
  RATE_LIMIT: 'off',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  UI: 'off',
};

async function post(base, path, body) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** Sign-in with the audit log ÷ without: interleaved rounds of the two sample apps. */
export async function measureSignInCost(urlOf, track, untrack) {
  const withLog = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: urlOf('audit_on') },
      '/health/ready',
    ),
  );
  const withoutLog = track(
    await startProcess(
      sampleArgs,
      { ...sampleEnv, DATABASE_URL: urlOf('audit_off'), AUDIT_LOG: 'off' },
      '/health/ready',
    ),
  );
  for (const app of [withLog, withoutLog])
    for (let i = 0; i < USERS; i += 1)
      await post(app.base, '/auth/signup', {
        email: `signin${i}@bench.example`,
        password: PASSWORD,
      });
  const signIn = (app, label) => () =>
    withCpuPerRequest(
      app.pid,
      httpRun(label, {
        url: app.base,
        connections: HASH_CONNECTIONS,
        requests: [
          {
            method: 'POST',
            path: '/auth/login',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                email: `signin${Math.floor(Math.random() * USERS)}@bench.example`,
                password: PASSWORD,
              }),
            }),
          },
        ],
      }),
    );
  const runs = await sideBySide(
    'sign-in',
    {
      withAuditLog: signIn(withLog, 'sign-in with the audit log'),
      withoutAuditLog: signIn(withoutLog, 'sign-in without the audit log'),
    },
    { warmUp: true },
  );
  const throughput = ratio(runs.rounds, 'withAuditLog', 'withoutAuditLog');
  const cpu = ratio(runs.rounds, 'withAuditLog', 'withoutAuditLog', 'cpuUs');
  const client = new pg.Client({ connectionString: urlOf('audit_on') });
  await client.connect();
  const { rows } = await client.query(
    `select count(*)::int as n from userkit_audit_log where type = 'sign_in.succeeded'`,
  );
  await client.end();
  await untrack(withoutLog);
  log(
    `sign-in with ÷ without the audit log: ${throughput.ratio} (${throughput.min}–${throughput.max}) of the throughput, ${cpu.ratio} of the app's CPU per sign-in; ${rows[0].n} sign-ins recorded`,
  );
  return {
    withApp: withLog,
    // Cost: the share of throughput lost (negative: none measurable on this run).
    signInCost: round2(1 - throughput.ratio),
    throughputRatio: throughput,
    cpuPerSignInRatio: cpu,
    figures: runs.figures,
    recordedSignIns: rows[0].n,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const postgres = await startThrowawayPostgres();
  const started = [];
  const track = (process_) => {
    started.push(process_);
    return process_;
  };
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    for (const name of ['audit_on', 'audit_off']) await admin.query(`create database ${name}`);
    await admin.end();
    const urlOf = (name) => postgres.url.replace(/\/postgres$/, `/${name}`);
    const untrack = async (process_) => {
      await process_.stop();
      started.splice(started.indexOf(process_), 1);
    };
    const cost =
      process.env.AUDIT_SIGN_IN === 'off'
        ? {
            withApp: track(
              await startProcess(
                sampleArgs,
                { ...sampleEnv, DATABASE_URL: urlOf('audit_on') },
                '/health/ready',
              ),
            ),
          }
        : await measureSignInCost(urlOf, track, untrack);
    await seedAuditLog(urlOf('audit_on'), ROWS, log);
    const queries = await auditLogBenchmark(cost.withApp.base, urlOf('audit_on'), ADMIN, log);
    console.log(
      JSON.stringify(
        {
          auditLog: { p95Ms: queries.p95Ms, signInCost: cost.signInCost },
          details: {
            rows: ROWS,
            throughputRatio: cost.throughputRatio,
            cpuPerSignInRatio: cost.cpuPerSignInRatio,
            signIn: cost.figures,
            queries: queries.figures,
            plans: queries.plans,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const process_ of started.reverse()) await process_.stop().catch(() => {});
    await postgres.stop();
  }
}
