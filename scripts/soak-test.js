// `npm run test:soak` (before a release; not in CI): ten minutes of mixed traffic at about half
// of the measured capacity on two sample instances sharing a throwaway PostgreSQL and Redis, on
// 127.0.0.1. Goals: no 5xx, p99 stable (the last minute within 20 % of the second), RSS after
// warm-up growing less than 10 %, database connections and open file descriptors flat. Writes the
// figures into docs/reliability.md (between the soak markers) and the chart
// docs/reliability-soak.svg; exits non-zero when a goal is missed. SOAK_MINUTES shortens a trial.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { startThrowawayPostgres } from './throwaway-postgres.js';
import { startThrowawayRedis } from './throwaway-redis.js';
import { randomClientAddress, send } from '../test/support/http-client.js';
import { createDatabase, startInstance } from '../test/support/instances.js';
import { soakChart } from './soak-chart.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CALIBRATION_SECONDS = 20;
const CALIBRATION_CLIENTS = 12;
const USERS = 40;
const SESSIONS = 60;
const MAX_IN_FLIGHT = 200;
const PASSWORD = 'soak-test-passphrase-83';
const ADMIN = { email: 'soak.admin@example.com', password: 'soak-admin-passphrase-21' };
const SAMPLE_SECONDS = 10;
const REPORT = 'docs/reliability.md';
const CHART = 'docs/reliability-soak.svg';

const emailOf = (index) => `soak.user.${index}@example.com`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latency percentile of a list of milliseconds. */
function percentile(values, fraction) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** A window of answers: counts by class and latencies. */
class Window {
  constructor() {
    this.requests = 0;
    this.classes = { '2xx': 0, '4xx': 0, '5xx': 0, errors: 0 };
    this.latencies = [];
    this.statuses = {};
  }
  add(result) {
    this.requests += 1;
    this.latencies.push(result.ms);
    if (result.error) {
      this.classes.errors += 1;
      this.statuses[result.error] = (this.statuses[result.error] ?? 0) + 1;
      return;
    }
    this.statuses[result.status] = (this.statuses[result.status] ?? 0) + 1;
    this.classes[`${String(result.status)[0]}xx`] += 1;
  }
}

