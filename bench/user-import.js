// Import throughput: IMPORT_LINES users (10,000) without a plaintext password (a bcrypt hash,
// kept as given) sent to `POST /admin/users/import` of the built sample app on PostgreSQL, in one
// request; users written per second, the whole request timed (parsing, checks, the batched writes,
// the audit log's records and webhook outbox of each user.created). bench/run.js runs it as its
// step 5; alone (`node bench/user-import.js [--results]`, after `npm run build`) it starts a
// throwaway PostgreSQL and the app itself and prints the figures (`--results`: also into
// bench/results.json). In the same rounds it measures the limit: rawInsertLimit.
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { PASSWORD } from './parameters.js';
import { writeRendered } from './render.js';
import { median, ratio, round2 } from './side-by-side.js';
import { postJson, startApp } from './support.js';

export const IMPORT_LINES = Number(process.env.IMPORT_LINES ?? 10_000);
export const IMPORT_ROUNDS = Number(process.env.IMPORT_ROUNDS ?? 3);
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

/**
 * Imports IMPORT_LINES users into the app at `base` (on `databaseUrl`) as its admin, and in the
 * same rounds, interleaved in a rotating order, the physical limit: the same rows written raw into
 * the same tables (rawInsertLimit), and into a copy of those tables without the trigram indexes.
 * The import's figure is the median of its rounds; its ratio to the limit the median of the
 * per-round ratios (a busy neighbour slows both sides of a round alike).
 */
export async function importBenchmark(base, admin, databaseUrl, log = console.log) {
  const { accessToken } = await postJson(base, '/auth/login', admin);
  // A small import first: the first requests of a process are slower (JIT, connections).
  await post(base, accessToken, importFile(200, 3_000_000));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const {
      rows: [audit],
    } = await client.query(
      `select actor_id, session_id, ip, user_agent from userkit_audit_log
        where type = 'user.signed_up' order by created_at desc limit 1`,
    );
    const copy = await copyWithoutTrigramIndexes(client);
    await rawInsertLimit(client, 'public', 200, audit); // warm-up, as the import's
    await rawInsertLimit(client, NO_TRIGRAM, 200, audit);
    const contenders = {
      import: async (round) => {
        const before = await rowCounts(client);
        const body = importFile(IMPORT_LINES, 4_000_000 + round * IMPORT_LINES);
        const started = performance.now();
        const report = await post(base, accessToken, body);
        const seconds = (performance.now() - started) / 1000;
        if (report.created !== IMPORT_LINES)
          throw new Error(
            `import created ${report.created} of ${IMPORT_LINES}: ${JSON.stringify(report.errors.slice(0, 3))}`,
          );
        // The limit must write what the import writes: the rows per user, table by table (the
        // audit log's one admin.action record of the request aside).
        const after = await rowCounts(client);
        for (const [table, , key] of LIMIT_TABLES) {
          const written = after[table] - before[table] - (table === 'userkit_audit_log' ? 1 : 0);
          if (written !== IMPORT_LINES * ROWS_PER_USER[key])
            throw new Error(
              `import wrote ${written} rows into ${table}, the limit ${IMPORT_LINES * ROWS_PER_USER[key]}`,
            );
        }
        return { seconds: round2(seconds), usersPerSecond: Math.round(IMPORT_LINES / seconds) };
      },
      limit: () => rawInsertLimit(client, 'public', IMPORT_LINES, audit),
      limitWithoutTrigram: () => rawInsertLimit(client, NO_TRIGRAM, IMPORT_LINES, audit),
    };
    const names = Object.keys(contenders);
    const rounds = [];
    for (let round = 0; round < IMPORT_ROUNDS; round += 1) {
      const figures = {};
      for (let at = 0; at < names.length; at += 1) {
        const name = names[(round + at) % names.length];
        figures[name] = await contenders[name](round);
      }
      log(
        `import round ${round + 1}: import ${figures.import.usersPerSecond} users/s, raw inserts ${figures.limit.usersPerSecond}, without the trigram indexes ${figures.limitWithoutTrigram.usersPerSecond} (load ${loadavg()[0].toFixed(1)})`,
      );
      rounds.push(figures);
    }
    const of = (name) => Math.round(median(rounds.map((round) => round[name].usersPerSecond)));
    return {
      lines: IMPORT_LINES,
      rounds: IMPORT_ROUNDS,
      usersPerSecond: of('import'),
      limitUsersPerSecond: of('limit'),
      limitWithoutTrigramUsersPerSecond: of('limitWithoutTrigram'),
      importVsLimit: ratio(rounds, 'import', 'limit', 'usersPerSecond'),
      limitVsWithoutTrigram: ratio(rounds, 'limit', 'limitWithoutTrigram', 'usersPerSecond'),
      trigramIndexes: copy.trigramIndexesDropped,
      foreignKeysOfTheCopy: copy.foreignKeys,
      loadAverage: loadavg().map((value) => round2(value)),
      perRound: rounds,
    };
  } finally {
    await client.end();
  }
}

