// `npm run test:load`: the built sample app under sustained and then excessive load, on
// 127.0.0.1, bounded in time (~2 min). Phase 1 measures sign-in capacity; phase 2 runs sign-ins at
// ~70% of it plus GET /me traffic for 60 s (goal: no errors, no 5xx, bounded p99 and memory);
// phase 3 sends 3x the capacity for 15 s (goal: only 200, 429 and 503 — overload is refused, not
// crashed into). Prints the figures and exits non-zero when a goal is missed.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startInstance } from '../test/support/instances.js';

const STEADY_SECONDS = Number(process.env.LOAD_STEADY_SECONDS ?? 60);
const OVERLOAD_SECONDS = 15;
const GOALS = { signInP99Ms: 3000, meP99Ms: 1000, rssMb: 600 };
const PASSWORD = 'load-test-passphrase-31';

async function startApp() {
  const file = join(tmpdir(), `userkit-load-${Date.now()}.sqlite`);
  const instance = await startInstance({
    DATABASE_URL: `sqlite:${file}`,
    RATE_LIMIT: 'off',
    JWT_SECRET: 'load-test-secret-load-test-secret-0123',
  });
  return {
    ...instance,
    async stop() {
      await instance.stop();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    },
  };
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const USERS = 40;
const emailOf = (index) => `storm.tester.${index}@example.com`;

/** Sign-ins spread over many accounts, as real traffic is (one account's guessing limits apply). */
const loginRequest = (base) => ({
  url: base,
  requests: [
    {
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({
          email: emailOf(Math.floor(Math.random() * USERS)),
          password: PASSWORD,
        }),
      }),
    },
  ],
});

const app = await startApp();
const failures = [];
try {
  const idleRss = app.rssMb();
  let accessToken = '';
  for (let index = 0; index < USERS; index += 1) {
    const signUp = await fetch(`${app.base}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf(index), password: PASSWORD }),
    });
    if (signUp.status !== 201)
      throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
    accessToken = (await signUp.json()).accessToken;
  }

  // 1. Capacity: as many sign-ins as the hash allows, for 8 s.
  const calibration = await run({ ...loginRequest(app.base), connections: 4, duration: 8 });
  const capacity = calibration['2xx'] / 8;
  if (capacity < 1)
    throw new Error(
      `calibration failed: ${JSON.stringify(calibration.statusCodeStats)} ${calibration.errors} errors`,
    );

  // 2. Steady: 70% of capacity in sign-ins, plus reads of the signed-in user.
  let peakRss = idleRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, app.rssMb())), 500);
  const [steadySignIn, steadyMe] = await Promise.all([
    run({
      ...loginRequest(app.base),
      connections: 8,
      overallRate: Math.max(1, Math.floor(capacity * 0.7)),
      duration: STEADY_SECONDS,
    }),
    run({
      url: `${app.base}/me`,
      headers: { authorization: `Bearer ${accessToken}` },
      connections: 4,
      overallRate: 200,
      duration: STEADY_SECONDS,
    }),
  ]);
  clearInterval(sampler);

  // 3. Overload: three times the capacity.
  const overload = await run({
    ...loginRequest(app.base),
    connections: 64,
    overallRate: Math.ceil(capacity * 3),
    duration: OVERLOAD_SECONDS,
  });

  const codes = (result) =>
    Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    );
  const figures = {
    capacitySignInsPerSecond: Math.round(capacity * 10) / 10,
    steady: {
      signIn: {
        rate: Math.floor(capacity * 0.7),
        requests: steadySignIn.requests.total,
        p50Ms: steadySignIn.latency.p50,
        p99Ms: steadySignIn.latency.p99,
        errors: steadySignIn.errors,
        timeouts: steadySignIn.timeouts,
        codes: codes(steadySignIn),
      },
      me: {
        rate: 200,
        requests: steadyMe.requests.total,
        p50Ms: steadyMe.latency.p50,
        p99Ms: steadyMe.latency.p99,
        errors: steadyMe.errors,
        timeouts: steadyMe.timeouts,
        codes: codes(steadyMe),
      },
    },
    overload: {
      rate: Math.ceil(capacity * 3),
      requests: overload.requests.total,
      p99Ms: overload.latency.p99,
      errors: overload.errors,
      timeouts: overload.timeouts,
      codes: codes(overload),
    },
    rssMb: { idle: Math.round(idleRss), peak: Math.round(Math.max(peakRss, app.rssMb())) },
  };
  console.log(JSON.stringify(figures, null, 2));

  for (const [name, result] of [
    ['steady sign-in', steadySignIn],
    ['steady /me', steadyMe],
  ]) {
    if (result.errors > 0 || result.timeouts > 0)
      failures.push(`${name}: ${result.errors} errors, ${result.timeouts} timeouts`);
    if (result.non2xx > 0)
      failures.push(`${name}: ${result.non2xx} non-2xx answers ${JSON.stringify(codes(result))}`);
  }
  if (steadySignIn.latency.p99 > GOALS.signInP99Ms)
    failures.push(`sign-in p99 ${steadySignIn.latency.p99} ms > ${GOALS.signInP99Ms}`);
  if (steadyMe.latency.p99 > GOALS.meP99Ms)
    failures.push(`/me p99 ${steadyMe.latency.p99} ms > ${GOALS.meP99Ms}`);
  if (figures.rssMb.peak > GOALS.rssMb)
    failures.push(`peak RSS ${figures.rssMb.peak} MB > ${GOALS.rssMb}`);
  const unexpected = Object.keys(codes(overload)).filter(
    (code) => !['200', '429', '503'].includes(code),
  );
  if (unexpected.length > 0 || overload.errors > 0) {
    failures.push(
      `overload answered ${JSON.stringify(codes(overload))} with ${overload.errors} errors`,
    );
  }
} finally {
  await app.stop();
}

if (failures.length > 0) {
  console.error(`Load test failed:\n - ${failures.join('\n - ')}`);
  process.exit(1);
}
console.log(
  'Load test passed: no errors or 5xx at 70% of capacity; overload answered only 200/429/503.',
);