const postgres = await startThrowawayPostgres({ fsync: true });
const redis = await startThrowawayRedis();
const databaseUrl = await createDatabase(postgres.url, 'userkit_soak');
const env = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: redis.url,
  JWT_SECRET: 'soak-test-secret-soak-test-secret-0123',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT: 'on',
  TRUSTED_PROXIES: '127.0.0.1',
  UI: 'off',
};
const instances = [];
const sql = new pg.Client({ connectionString: postgres.url });
let failures;
try {
  instances.push(await startInstance(env));
  instances.push(await startInstance(env));
  await sql.connect();

  for (let index = 0; index < USERS; index += 1) {
    const signUp = await send(instances[0].base, 'POST', '/auth/signup', {
      body: { email: emailOf(index), password: PASSWORD },
      from: randomClientAddress(),
    });
    if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status}`);
  }
  const adminSignIn = await send(instances[0].base, 'POST', '/auth/login', {
    body: ADMIN,
    from: randomClientAddress(),
  });
  if (adminSignIn.status !== 200) throw new Error(`admin sign-in failed: ${adminSignIn.status}`);
  const admin = { tokens: adminSignIn.body, busy: false };

  // Sessions the traffic uses, one request at a time each (a refresh rotates the token).
  const sessions = [];
  let turn = 0;
  const nextInstance = () => instances[turn++ % instances.length];
  const signIn = () => ({
    method: 'POST',
    path: '/auth/login',
    body: { email: emailOf(Math.floor(Math.random() * USERS)), password: PASSWORD },
    onAnswer(result) {
      if (result.status !== 200) return;
      if (sessions.length < SESSIONS) sessions.push({ tokens: result.body, busy: false });
      else sessions[Math.floor(Math.random() * SESSIONS)] = { tokens: result.body, busy: false };
    },
  });
  const withSession = (build) => {
    const idle = sessions.filter((session) => !session.busy);
    if (idle.length === 0) return signIn();
    const session = idle[Math.floor(Math.random() * idle.length)];
    session.busy = true;
    const request = build(session);
    return {
      ...request,
      onAnswer(result) {
        session.busy = false;
        request.onAnswer?.(result);
      },
    };
  };
  /** Sign-in 20 %, GET /me 40 %, refresh 15 %, PATCH /me 15 %, admin search 10 %. */
  function nextRequest() {
    const roll = Math.random();
    if (roll < 0.2) return signIn();
    if (roll < 0.6)
      return withSession((session) => ({
        method: 'GET',
        path: '/me',
        token: session.tokens.accessToken,
      }));
    if (roll < 0.75)
      return withSession((session) => ({
        method: 'POST',
        path: '/auth/refresh',
        body: { refreshToken: session.tokens.refreshToken },
        onAnswer: (result) => {
          if (result.status === 200) session.tokens = result.body;
          else sessions.splice(sessions.indexOf(session), 1);
        },
      }));
    if (roll < 0.9)
      return withSession((session) => ({
        method: 'PATCH',
        path: '/me',
        token: session.tokens.accessToken,
        body: { displayName: `Soak ${Math.floor(Math.random() * 1e6)}` },
      }));
    return {
      method: 'GET',
      path: `/admin/users?query=soak.user.${Math.floor(Math.random() * USERS)}&limit=20`,
      token: admin.tokens.accessToken,
    };
  }
  async function dispatch(window) {
    const request = nextRequest();
    const result = await send(nextInstance().base, request.method, request.path, {
      body: request.body,
      token: request.token,
      from: randomClientAddress(),
    });
    request.onAnswer?.(result);
    window?.add(result);
    return result;
  }
  // Access tokens live 15 minutes: the admin's is refreshed every 5.
  const adminRefresher = setInterval(async () => {
    const refreshed = await send(instances[1].base, 'POST', '/auth/refresh', {
      body: { refreshToken: admin.tokens.refreshToken },
      from: randomClientAddress(),
    });
    if (refreshed.status === 200) admin.tokens = refreshed.body;
  }, 5 * 60_000);

  // 1. Capacity: closed loop, as fast as answers come back.
  const calibration = new Window();
  const calibrationEnd = Date.now() + CALIBRATION_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CALIBRATION_CLIENTS }, async () => {
      while (Date.now() < calibrationEnd) await dispatch(calibration);
    }),
  );
  const capacity = calibration.classes['2xx'] / CALIBRATION_SECONDS;
  const rate = Math.max(1, Math.round(capacity / 2));
  console.log(
    `capacity ${capacity.toFixed(0)} requests/s of the mix; soaking at ${rate}/s for ${MINUTES} min`,
  );

  // 2. Soak: open loop at half the capacity, sampled every 10 s.
  const samples = [];
  const minutes = [];
  let sampleWindow = new Window();
  let minuteWindow = new Window();
  let inFlight = 0;
  let dropped = 0;
  const startedAt = Date.now();
  const load = { start: loadavg(), end: null };
  const connections = async () =>
    (
      await sql.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        'userkit_soak',
      ])
    ).rows[0].n;
  const sample = async () => {
    const elapsed = (Date.now() - startedAt) / 1000;
    const point = {
      seconds: Math.round(elapsed),
      throughput: sampleWindow.requests / SAMPLE_SECONDS,
      p99Ms: percentile(sampleWindow.latencies, 0.99),
      rssMb: instances.map((instance) => Math.round(instance.rssMb())),
    };
    samples.push(point);
    sampleWindow = new Window();
    if (samples.length % (60 / SAMPLE_SECONDS) === 0) {
      minutes.push({
        minute: minutes.length + 1,
        requests: minuteWindow.requests,
        classes: minuteWindow.classes,
        p50Ms: percentile(minuteWindow.latencies, 0.5),
        p99Ms: percentile(minuteWindow.latencies, 0.99),
        rssMb: point.rssMb,
        openFiles: instances.map((instance) => instance.openFiles()),
        databaseConnections: await connections(),
        statuses: minuteWindow.statuses,
      });
      console.log(JSON.stringify(minutes.at(-1)));
      minuteWindow = new Window();
    }
  };
  const total = MINUTES * 60 * rate;
  let nextSampleAt = startedAt + SAMPLE_SECONDS * 1000;
  const pending = new Set();
  for (let index = 0; index < total; index += 1) {
    const due = startedAt + (index * 1000) / rate;
    while (Date.now() < due) {
      if (Date.now() >= nextSampleAt) {
        nextSampleAt += SAMPLE_SECONDS * 1000;
        await sample();
      }
      await sleep(Math.max(0, Math.min(due - Date.now(), nextSampleAt - Date.now())));
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped += 1;
      continue;
    }
    inFlight += 1;
    const minute = minuteWindow;
    const window = sampleWindow;
    const promise = dispatch({
      add(result) {
        minute.add(result);
        window.add(result);
      },
    }).finally(() => {
      inFlight -= 1;
      pending.delete(promise);
    });
    pending.add(promise);
  }
  await Promise.all(pending);
  while (Date.now() < nextSampleAt) await sleep(nextSampleAt - Date.now());
  await sample();
  load.end = loadavg();
  clearInterval(adminRefresher);

  // Goals.
  const all = minutes.reduce(
    (sum, minute) => {
      for (const key of Object.keys(sum)) sum[key] += minute.classes[key];
      return sum;
    },
    { '2xx': 0, '4xx': 0, '5xx': 0, errors: 0 },
  );
  const second = minutes[Math.min(1, minutes.length - 1)];
  const last = minutes.at(-1);
  const rssGrowth = instances.map(
    (_, index) => (last.rssMb[index] - second.rssMb[index]) / second.rssMb[index],
  );
  const goals = [
    [`no 5xx (${all['5xx']})`, all['5xx'] === 0],
    [`no connection errors (${all.errors})`, all.errors === 0],
    [`no request dropped for ${MAX_IN_FLIGHT} in flight (${dropped})`, dropped === 0],
    [
      `p99 of the last minute within 20 % of the second's (${last.p99Ms} vs ${second.p99Ms} ms)`,
      Math.abs(last.p99Ms - second.p99Ms) <= 0.2 * second.p99Ms,
    ],
    [
      `RSS from the end of minute 2 to the end grows < 10 % (${rssGrowth.map((growth) => `${(growth * 100).toFixed(1)} %`).join(', ')})`,
      rssGrowth.every((growth) => growth < 0.1),
    ],
    [
      `database connections flat after warm-up (${second.databaseConnections} → ${last.databaseConnections})`,
      last.databaseConnections <= second.databaseConnections + 2,
    ],
    [
      `open file descriptors flat after warm-up (${second.openFiles.join('/')} → ${last.openFiles.join('/')})`,
      last.openFiles.every((count, index) => count <= second.openFiles[index] + 10),
    ],
  ];
  failures = goals.filter(([, met]) => !met).map(([text]) => text);

  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    memoryGb: `${(totalmem() / 2 ** 30).toFixed(1)} GB (${(freemem() / 2 ** 30).toFixed(1)} GB free at the end)`,
    load: `load average ${load.start.map((value) => value.toFixed(1)).join(' ')} at the start, ${load.end.map((value) => value.toFixed(1)).join(' ')} at the end`,
    node: process.version,
  };
  writeFileSync(CHART, soakChart(samples, { rate, minutes: MINUTES }));
  writeReport({ capacity, rate, minutes, goals, machine, all, dropped });
  console.log(goals.map(([text, met]) => `${met ? 'met   ' : 'MISSED'} ${text}`).join('\n'));
  console.log(`wrote ${REPORT} and ${CHART}`);
} finally {
  for (const instance of instances) await instance.stop();
  await sql.end().catch(() => undefined);
  await redis.stop();
  await postgres.stop();
}