const ROWS_PER_USER = { users: 1, emails: 2, phones: 1, roles: 1, audit: 1 };

async function rowCounts(client) {
  const counts = {};
  for (const [table] of LIMIT_TABLES)
    counts[table] = Number(
      (await client.query(`select count(*) from public."${table}"`)).rows[0].count,
    );
  return counts;
}

/**
 * The physical limit of the import on this database: the rows one imported user of `importFile`
 * writes (as UserCreationService.createMany writes them: its user, its two addresses, its phone,
 * its role link and the audit log's record of its user.created), written with a plain pg client
 * as multi-row INSERTs, 500 users per transaction like the import's batches. The rows are built
 * before the clock starts: what is timed is PostgreSQL alone (with the tables' indexes,
 * constraints and foreign keys in `schema`). Users per second.
 */
export async function rawInsertLimit(client, schema, users, audit, run = randomUUID().slice(0, 8)) {
  const batches = [];
  for (let first = 0; first < users; first += LIMIT_BATCH) {
    const batch = { users: [], emails: [], phones: [], roles: [], audit: [] };
    const now = new Date();
    for (let i = first; i < Math.min(users, first + LIMIT_BATCH); i += 1) {
      const id = uuidV7();
      const email = `limit-${run}-${i}@bench.example`;
      const work = `limit-${run}-${i}@work.bench.example`;
      batch.users.push([
        id,
        null,
        `limit-${run}-${i}`,
        `User ${i}`,
        'Imported',
        `User ${i}`,
        null,
        null,
        BCRYPT_HASH,
        { plan: i % 2 ? 'pro' : 'free' },
        { crm: i },
        {},
        {},
        {},
        false,
        false,
        null,
        null,
        false,
        new Date(Date.UTC(2020, 0, 1) + i * 60_000),
        now,
        null,
        0,
        null,
        false,
      ]);
      batch.emails.push([uuidV7(), id, email, email, true, true, now]);
      batch.emails.push([uuidV7(), id, work, work, false, false, now]);
      batch.phones.push([uuidV7(), id, `+1416${(limitPhones += 1)}`, true, true, now]);
      batch.roles.push([id, 'user']);
      batch.audit.push([
        uuidV7(),
        now,
        'user.signed_up',
        id,
        audit.actor_id,
        audit.session_id,
        audit.ip,
        audit.user_agent,
        { source: 'import' },
      ]);
    }
    batches.push(
      LIMIT_TABLES.map(([table, columns, key]) =>
        insertStatement(schema, table, columns, batch[key]),
      ),
    );
  }
  const started = performance.now();
  for (const statements of batches) {
    await client.query('begin');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds: round2(seconds), usersPerSecond: Math.round(users / seconds) };
}

/** The tables and columns createMany's statements name (logged once with log_statement=all). */
const LIMIT_TABLES = [
  [
    'userkit_users',
    [
      'id',
      'username',
      'external_id',
      'display_name',
      'first_name',
      'last_name',
      'picture',
      'profile_image_id',
      'password_hash',
      'public_metadata',
      'private_metadata',
      'unsafe_metadata',
      'standard_attributes',
      'custom_attributes',
      'is_anonymous',
      'banned',
      'ban_reason',
      'banned_until',
      'two_factor_enabled',
      'created_at',
      'updated_at',
      'last_sign_in_at',
      'failed_sign_in_count',
      'last_failed_sign_in_at',
      'password_sign_in_disabled',
    ],
    'users',
  ],
  [
    'userkit_email_addresses',
    ['id', 'user_id', 'email', 'normalized_email', 'verified', 'primary', 'created_at'],
    'emails',
  ],
  [
    'userkit_phone_numbers',
    ['id', 'user_id', 'phone_number', 'verified', 'primary', 'created_at'],
    'phones',
  ],
  ['userkit_user_roles', ['user_id', 'role_name'], 'roles'],
  [
    'userkit_audit_log',
    [
      'id',
      'created_at',
      'type',
      'user_id',
      'actor_id',
      'session_id',
      'ip',
      'user_agent',
      'details',
    ],
    'audit',
  ],
];
const LIMIT_BATCH = 500;
/** The limit's phone numbers (unique in the table, as the import's), from +14161000001 on. */
let limitPhones = 1_000_000;

