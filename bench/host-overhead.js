// What UserModule costs a host's route that does not use auth: a public route in a minimal host
// that owns MikroORM (default config) with UserModule (global guards on) ÷ the same route in the
// same host without UserModule (bench/host-server.js), interleaved rounds. Beside them: the floor
// (the MikroORM host with one global guard that does nothing: Nest's own cost of a guard), both
// hosts with MikroORM's per-request context middleware off (the library then opens one on its
// own routes only), a bare Nest host without MikroORM, the UserModule host with the pages (UserPagesModule)
// on, and the sample's /hello/public (helmet, Swagger, pages).
//
// Part of `npm run bench`; `node bench/host-overhead.js` runs this part alone (after `npm run
// build`) and prints its figures. BENCH_HOST_LIBS=name=dir[=ui],… adds the UserModule host (with
// the pages if `=ui`) on other builds of the library (e.g. a copy of dist/libs/user from before a
// change) to the same rounds.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  httpRun,
  log,
  ratio,
  sideBySide,
  startProcess,
  withCpuPerRequest,
} from './side-by-side.js';

const CONNECTIONS = 20;

export async function measureHostOverhead() {
  const files = [];
  const sqliteFile = (name) => {
    const file = join(tmpdir(), `userkit-host-${name}-${process.pid}.sqlite`);
    files.push(file);
    return file;
  };
  const started = [];
  const track = async (app) => {
    started.push(await app);
    return started.at(-1);
  };
  const host = (name, env) =>
    track(
      startProcess(
        ['bench/host-server.js'],
        { ...env, SQLITE_FILE: env.ORM === 'off' ? '' : sqliteFile(name) },
        '/public',
      ),
    );
  try {
    const apps = {
      ormHost: await host('orm', { USERKIT: 'off' }),
      userKit: await host('userkit', { USERKIT: 'on' }),
      noopGuard: await host('noopguard', { USERKIT: 'off', NOOP_GUARD: 'on' }),
      ormHostNoRequestContext: await host('orm-nocontext', {
        USERKIT: 'off',
        REQUEST_CONTEXT: 'off',
      }),
      userKitNoRequestContext: await host('nocontext', { USERKIT: 'on', REQUEST_CONTEXT: 'off' }),
      noopGuardNoRequestContext: await host('noopguard-nocontext', {
        USERKIT: 'off',
        NOOP_GUARD: 'on',
        REQUEST_CONTEXT: 'off',
      }),
      bare: await host('bare', { USERKIT: 'off', ORM: 'off' }),
      userKitUi: await host('ui', { USERKIT: 'on', UI: 'on' }),
    };
    for (const entry of (process.env.BENCH_HOST_LIBS ?? '').split(',').filter(Boolean)) {
      const [name, dir, ui] = entry.split('=');
      apps[`userKit${ui ? 'Ui' : ''}:${name}`] = await host(name, {
        USERKIT: 'on',
        USERKIT_DIR: dir,
        UI: ui ? 'on' : 'off',
      });
    }
    const sample = await track(
      startProcess(
        ['dist/apps/sample/apps/sample/src/main.js'],
        {
          DATABASE_URL: `sqlite:${sqliteFile('sample')}`,
          JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
          RATE_LIMIT: 'off',
        },
        '/health/ready',
      ),
    );
    const contenders = Object.fromEntries(
      Object.entries(apps).map(([name, app]) => [
        name,
        () =>
          withCpuPerRequest(
            app.pid,
            httpRun(`host ${name}`, { url: `${app.base}/public`, connections: CONNECTIONS }),
          ),
      ]),
    );
    contenders.sample = () =>
      withCpuPerRequest(
        sample.pid,
        httpRun('sample /hello/public', {
          url: `${sample.base}/hello/public`,
          connections: CONNECTIONS,
        }),
      );
    const { figures, rounds } = await sideBySide('host overhead', contenders, { warmUp: true });
    // Per second (higher is better) and, less moved by the neighbours, the other host's CPU per
    // request ÷ this one's (also higher is better: 1 = costs nothing).
    const versus = (ours, theirs) => ({
      ...ratio(rounds, ours, theirs),
      cpu: ratio(rounds, theirs, ours, 'cpuUs'),
    });
    return {
      publicRoute: versus('userKit', 'ormHost'),
      floor: versus('noopGuard', 'ormHost'),
      publicRouteVsFloor: versus('userKit', 'noopGuard'),
      withoutRequestContext: versus('userKitNoRequestContext', 'ormHostNoRequestContext'),
      floorWithoutRequestContext: versus('noopGuardNoRequestContext', 'ormHostNoRequestContext'),
      withoutRequestContextVsBare: versus('userKitNoRequestContext', 'bare'),
      publicRouteVsBare: versus('userKit', 'bare'),
      ormHostVsBare: versus('ormHost', 'bare'),
      withUi: versus('userKitUi', 'ormHost'),
      sampleVsBare: versus('sample', 'bare'),
      sampleVsUserKitUiHost: versus('sample', 'userKitUi'),
      others: Object.fromEntries(
        Object.keys(apps)
          .filter((name) => name.includes(':'))
          .map((name) => [name, versus(name, 'ormHost')]),
      ),
      figures,
    };
  } finally {
    for (const app of started.reverse()) await app.stop().catch(() => {});
    for (const file of files) rmSync(file, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureHostOverhead();
  log(JSON.stringify(result, null, 2));
}
