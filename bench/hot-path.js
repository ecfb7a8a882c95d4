// The authenticated hot path alone, quickly: the built sample app (run `npm run build` first) on
// SQLite, or on a throwaway PostgreSQL with HOT_DB=postgres, with RATE_LIMIT=off. Measures, side by
// side in interleaved rounds, requests/s of GET /me (bearer token), GET /hello (the session check
// alone) and the bare public route, and counts the statements MikroORM itself runs for one GET /me,
// one GET /hello and one sign-in (DATABASE_DEBUG=on logs each; the prepared statements of the hot
// paths bypass that log: bench/sign-in-path.js counts every statement sent to PostgreSQL, and a
// non-zero count here is an ORM statement back on a hot path). HOT_PROFILE=dir writes a CPU
// profile of the app (node --cpu-prof) into dir. Knobs: HOT_ROUNDS (3), HOT_SECONDS (3).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { freePort } from '../scripts/free-port.js';
import { PASSWORD } from './parameters.js';
import { postJson, waitForReady } from './support.js';

const ROUNDS = Number(process.env.HOT_ROUNDS ?? 3);
const SECONDS = Number(process.env.HOT_SECONDS ?? 3);
const CONNECTIONS = 20;

/** Starts the sample app; `statementsOf(work)` counts the ORM statements `work` made it log. */
async function startApp(databaseUrl, debug) {
  const port = await freePort();
  const args = [];
  if (process.env.HOT_PROFILE && !debug)
    args.push('--cpu-prof', `--cpu-prof-dir=${process.env.HOT_PROFILE}`);
  args.push('dist/apps/sample/apps/sample/src/main.js');
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      RATE_LIMIT: 'off',
      DATABASE_DEBUG: debug ? 'on' : 'off',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let statements = 0;
  let counting = false;
  const count = (chunk) => {
    if (!counting) return;
    // MikroORM's query logger: one "[query] ..." line per statement.
    statements += (chunk.toString().match(/\[query\]/g) ?? []).length;
  };
  child.stdout.on('data', count);
  child.stderr.on('data', count);
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(base);
  return {
    base,
    /** The statements `work` caused (the log is flushed asynchronously: wait a little). */
    async statementsOf(work) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      statements = 0;
      counting = true;
      await work();
      await new Promise((resolve) => setTimeout(resolve, 300));
      counting = false;
      return statements;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
}

const rps = (options) =>
  new Promise((resolve, reject) =>
    autocannon({ duration: SECONDS, connections: CONNECTIONS, ...options }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx || result.errors) console.log(`${options.url}: ${result.non2xx} non-2xx`);
      resolve(result['2xx'] / SECONDS);
    }),
  );

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

async function measure(databaseUrl) {
  const credentials = { email: 'hot@bench.example', password: PASSWORD };
  // Counting with the SQL log on; measuring with it off (writing the log costs more than the SQL).
  const logged = await startApp(databaseUrl, true);
  try {
    await postJson(logged.base, '/auth/signup', credentials);
    let token;
    const signIn = await logged.statementsOf(async () => {
      token = (await postJson(logged.base, '/auth/login', credentials)).accessToken;
    });
    const headers = { authorization: `Bearer ${token}` };
    const me = await logged.statementsOf(() => fetch(`${logged.base}/me`, { headers }));
    const hello = await logged.statementsOf(() => fetch(`${logged.base}/hello`, { headers }));
    console.log(
      `ORM statements (prepared ones not counted): sign-in ${signIn}, GET /me ${me}, GET /hello ${hello}`,
    );
  } finally {
    await logged.stop();
  }
  const app = await startApp(databaseUrl, false);
  try {
    const { accessToken } = await postJson(app.base, '/auth/login', credentials);
    const headers = { authorization: `Bearer ${accessToken}` };
    const runs = {
      me: { url: `${app.base}/me`, headers },
      hello: { url: `${app.base}/hello`, headers },
      bare: { url: `${app.base}/hello/public` },
    };
    const names = Object.keys(runs);
    const ratios = { me: [], hello: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const result = {};
      // Rotating order, so a busy neighbour does not always hit the same contender.
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length];
        result[name] = await rps(runs[name]);
      }
      ratios.me.push(result.me / result.bare);
      ratios.hello.push(result.hello / result.bare);
      console.log(
        `round ${round + 1}: GET /me ${result.me.toFixed(0)}/s, GET /hello ${result.hello.toFixed(0)}/s, bare ${result.bare.toFixed(0)}/s`,
      );
    }
    console.log(
      `median ratio: GET /me ÷ bare ${median(ratios.me).toFixed(3)}, GET /hello ÷ bare ${median(ratios.hello).toFixed(3)}`,
    );
  } finally {
    await app.stop();
  }
}

if (process.env.HOT_DB === 'postgres') {
  const postgres = await startThrowawayPostgres();
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database userkit_hot');
    await admin.end();
    await measure(postgres.url.replace(/\/postgres$/, '/userkit_hot'));
  } finally {
    await postgres.stop();
  }
} else {
  const file = join(tmpdir(), `userkit-hot-${process.pid}.sqlite`);
  try {
    await measure(`sqlite:${file}`);
  } finally {
    rmSync(file, { force: true });
  }
}