function writeReport({ capacity, rate, minutes, goals, machine, all, dropped }) {
  const lines = [
    '<!-- soak:start (written by scripts/soak-test.js) -->',
    `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${MINUTES} minutes, two instances,`,
    `PostgreSQL 18 (fsync on) and Redis on 127.0.0.1. Machine: ${machine.cpus}, ${machine.memoryGb},`,
    `Node ${machine.node}; ${machine.load}. The machine was shared with other work during the run`,
    '(see the load average), so the latency figures include its noise.',
    '',
    `Measured capacity of the mix: ${capacity.toFixed(0)} requests/s (closed loop, ${CALIBRATION_CLIENTS} clients,`,
    `${CALIBRATION_SECONDS} s); soaked at ${rate} requests/s (sign-in 20 %, GET /me 40 %, refresh 15 %,`,
    `PATCH /me 15 %, admin search 10 %): ${all['2xx'] + all['4xx'] + all['5xx'] + all.errors} requests, ${all['2xx']} 2xx, ${all['4xx']} 4xx,`,
    `${all['5xx']} 5xx, ${all.errors} connection errors, ${dropped} not sent (${MAX_IN_FLIGHT} already in flight).`,
    '',
    '| minute | requests | 2xx/4xx/5xx | p50 ms | p99 ms | RSS MB (A/B) | open fds (A/B) | DB connections |',
    '|---|---|---|---|---|---|---|---|',
    ...minutes.map(
      (minute) =>
        `| ${minute.minute} | ${minute.requests} | ${minute.classes['2xx']}/${minute.classes['4xx']}/${minute.classes['5xx']} | ${minute.p50Ms} | ${minute.p99Ms} | ${minute.rssMb.join('/')} | ${minute.openFiles.join('/')} | ${minute.databaseConnections} |`,
    ),
    '',
    ...goals.map(([text, met]) => `- ${met ? 'met' : '**missed**'}: ${text}`),
    '',
    `![Throughput, p99 and RSS over the soak](reliability-soak.svg)`,
    '<!-- soak:end -->',
  ];
  const report = readFileSync(REPORT, 'utf8');
  const start = report.indexOf('<!-- soak:start');
  const end = report.indexOf('<!-- soak:end -->');
  if (start < 0 || end < 0) throw new Error(`${REPORT} has no soak markers`);
  writeFileSync(
    REPORT,
    report.slice(0, start) + lines.join('\n') + report.slice(end + '<!-- soak:end -->'.length),
  );
}

if (failures.length > 0) {
  console.error(`Soak test missed:\n - ${failures.join('\n - ')}`);
  process.exit(1);
}
console.log('Soak test passed.');
