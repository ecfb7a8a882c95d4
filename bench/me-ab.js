// `node bench/me-ab.js [base-ref]`: what this work tree costs GET /me against a base commit
// (default `main`), with no SelfViewExtension registered. Builds the sample app of both (the
// base from `git archive` under dist/me-ab/base, this tree in place), starts three on SQLite
// with rate limits off: the base, the base again (the control: how far two identical apps drift
// on this machine) and this tree, then runs GET /me side by side in interleaved rounds and prints
// each app's median req/s and the median per-round ratios. Run it on an idle machine.
//
// Knobs (environment): BENCH_ROUNDS (5), BENCH_SECONDS (4), ME_AB_CONNECTIONS (10),
// ME_AB_SKIP_BUILD=1 reuses the builds of a previous run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PASSWORD } from './parameters.js';
import { httpRun, log, ratio, sideBySide, startProcess } from './side-by-side.js';

const BASE_REF = process.argv[2] ?? 'main';
const CONNECTIONS = Number(process.env.ME_AB_CONNECTIONS ?? 10);
const ROOT = resolve(import.meta.dirname, '..');
const BASE_TREE = join(ROOT, 'dist/me-ab/base');
const MAIN = 'dist/apps/sample/apps/sample/src/main.js';

function nestBuild(cwd) {
  execFileSync(join(ROOT, 'node_modules/.bin/nest'), ['build', 'sample'], {
    cwd,
    stdio: 'inherit',
  });
}

function buildBase() {
  rmSync(BASE_TREE, { recursive: true, force: true });
  mkdirSync(BASE_TREE, { recursive: true });
  const archive = execFileSync('git', ['archive', BASE_REF], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', BASE_TREE], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(BASE_TREE, 'node_modules'));
  nestBuild(BASE_TREE);
}

async function startSample(label, entry) {
  const file = join(tmpdir(), `userkit-me-ab-${process.pid}-${label}.sqlite`);
  rmSync(file, { force: true });
  const app = await startProcess(
    [entry],
    {
      DATABASE_URL: `sqlite:${file}`,
      RATE_LIMIT: 'off',
      UI: 'off',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    },
    '/health/ready',
  );
  const response = await fetch(`${app.base}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `me-ab-${label}@bench.example`, password: PASSWORD }),
  });
  if (response.status !== 201) throw new Error(`${label}: sign-up answered ${response.status}`);
  const { accessToken } = await response.json();
  return {
    label,
    run: httpRun(`${label} GET /me`, {
      url: `${app.base}/me`,
      headers: { authorization: `Bearer ${accessToken}` },
      connections: CONNECTIONS,
    }),
    async stop() {
      await app.stop();
      rmSync(file, { force: true });
    },
  };
}

if (process.env.ME_AB_SKIP_BUILD !== '1' || !existsSync(join(BASE_TREE, MAIN))) {
  log(`building the sample at ${BASE_REF} (base)`);
  buildBase();
}
if (process.env.ME_AB_SKIP_BUILD !== '1' || !existsSync(join(ROOT, MAIN))) {
  log('building the sample of this work tree (after)');
  nestBuild(ROOT);
}

const apps = [];
try {
  apps.push(await startSample('base', join(BASE_TREE, MAIN)));
  apps.push(await startSample('control', join(BASE_TREE, MAIN)));
  apps.push(await startSample('after', join(ROOT, MAIN)));
  const { figures, rounds } = await sideBySide(
    'GET /me',
    Object.fromEntries(apps.map((app) => [app.label, app.run])),
    { warmUp: true },
  );
  const after = ratio(rounds, 'after', 'base');
  const control = ratio(rounds, 'control', 'base');
  console.log(
    JSON.stringify(
      {
        baseRef: BASE_REF,
        connections: CONNECTIONS,
        medianRps: Object.fromEntries(
          Object.entries(figures).map(([name, figure]) => [name, figure.rps]),
        ),
        afterOverBase: after,
        controlOverBase: control,
      },
      null,
      2,
    ),
  );
  log(
    `after ÷ base: ${after.ratio} (control ÷ base: ${control.ratio}); within 10 %: ${after.ratio >= 0.9}`,
  );
} finally {
  for (const app of apps) await app.stop();
}
