// Admin search at scale: users generated straight into PostgreSQL, then GET /admin/users timed
// through HTTP. Index use is read from pg_stat_user_indexes around each query kind.
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
    const batch = 100_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await client.query('begin');
      await client.query(
        `insert into userkit_users (id, display_name, first_name, last_name, public_metadata, private_metadata, unsafe_metadata, created_at, updated_at)
         select lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'),
                'Member ' || i, $3::text[] [1 + i % 10], 'Family' || (i % 100000), '{}', '{}', '{}',
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
    await client.query('analyze');
    log(`seeded ${count} users in ${Math.round(performance.now() - started)} ms`);
    return count;
  } finally {
    await client.end();
  }
}

async function indexScans(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select indexrelname as name, idx_scan as scans from pg_stat_user_indexes',
    );
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.scans)]));
  } finally {
    await client.end();
  }
}

const percentile = (values, p) =>
  [...values].sort((x, y) => x - y)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];

export async function searchBenchmark(base, databaseUrl, adminCredentials, seeded, log) {
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
  const probe = await get('/admin/users?limit=1');
  if (probe.status !== 200) {
    log(`admin search: GET /admin/users answered ${probe.status}; skipped`);
    return {
      p95: { emailPrefix: null, nameSubstring: null, role: null, page100: null },
      plans: {},
      figures: {},
    };
  }
  // Walk to page 100 once (not timed), then time fetching it.
  let cursor = null;
  for (let page = 1; page < 100; page += 1) {
    const { body } = await get(
      `/admin/users?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    cursor = body.nextCursor;
  }
  const kinds = {
    emailPrefix: (i) =>
      `/admin/users?query=member${1000 + ((i * 7919) % (seeded - 1000))}&limit=20`,
    nameSubstring: (i) => `/admin/users?query=amily${(i * 7919) % 100000}&limit=20`,
    role: (i) => `/admin/users?role=anonymous&limit=20${i % 2 ? '' : ''}`,
    page100: () => `/admin/users?limit=20&cursor=${encodeURIComponent(cursor)}`,
  };
  const figures = {};
  const p95 = {};
  const plans = {};
  for (const [kind, path] of Object.entries(kinds)) {
    const before = await indexScans(databaseUrl);
    const timings = [];
    for (let i = 0; i < 60; i += 1) {
      const result = await get(path(i));
      if (result.status !== 200)
        throw new Error(`${path(i)} → ${result.status} ${JSON.stringify(result.body)}`);
      if (i >= 10) timings.push(result.ms);
    }
    const after = await indexScans(databaseUrl);
    plans[kind] = Object.keys(after).filter((name) => after[name] > (before[name] ?? 0));
    figures[kind] = {
      p50Ms: Math.round(percentile(timings, 50) * 10) / 10,
      p95Ms: Math.round(percentile(timings, 95) * 10) / 10,
    };
    p95[kind] = figures[kind].p95Ms;
    log(
      `admin search ${kind}: p50 ${figures[kind].p50Ms} ms, p95 ${figures[kind].p95Ms} ms, indexes ${plans[kind].join(', ') || 'none'}`,
    );
  }
  return { p95, plans, figures };
}
