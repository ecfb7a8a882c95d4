// Starts the BUILT sample app (`npm run build` first) on its own 127.0.0.1 port with a fresh
// SQLite file and an SMTP inbox catching its codes and links; the UI is at `${base}/account`
// (`${base}/<prefix>/account` with GLOBAL_PREFIX).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Inbox } from './inbox.js';
import { freePort } from '../../../scripts/free-port.js';

export { freePort };

export const ADMIN = { email: 'ui.admin@example.com', password: 'ui-admin-passphrase-7' };

/**
 * `{ base, ui, databaseFile, inbox, output, waitForOutput(), stop() }`; `env` adds or overrides sample app
 * variables; `host` names the app in its PUBLIC_URL and `base` (`localhost` for WebAuthn, whose
 * relying party ID must be a domain, never an IP address). `output` holds the app's stdout lines (its log, e.g. phone codes; NODE_ENV=test keeps
 * only warnings and errors there, so a test reading `log` lines sets another NODE_ENV).
 */
export async function startUiApp(env = {}, { host = '127.0.0.1' } = {}) {
  const inbox = new Inbox();
  await inbox.start();
  const directory = mkdtempSync(join(tmpdir(), 'userkit-ui-'));
  const port = await freePort();
  const base = `http://${host}:${port}`;
  // Started from its temporary directory: the pages must not depend on the working directory.
  const child = spawn(process.execPath, [resolve('dist/apps/sample/apps/sample/src/main.js')], {
    cwd: directory,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: base,
      DATABASE_URL: `sqlite:${join(directory, 'ui.sqlite')}`,
      UPLOADS_DIR: join(directory, 'uploads'),
      JWT_SECRET: 'ui-test-secret-that-is-long-enough-0123456789',
      SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT: 'off',
      REDIS_URL: '',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read line by line (a pipe left unread would fill up and block the app).
  const output = [];
  createInterface({ input: child.stdout }).on('line', (line) =>
    // eslint-disable-next-line no-control-regex
    output.push(line.replace(/\x1b\[[0-9;]*m/g, '')),
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    // On a failed start nobody else would stop the app or the inbox (the caller gets no handle),
    // and either would keep running, or keep the test process alive.
    if (child.exitCode !== null) {
      await inbox.stop();
      throw new Error('the sample app exited during start-up');
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await inbox.stop();
      throw new Error(`the sample app on ${port} did not become ready`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // GLOBAL_PREFIX moves the pages (and the whole API) under it; the health checks stay put.
  const prefix = env.GLOBAL_PREFIX ? `/${env.GLOBAL_PREFIX.replace(/^\/+|\/+$/g, '')}` : '';
  return {
    base,
    ui: `${base}${prefix}/account`,
    /** The app's SQLite file (a test may age a row the way time would). */
    databaseFile: join(directory, 'ui.sqlite'),
    inbox,
    output,
    /** The match of the newest stdout line matching `pattern` after `since` lines. */
    async waitForOutput(pattern, { since = 0, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = output
          .slice(since)
          .reverse()
          .find((candidate) => pattern.test(candidate));
        if (line) return line.match(pattern);
        if (Date.now() > deadline) throw new Error(`no output line matching ${pattern}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await inbox.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
