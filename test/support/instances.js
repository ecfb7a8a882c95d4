// Sample-app processes for the tests that need real processes to start, kill and restart:
// test/scale (two instances sharing state), test/chaos (killed, drained, restarted under load),
// scripts/soak-test.js. Each instance runs the built sample (`npm run build` first) on 127.0.0.1.
//
//   const a = await startInstance({ DATABASE_URL, REDIS_URL, JWT_SECRET });
//   await a.kill('SIGKILL');       // resolves once the process is gone: { code, signal, ms }
//   const again = await a.restart(); // same port and environment, resolves when ready
//   await again.stop();            // SIGINT, resolves when the process has exited
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { freePort } from '../../scripts/free-port.js';

export const SAMPLE_MAIN = 'dist/apps/sample/apps/sample/src/main.js';

/** Polls GET /health/ready until it answers 200 (throws after timeoutMs). */
export async function waitUntilReady(base, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${base} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts one sample-app process with `env` over this process's environment and waits until it is
 * ready. `port` fixes its port (default: a free one); `stdio` is the child's (default: stderr
 * shown, stdout dropped). Throws if the process exits before it is ready.
 */
export async function startInstance(env, { port, stdio, readyTimeoutMs } = {}) {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [SAMPLE_MAIN], {
    env: { ...process.env, ...env, PORT: String(listenPort) },
    stdio: stdio ?? ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${listenPort}`;
  const early = exited.then(({ code, signal }) => {
    throw new Error(`instance on ${listenPort} exited (${signal ?? code}) before it was ready`);
  });
  try {
    await Promise.race([waitUntilReady(base, readyTimeoutMs), early]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  early.catch(() => undefined);
  return {
    base,
    port: listenPort,
    pid: child.pid,
    child,
    /** Resolves with { code, signal } once the process has exited. */
    exited,
    /** Sends `signal` and resolves once the process is gone: { code, signal, ms } (ms since the signal). */
    async kill(signal = 'SIGKILL') {
      const sentAt = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const result = await exited;
      return { ...result, ms: Date.now() - sentAt };
    },
    /** SIGINT (a shutdown without the readiness delay of SIGTERM), then waits for the exit. */
    async stop() {
      await this.kill('SIGINT');
    },
    /** A new process on the same port and environment (after this one exited), once ready. */
    restart(options = {}) {
      return startInstance(env, { port: listenPort, stdio, readyTimeoutMs, ...options });
    },
    /** Resident memory of the process, in MB (Linux /proc). */
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
    },
    /** Open file descriptors of the process: sockets, files, pipes (Linux /proc). */
    openFiles() {
      return readdirSync(`/proc/${child.pid}/fd`).length;
    },
  };
}

/** Creates database `name` on the server of `serverUrl` (a throwaway PostgreSQL) and returns its URL. */
export async function createDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}
