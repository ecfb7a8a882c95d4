// The audit log at scale: records generated straight into PostgreSQL (generate_series, secondary
// indexes dropped during the load and rebuilt from the migrations' own definitions), then
// GET /admin/audit-log timed through HTTP for each filter combination, and the library's SQL
// under EXPLAIN ANALYZE to show which index serves each.
import pg from 'pg';

/** Users the records are spread over, and the admins acting on them. */
const USERS = 200_000;
const ADMINS = 20;
const PAGE = 50;
/** The record types by share of the log (per 100 records), busiest first. */
const TYPE_SHARES = [
  ['sign_in.succeeded', 40],
  ['sign_in.failed', 20],
  ['session.signed_out', 12],
  ['session.revoked', 6],
  ['user.signed_up', 4],
  ['password.changed', 3],
  ['email.added', 3],
  ['email.verified', 3],
  ['two_factor.enabled', 2],
  ['admin.action', 2],
  ['password.reset', 1],
  ['two_factor.disabled', 1],
  ['user.roles_changed', 1],
  ['user.banned', 1],
  ['session.refresh_token_reused', 1],
];
const TYPE_OF_BUCKET = TYPE_SHARES.flatMap(([type, share]) => Array(share).fill(type));
const ADMIN_TYPES = ['admin.action', 'user.roles_changed', 'user.banned'];

const userId = (expression) =>
  `lpad(to_hex(${expression}), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(${expression}), 12, '0')`;
export const benchUserId = (n) =>
  `${n.toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
export const benchAdminId = (n) => benchUserId(10_000_000 + n);

export async function seedAuditLog(databaseUrl, count, log) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const { rows: indexes } = await client.query(
      `select indexname, indexdef from pg_indexes
       where tablename = 'userkit_audit_log'
         and indexname not in (select conname from pg_constraint)`,
    );
    for (const { indexname } of indexes) await client.query(`drop index "${indexname}"`);
    // One record every ~3 s, the newest now: a year of 10 M records, millisecond times.
    const spacingMs = Math.max(1, Math.floor((365 * 24 * 3600 * 1000) / count));
    const batch = 1_000_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await client.query(
        `insert into userkit_audit_log (id, created_at, type, user_id, actor_id, session_id, ip, user_agent, details)
         select ${userId('i')},
                date_trunc('milliseconds', now()) - interval '1 millisecond' * (i::bigint * $3::int),
                t.type,
                ${userId('u')},
                case when t.type = any($5::text[]) then ${userId(`10000000 + (i / 100) % ${ADMINS}`)}
                     when t.type = 'sign_in.failed' then null
                     else ${userId('u')} end,
                ${userId('i + 500000000')},
                '10.' || (i % 200) || '.' || (i % 250) || '.' || (i % 7),
                'Mozilla/5.0 (X11; Linux x86_64) Bench/' || (i % 20),
                case when t.type like 'sign_in.%' then '{"method":"password"}'::jsonb else '{}'::jsonb end
         from generate_series($1::int, $2::int) as i,
              lateral (select ((i::bigint * 7919) % ${USERS})::int as u) as g,
              lateral (select ($4::text[])[1 + i % 100] as type) as t`,
        [from, to, spacingMs, TYPE_OF_BUCKET, ADMIN_TYPES],
      );
      log(`audit log: ${to} records`);
    }
    const loaded = performance.now();
    await client.query(`set maintenance_work_mem = '512MB'`);
    for (const { indexdef } of indexes) await client.query(indexdef);
    await client.query('analyze userkit_audit_log');
    log(
      `seeded ${count} audit records in ${Math.round(loaded - started)} ms, rebuilt ${indexes.length} indexes in ${Math.round(performance.now() - loaded)} ms`,
    );
    return count;
  } finally {
    await client.end();
  }
}

const percentile = (values, p) =>
  [...values].sort((x, y) => x - y)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];
const round1 = (value) => Math.round(value * 10) / 10;

/**
 * The timed queries: for each kind, the query string of round i. Users, admins and days vary by
 * round so no two rounds read the same pages. `cursor` leads to the 100th page of the whole log.
 */
export function auditLogKinds(cursor) {
  const user = (i) => benchUserId((i * 7919 + 17) % USERS);
  const day = (i) => new Date(Date.now() - (30 + (i % 300)) * 24 * 3600 * 1000);
  const window = (i) =>
    `from=${day(i).toISOString()}&to=${new Date(day(i).getTime() + 24 * 3600 * 1000).toISOString()}`;
  return {
    newest: () => `limit=${PAGE}`,
    user: (i) => `userId=${user(i)}&limit=${PAGE}`,
    userAndType: (i) => `userId=${user(i)}&type=sign_in.failed&limit=${PAGE}`,
    type: () => `type=sign_in.failed&limit=${PAGE}`,
    rareType: () => `type=user.banned&limit=${PAGE}`,
    actor: (i) => `actorId=${benchAdminId(i % ADMINS)}&limit=${PAGE}`,
    actorAndType: (i) =>
      `actorId=${benchAdminId(i % ADMINS)}&type=user.roles_changed&limit=${PAGE}`,
    // The worst case of a filter pair: an admin's whole history holds none of the type.
    actorAndAbsentType: (i) =>
      `actorId=${benchAdminId(i % ADMINS)}&type=sign_in.failed&limit=${PAGE}`,
    dayWindow: (i) => `${window(i)}&limit=${PAGE}`,
    typeInDayWindow: (i) => `type=password.reset&${window(i)}&limit=${PAGE}`,
    userInDayWindow: (i) => `userId=${user(i)}&${window(i)}&limit=${PAGE}`,
    page100: () => `limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`,
  };
}

/** The SQL GET /admin/audit-log sends for a query string (the built AuditLogRepository's). */
async function librarySql(databaseUrl, queryString) {
  const { BasePostgreSqlPlatform } = await import('@mikro-orm/sql');
  const { AuditLogRepository } =
    await import('../dist/libs/user/audit-log/repositories/audit-log.repository.js');
  const { decodeUserCursor } = await import('../dist/libs/user/core/services/user-cursor.js');
  const query = Object.fromEntries(new URLSearchParams(queryString));
  let captured = null;
  const em = {
    getPlatform: () => Object.create(BasePostgreSqlPlatform.prototype),
    getConnection: () => ({
      execute: async (sql, params) => {
        captured = { sql, params };
        return [];
      },
    }),
  };
  await new AuditLogRepository(em).list({
    userId: query.userId,
    actorId: query.actorId,
    types: query.type ? [query.type] : undefined,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    after: query.cursor ? decodeUserCursor(query.cursor) : undefined,
    limit: Number(query.limit) + 1,
  });
  let n = 0;
  const text = captured.sql.replace(/\?/g, () => `$${(n += 1)}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `explain (analyze, buffers, format json) ${text}`,
      captured.params,
    );
    const plan = rows[0]['QUERY PLAN'][0];
    const indexes = new Set();
    const walk = (node) => {
      if (node['Index Name']) indexes.add(node['Index Name']);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan.Plan);
    return {
      indexes: [...indexes].sort(),
      executionMs: round1(plan['Execution Time']),
      buffers: { hit: plan.Plan['Shared Hit Blocks'], read: plan.Plan['Shared Read Blocks'] },
    };
  } finally {
    await client.end();
  }
}

