// Admin search at scale: users generated straight into PostgreSQL (generate_series), then
// GET /admin/users timed through HTTP, and the library's search SQL run under EXPLAIN ANALYZE to
// report which indexes serve each kind of query.
import pg from 'pg';

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Margaret',
  'Dennis',
];

export async function seedUsers(databaseUrl, count, log) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    // Bulk load the usual way: secondary indexes (the migrations' definitions, read back from
    // pg_indexes) are dropped, the rows inserted, and the same indexes built again afterwards.
    const { rows: indexes } = await client.query(
      `select indexname, indexdef from pg_indexes
       where tablename in ('userkit_users', 'userkit_email_addresses', 'userkit_user_roles')
         and indexname not in (select conname from pg_constraint)`,
    );
    for (const { indexname } of indexes) await client.query(`drop index "${indexname}"`);
    const batch = 250_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await client.query('begin');
      await client.query(
        `insert into userkit_users (id, display_name, first_name, last_name, public_metadata, private_metadata, unsafe_metadata, created_at, updated_at)
         select lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'),
                'Member ' || i, ($3::text[])[1 + i % 10], 'Family' || (i % 100000), '{}', '{}', '{}',
                timestamptz '2026-01-01' + i * interval '1 second', now()
         from generate_series($1::int, $2::int) as i`,
        [from, to, FIRST_NAMES],
      );
      await client.query(
        `insert into userkit_email_addresses (id, user_id, email, normalized_email, verified, "primary", created_at)
         select lpad(to_hex(i), 8, '0') || '-0000-7000-9000-' || lpad(to_hex(i), 12, '0'),
                lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'),
                'member' || i || '@scale.example', 'member' || i || '@scale.example', i % 2 = 0, true, now()
         from generate_series($1::int, $2::int) as i`,
        [from, to],
      );
      await client.query(
        `insert into userkit_user_roles (user_id, role_name)
         select lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'),
                case when i % 10 = 0 then 'anonymous' else 'user' end
         from generate_series($1::int, $2::int) as i`,
        [from, to],
      );
      await client.query('commit');
    }
    const loaded = performance.now();
    await client.query(`set maintenance_work_mem = '512MB'`);
    for (const { indexdef } of indexes) await client.query(indexdef);
    await client.query('analyze');
    log(
      `seeded ${count} users in ${Math.round(loaded - started)} ms, rebuilt ${indexes.length} indexes in ${Math.round(performance.now() - loaded)} ms`,
    );
    return count;
  } finally {
    await client.end();
  }
}

// The library's own search SQL, captured from the built UserSearchRepository (a stand-in
// EntityManager records the statement instead of running it), so EXPLAIN sees exactly what
// GET /admin/users sends. The statistics it reads to choose its trigram lookups (pg_stats) come
// from the database itself.
export async function librarySearchSql(criteria, databaseUrl) {
  const { BasePostgreSqlPlatform } = await import('@mikro-orm/sql');
  const { UserSearchRepository } =
    await import('../dist/libs/user/repositories/user-search.repository.js');
  let captured = null;
  const numbered = (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${(n += 1)}`);
  };
  const em = {
    getPlatform: () => Object.create(BasePostgreSqlPlatform.prototype),
    getConnection: () => ({
      execute: async (sql, params) => {
        if (sql.includes('pg_stats') && databaseUrl) {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            return (await client.query(numbered(sql), params)).rows;
          } finally {
            await client.end();
          }
        }
        captured = { sql, params };
        return [];
      },
    }),
  };
  await new UserSearchRepository(em).search(criteria);
  return { text: numbered(captured.sql), values: captured.params };
}

/** Index names and sequential scans in an EXPLAIN (ANALYZE, FORMAT JSON) plan. */
function planSummary(plan) {
  const indexes = new Set();
  const seqScans = new Set();
  const walk = (node) => {
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan') seqScans.add(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return {
    indexes: [...indexes].sort(),
    seqScans: [...seqScans].sort(),
    executionMs: Math.round(plan['Execution Time'] * 10) / 10,
  };
}

async function explain(databaseUrl, criteria) {
  const { text, values } = await librarySearchSql(criteria, databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`explain (analyze, format json) ${text}`, values);
    return planSummary(rows[0]['QUERY PLAN'][0]);
  } finally {
    await client.end();
  }
}

const percentile = (values, p) =>
  [...values].sort((x, y) => x - y)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];

const PAGE = 20;

export async function searchBenchmark(base, databaseUrl, adminCredentials, seeded, log) {
  const { decodeUserCursor } = await import('../dist/libs/user/services/user-cursor.js');
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(adminCredentials),
  });
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };
  const get = async (path) => {
    const started = performance.now();
    const response = await fetch(base + path, { headers });
    const body = await response.json();
    return { ms: performance.now() - started, status: response.status, body };
  };
  // Walk to page 100 once (not timed), then time fetching it.
  let cursor = null;
  for (let page = 1; page < 100; page += 1) {
    const { status, body } = await get(
      `/admin/users?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (status !== 200) throw new Error(`GET /admin/users → ${status} ${JSON.stringify(body)}`);
    cursor = body.nextCursor;
  }
  const kinds = searchKinds(seeded, cursor, decodeUserCursor);
  const figures = {};
  const p95 = {};
  const plans = {};
  for (const [kind, [path, criteria]] of Object.entries(kinds)) {
    const timings = [];
    for (let i = 0; i < 60; i += 1) {
      const result = await get(path(i));
      if (result.status !== 200)
        throw new Error(`${path(i)} → ${result.status} ${JSON.stringify(result.body)}`);
      if (i === 0 && result.body.data.length === 0) throw new Error(`${path(i)} found nobody`);
      if (i >= 10) timings.push(result.ms);
    }
    plans[kind] = await explain(databaseUrl, { ...criteria(10), limit: PAGE + 1 });
    figures[kind] = {
      p50Ms: Math.round(percentile(timings, 50) * 10) / 10,
      p95Ms: Math.round(percentile(timings, 95) * 10) / 10,
    };
    p95[kind] = figures[kind].p95Ms;
    log(
      `admin search ${kind}: p50 ${figures[kind].p50Ms} ms, p95 ${figures[kind].p95Ms} ms; plan: indexes ${plans[kind].indexes.join(', ') || 'none'}; seq scans ${plans[kind].seqScans.join(', ') || 'none'}; ${plans[kind].executionMs} ms in PostgreSQL`,
    );
  }
  return { p95, plans, figures };
}

/**
 * The four timed searches over `seeded` generated users: for each kind, the HTTP path of round i
 * and the library's criteria (for the EXPLAIN of one round). `cursor` leads to the 100th page.
 */
export function searchKinds(seeded, cursor, decodeUserCursor) {
  const emailOf = (i) => `member${1000 + ((i * 7919) % (seeded - 1000))}`;
  const nameOf = (i) => `amily${1 + ((i * 7919) % (Math.min(seeded, 100_000) - 1))}`;
  return {
    emailPrefix: [
      (i) => `/admin/users?query=${emailOf(i)}&limit=${PAGE}`,
      (i) => ({ query: emailOf(i) }),
    ],
    nameSubstring: [
      (i) => `/admin/users?query=${nameOf(i)}&limit=${PAGE}`,
      (i) => ({ query: nameOf(i) }),
    ],
    role: [() => `/admin/users?role=anonymous&limit=${PAGE}`, () => ({ role: 'anonymous' })],
    page100: [
      () => `/admin/users?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`,
      () => ({ after: decodeUserCursor(cursor) }),
    ],
  };
}
