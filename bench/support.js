// What the bench scripts share besides their parameters: starting the built sample app and
// waiting for it, a JSON POST,
// and the raw argon2id figure every sign-in is compared with.
import { spawn } from 'node:child_process';
import { verify } from '@node-rs/argon2';
import { freePort } from '../scripts/free-port.js';
import { PASSWORD } from './parameters.js';

/** Resolves once the app at `base` answers its readiness check (migrations done). */
export async function waitForReady(base, timeoutMs = 60_000) {
  const since = performance.now();
  for (;;) {
    try {
      if ((await fetch(`${base}/health/ready`)).status < 500) return;
    } catch {
      // not yet listening
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${base} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** POSTs `body` as JSON and answers the parsed reply; a non-2xx status throws. */
export async function postJson(base, path, body) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Raw verifications of `stored` (a hash of PASSWORD) for `seconds`, `inFlight` at a time, in
 * this process: per second, and CPU ms per verification.
 */
export async function rawVerifies(stored, seconds, inFlight) {
  let done = 0;
  const cpu = process.cpuUsage();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await verify(stored, PASSWORD);
        done += 1;
      }
    }),
  );
  const spent = process.cpuUsage(cpu);
  return { rps: done / seconds, cpuMs: (spent.user + spent.system) / 1000 / done };
}

/**
 * The built sample app `main` on its own port against `databaseUrl`, with the bench admin;
 * resolves once it is ready (its first start migrates: a new index over a large table takes a while).
 */
export async function startApp(main, databaseUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      RATE_LIMIT: 'off',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      ADMIN_EMAIL: 'admin@bench.example',
      ADMIN_PASSWORD: PASSWORD,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(base, 600_000);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    main,
    base,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
