// Where a host's public route spends its CPU, host by host (bench/host-server.js): each host runs
// under `--cpu-prof`, takes a warm-up and then a timed load, and only the samples of the timed load
// count. Their CPU time is split by who runs it (MikroORM, Nest's middleware, the guards, …) and
// divided by the requests answered: µs per request, which the machine's load moves much less than
// requests per second. `node bench/host-profile.js` (after `npm run build`); BENCH_HOST_LIBS as in
// bench/host-overhead.js; BENCH_HOSTS=name,… profiles only those hosts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannon, log, startProcess } from './side-by-side.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

/** Who a sampled frame belongs to; the first match wins. */
const CATEGORIES = [
  ['MikroORM (request context: em.fork)', /@mikro-orm\//],
  ['Nest middleware (routing, proxy)', /@nestjs\/core\/(middleware|router\/router-proxy)/],
  [
    'guards (UserModule + Nest)',
    /libs\/user\/guards|@nestjs\/core\/(guards|services\/reflector|helpers\/execution-context)|reflect-metadata/,
  ],
  ['interceptors (rxjs)', /rxjs|@nestjs\/core\/interceptors|libs\/user\/ui/],
  ['express + router', /node_modules\/(express|router|path-to-regexp)\//],
  ['garbage collector', /^\(garbage collector\)$/],
];

function breakdown(profile, fromUs, toUs, requests) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node);
  const categoryOf = new Map();
  const classify = (node) => {
    if (categoryOf.has(node.id)) return categoryOf.get(node.id);
    const { url, functionName } = node.callFrame;
    const found = CATEGORIES.find(([, pattern]) => pattern.test(url || functionName));
    // Node's own frames (streams, HTTP) called by a library count for that library.
    const parent = parents.get(node.id);
    const category = found
      ? found[0]
      : url.startsWith('node:') && parent
        ? classify(parent)
        : 'other (HTTP, Nest router, …)';
    categoryOf.set(node.id, category);
    return category;
  };
  const totals = {};
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    time += profile.timeDeltas[i];
    if (time < fromUs || time > toUs) continue;
    const node = nodes.get(profile.samples[i]);
    if (node.callFrame.functionName === '(idle)') continue;
    const category = classify(node);
    totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[i + 1] ?? 0);
  }
  const perRequest = Object.fromEntries(
    Object.entries(totals)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => [name, Math.round((us / requests) * 10) / 10]),
  );
  const all = Object.values(totals).reduce((sum, us) => sum + us, 0);
  return { cpuUsPerRequest: Math.round((all / requests) * 10) / 10, perRequest };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function profileHost(name, env) {
  const dir = mkdtempSync(join(tmpdir(), `userkit-prof-${name}-`));
  const sqlite = join(dir, 'db.sqlite');
  const app = await startProcess(
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'bench/host-server.js'],
    { ...env, SQLITE_FILE: sqlite },
    '/public',
  );
  let running = true;
  try {
    const url = `${app.base}/public`;
    await cannon({ url, connections: 20, duration: 2 });
    const from = nowUs();
    const result = await cannon({ url, connections: 20, duration: SECONDS });
    const to = nowUs();
    await app.stop();
    running = false;
    const file = readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'));
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    return { rps: result['2xx'] / SECONDS, ...breakdown(profile, from, to, result['2xx']) };
  } finally {
    if (running) await app.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

const hosts = {
  bare: { USERKIT: 'off', ORM: 'off' },
  ormHost: { USERKIT: 'off' },
  noopGuard: { USERKIT: 'off', NOOP_GUARD: 'on' },
  userKit: { USERKIT: 'on' },
  ormHostNoRequestContext: { USERKIT: 'off', REQUEST_CONTEXT: 'off' },
  noopGuardNoRequestContext: { USERKIT: 'off', NOOP_GUARD: 'on', REQUEST_CONTEXT: 'off' },
  userKitNoRequestContext: { USERKIT: 'on', REQUEST_CONTEXT: 'off' },
  userKitUi: { USERKIT: 'on', UI: 'on' },
};
for (const entry of (process.env.BENCH_HOST_LIBS ?? '').split(',').filter(Boolean)) {
  const [name, dir, ui] = entry.split('=');
  hosts[`userKit${ui ? 'Ui' : ''}:${name}`] = {
    USERKIT: 'on',
    USERKIT_DIR: dir,
    UI: ui ? 'on' : 'off',
  };
}
const only = (process.env.BENCH_HOSTS ?? '').split(',').filter(Boolean);
const results = {};
for (const [name, env] of Object.entries(hosts)) {
  if (only.length > 0 && !only.includes(name)) continue;
  results[name] = await profileHost(name, env);
  log(`${name}: ${JSON.stringify(results[name])}`);
}
console.log(JSON.stringify(results, null, 2));
