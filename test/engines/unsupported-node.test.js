// `npm run test:engines`: the built sample and the built library entry, started on the machine's
// own Node (older than 22.17 here and in CI), stop at once with one line naming the needed
// version and exit 1 — instead of a segfault (better-sqlite3) or a silent spin (MikroORM).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const SAMPLE = resolve('dist/apps/sample/apps/sample/src/main.js');
const LIBRARY = pathToFileURL(resolve('dist/libs/user/index.js')).href;
const MESSAGE =
  /^Nest UserKit needs Node\.js >= 22\.17 \(this is v\d+\.\d+\.\d+\): install a newer Node\.\n$/;

function versionOf(binary) {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function isUnsupported(version) {
  const [major, minor] = version.slice(1).split('.').map(Number);
  return major < 22 || (major === 22 && minor < 17);
}

/** The system's Node (not node_modules/.bin's), which must be older than 22.17 for this test. */
function findOldNode() {
  let onPath = [];
  try {
    onPath = execFileSync('which', ['-a', 'node'], { encoding: 'utf8' }).split('\n');
  } catch {
    // `which` missing or nothing on PATH: the fixed places below still count
  }
  const candidates = [...new Set(['/usr/bin/node', '/usr/local/bin/node', '/bin/node', ...onPath])];
  const found = candidates
    .filter((binary) => binary && existsSync(binary))
    .map((binary) => ({ binary, version: versionOf(binary) }));
  const old = found.find(({ version }) => version && isUnsupported(version));
  if (!old)
    throw new Error(
      `No Node older than 22.17 found (looked at ${candidates.filter(Boolean).join(', ')}: ` +
        `${JSON.stringify(found)}); this test needs one, e.g. Debian's nodejs package.`,
    );
  return old.binary;
}

/** Runs the command; a process still alive after 30 s (a spin) is killed and reported as such. */
function run(binary, args) {
  return new Promise((done) => {
    const child = spawn(binary, args, {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

const oldNode = findOldNode();

test(`the sample on ${versionOf(oldNode)} stops with one line and exit code 1`, async () => {
  assert.ok(existsSync(SAMPLE), `${SAMPLE} is missing: build first`);
  const result = await run(oldNode, [SAMPLE]);
  assert.equal(result.signal, null, `killed after 30 s: ${result.stderr}${result.stdout}`);
  assert.equal(result.code, 1);
  assert.match(result.stderr, MESSAGE);
  assert.equal(result.stdout, '');
});

test(`importing the library entry on ${versionOf(oldNode)} stops with the same line`, async () => {
  const result = await run(oldNode, ['--input-type=module', '-e', `await import('${LIBRARY}');`]);
  assert.equal(result.signal, null);
  assert.equal(result.code, 1);
  assert.match(result.stderr, MESSAGE);
});

test('on a supported Node the library entry imports without a word', async () => {
  const result = await run(process.execPath, [
    '--input-type=module',
    '-e',
    `await import('${LIBRARY}'); console.log('imported');`,
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'imported\n');
});