function insertStatement(schema, table, columns, rows) {
  const values = [];
  const tuples = rows.map((row) => {
    const places = row.map((value) => {
      values.push(
        value !== null && typeof value === 'object' && !(value instanceof Date)
          ? JSON.stringify(value)
          : value,
      );
      return `$${values.length}`;
    });
    return `(${places.join(', ')})`;
  });
  return {
    text: `insert into "${schema}"."${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`,
    values,
  };
}

/** A time-ordered UUID (version 7), as the app's ids: new rows land at the right of the b-trees. */
function uuidV7() {
  const bytes = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i += 1) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A copy of the written tables (and those they reference) in the schema `NO_TRIGRAM`, with their
 * columns, defaults, checks, indexes and foreign keys, and the roles, minus the trigram indexes
 * of the admin search: what those indexes cost a write is the difference.
 */
async function copyWithoutTrigramIndexes(client) {
  const tables = [...LIMIT_TABLES.map(([table]) => table), 'userkit_roles'];
  await client.query(`drop schema if exists ${NO_TRIGRAM} cascade`);
  await client.query(`create schema ${NO_TRIGRAM}`);
  for (const table of tables)
    await client.query(
      `create table ${NO_TRIGRAM}."${table}" (like public."${table}" including all)`,
    );
  const { rows: keys } = await client.query(
    `select c.conname, c.conrelid::regclass::text as "table", pg_get_constraintdef(c.oid) as definition,
            c.confrelid::regclass::text as "references"
       from pg_constraint c where c.contype = 'f' and c.conrelid::regclass::text = any($1)`,
    [tables],
  );
  const foreignKeys = keys.filter((key) => tables.includes(key.references.replaceAll('"', '')));
  for (const key of foreignKeys)
    await client.query(
      `alter table ${NO_TRIGRAM}.${key.table} add constraint "${key.conname}" ${key.definition.replace(/REFERENCES\s+("?)(\w+)/, `REFERENCES ${NO_TRIGRAM}.$1$2`)}`,
    );
  await client.query(
    `insert into ${NO_TRIGRAM}."userkit_roles" select * from public."userkit_roles"`,
  );
  const { rows: trigram } = await client.query(
    `select indexname from pg_indexes where schemaname = $1 and indexdef like '%gin_trgm_ops%'`,
    [NO_TRIGRAM],
  );
  for (const { indexname } of trigram)
    await client.query(`drop index ${NO_TRIGRAM}."${indexname}"`);
  return {
    foreignKeys: foreignKeys.map((key) => key.conname),
    trigramIndexesDropped: trigram.map(({ indexname }) => indexname),
  };
}
const NO_TRIGRAM = 'userkit_import_limit_no_trgm';

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
    const databaseUrl = postgres.url.replace(/\/postgres$/, '/userkit_import');
    app = await startApp('dist/apps/sample/apps/sample/src/main.js', databaseUrl);
    const figures = await importBenchmark(
      app.base,
      { email: 'admin@bench.example', password: PASSWORD },
      databaseUrl,
    );
    const { perRound, ...summary } = figures;
    console.table(
      perRound.map((round) =>
        Object.fromEntries(
          Object.entries(round).map(([name, { usersPerSecond }]) => [name, usersPerSecond]),
        ),
      ),
    );
    console.log(JSON.stringify(summary, null, 2));
    // `--results`: these figures into bench/results.json (the other figures stay from their own
    // run; this one's date and load average are in details.userImport), rendered again.
    if (process.argv.includes('--results')) {
      const results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
      results.importUsersPerSecond = figures.usersPerSecond;
      results.importLimitUsersPerSecond = figures.limitUsersPerSecond;
      results.importVsLimit = figures.importVsLimit.ratio;
      results.details.userImport = { ...figures, date: new Date().toISOString() };
      writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
      writeRendered(results);
    }
  } finally {
    await app?.stop();
    await postgres.stop();
  }
}