/** p50 / p95 of each kind through HTTP (50 timed requests after 10 warm-ups), and its plan. */
export async function auditLogBenchmark(base, databaseUrl, adminCredentials, log) {
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(adminCredentials),
  });
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };
  const get = async (queryString) => {
    const started = performance.now();
    const response = await fetch(`${base}/admin/audit-log?${queryString}`, { headers });
    const body = await response.json();
    if (response.status !== 200)
      throw new Error(
        `GET /admin/audit-log?${queryString} → ${response.status} ${JSON.stringify(body)}`,
      );
    return { ms: performance.now() - started, body };
  };
  let cursor = null;
  for (let page = 1; page < 100; page += 1)
    cursor = (await get(`limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))
      .body.nextCursor;
  const figures = {};
  const plans = {};
  for (const [kind, queryOf] of Object.entries(auditLogKinds(cursor))) {
    const timings = [];
    let found = 0;
    for (let i = 0; i < 60; i += 1) {
      const result = await get(queryOf(i));
      found += result.body.data.length;
      if (i >= 10) timings.push(result.ms);
    }
    // At 10 M records every filter finds some; a small AUDIT_ROWS spreads them too thin for a few.
    if (found === 0 && !kind.includes('Absent')) log(`audit log ${kind}: found no record`);
    plans[kind] = await librarySql(databaseUrl, queryOf(10));
    figures[kind] = {
      p50Ms: round1(percentile(timings, 50)),
      p95Ms: round1(percentile(timings, 95)),
    };
    log(
      `audit log ${kind}: p50 ${figures[kind].p50Ms} ms, p95 ${figures[kind].p95Ms} ms; plan: ${plans[kind].indexes.join(', ') || 'no index'}, ${plans[kind].executionMs} ms in PostgreSQL, buffers ${JSON.stringify(plans[kind].buffers)}`,
    );
  }
  const p95Ms = Math.max(...Object.values(figures).map((figure) => figure.p95Ms));
  return { p95Ms, figures, plans };
}
