// A fresh host app in a temporary folder (never inside the repo): its own package.json, the
// README's install commands with a strict installer, its sources, a tsc build, and processes of
// it started on 127.0.0.1 for the tests to drive through HTTP.
import { execFile, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../scripts/free-port.js';
import { npmEnvironment } from './packages.js';

const run = promisify(execFile);

// Nested: every package sees only what it declares (no hoisting luck). The npm cache is the
// user's default one, shared by every host and the repo's own install, so tarballs come from it.
const STRICT_INSTALL = [
  '--install-strategy=nested',
  '--no-audit',
  '--no-fund',
  '--prefer-offline',
  '--loglevel=error',
];

/**
 * Creates the host: `type` is 'module' (ESM) or 'commonjs'; `installs` are argument lists of
 * `npm install` as the README gives them; `files` maps a path inside the host to its text.
 */
export async function createHost({ name, type, tarballs, installs, files }) {
  const dir = mkdtempSync(join(tmpdir(), `userkit-host-${name}-`));
  const started = Date.now();
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `host-${name}`, private: true, type }, null, 2)}\n`,
  );
  // The README's commands name the tarballs as `./userkit-…tgz`: they lie in the host's folder.
  for (const tarball of tarballs) copyFileSync(tarball, join(dir, basename(tarball)));
  for (const args of installs) {
    await run('npm', ['install', ...args, ...STRICT_INSTALL], {
      cwd: dir,
      env: npmEnvironment(),
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  console.log(`# host ${name}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return new HostApp(dir, name);
}

class HostApp {
  constructor(dir, name) {
    this.dir = dir;
    this.name = name;
    this.processes = new Set();
  }

  /** tsc of the host itself (its tsconfig has skipLibCheck: false), on this Node. */
  async build() {
    const started = Date.now();
    try {
      await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], {
        cwd: this.dir,
      });
      console.log(`# host ${this.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      // The compiler's own report is the message; the child-process error around it adds nothing.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`tsc failed in ${this.dir}:\n${error.stdout}${error.stderr}`);
    }
  }

  /** Starts `dist/main.js` with only `env` (plus PATH and HOME); resolves once it answers HTTP. */
  async start(env) {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: this.dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const instance = {
      base: `http://127.0.0.1:${port}`,
      output: () => output,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        this.processes.delete(instance);
      },
    };
    this.processes.add(instance);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.processes.delete(instance);
        throw new Error(
          `host ${this.dir} exited at start (${child.exitCode ?? child.signalCode}):\n${output}`,
        );
      }
      try {
        await fetch(`${instance.base}/`);
        return instance;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await instance.stop();
        throw new Error(`host ${this.dir} did not answer within 60 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops what still runs and deletes the folder (HOST_TEST_KEEP=1 keeps it, for a look). */
  async remove() {
    await Promise.all([...this.processes].map((instance) => instance.stop()));
    if (process.env.HOST_TEST_KEEP) console.log(`# kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * One HTTP call: status, headers and the body (JSON when it parses, else text). `from` is the
 * loopback address it leaves from: the library's per-address rate limits count each apart.
 */
export function call(instance, method, path, { body, token, from = '127.0.0.1' } = {}) {
  const payload = body ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${instance.base}${path}`,
      {
        method,
        localAddress: from,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // HTML, JavaScript or plain text
          }
          resolve({ status: response.statusCode, headers: response.headers, body: parsed });
        });
      },
    );
    request.setTimeout(30_000, () =>
      request.destroy(new Error(`${method} ${path}: no answer in 30 s`)),
    );
    request.on('error', reject);
    request.end(payload);
  });
}
