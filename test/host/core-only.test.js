// `npm run test:host`, core only: a new ESM host made of the README's Install section verbatim
// (its SQLite install command, tsconfig.json and files) and nothing else: none of the optional
// peers, OAuth unused. It builds with skipLibCheck: false, starts, and its users sign up, sign
// in, and its first admin (ensureAdmin at start) reaches the admin routes; the feature modules it
// did not import have no routes and no tables there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { call, createHost } from './support/host-app.js';
import { installedPaths, packageName } from './support/installed.js';
import { npmEnvironment, packPackages } from './support/packages.js';
import { installCommand, installCommands, readmeBlock } from './support/readme.js';

const ADMIN = { email: 'first.admin@example.com', password: 'first-admin-passphrase-7' };
const USER = { email: 'core.user@example.com', password: 'core-user-passphrase-3' };

let packs;
let host;
let app;

before(
  async () => {
    packs = packPackages();
    host = await createHost({
      name: 'core-esm',
      type: 'module',
      tarballs: packs.tarballs,
      installs: [
        installCommand('install', 'SQLite'),
        installCommand('install', 'TypeScript, SQLite'),
      ],
      files: {
        'tsconfig.json': readmeBlock('tsconfig.json'),
        'src/database.ts': readmeBlock('src/database.ts sqlite'),
        'src/app.module.ts': readmeBlock('src/app.module.ts'),
        'src/main.ts': readmeBlock('src/main.ts'),
      },
    });
    await host.build();
    // SQLite's default file data/app.sqlite: its folder does not exist before the start.
    app = await host.start({
      JWT_SECRET: 'host-test-secret-host-test-secret-0123',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  },
  { timeout: 480_000 },
);

after(async () => {
  await host?.remove();
  if (packs) rmSync(packs.root, { recursive: true, force: true });
});

test('none of the optional peers is installed', () => {
  for (const { args } of installCommands('install-optional')) {
    for (const name of args.map(packageName)) {
      assert.deepEqual(installedPaths(host.dir, name), [], `${name} is installed`);
    }
  }
});

test('a user signs up, signs in and reads /me', async () => {
  const from = '127.0.0.2';
  const signUp = await call(app, 'POST', '/auth/signup', { body: USER, from });
  assert.equal(signUp.status, 201, JSON.stringify(signUp.body));
  const signIn = await call(app, 'POST', '/auth/login', { body: USER, from });
  assert.equal(signIn.status, 200);
  const me = await call(app, 'GET', '/me', { token: signIn.body.accessToken });
  assert.equal(me.status, 200);
  assert.equal(me.body.id, signUp.body.user.id);
  assert.equal(me.body.emailAddresses[0].email, USER.email);
  assert.equal((await call(app, 'GET', '/me')).status, 401);
});

test('npx userkit, the bin of the packed package, exports the users and checks an import file', () => {
  const databaseUrl = join(host.dir, 'data/app.sqlite');
  const userkit = (...args) =>
    spawnSync('npx', ['--no-install', 'userkit', ...args, '--database-url', databaseUrl], {
      cwd: host.dir,
      env: npmEnvironment(),
      encoding: 'utf8',
    });
  const exported = userkit('export');
  assert.equal(exported.status, 0, exported.stderr);
  const lines = exported.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.ok(
    lines.some((line) => line.emails[0]?.email === USER.email),
    exported.stdout,
  );
  const file = join(host.dir, 'users.ndjson');
  writeFileSync(
    file,
    `${JSON.stringify({ externalId: 'host-1', emails: [{ email: 'host.import@example.com' }] })}\nnot json\n`,
  );
  // A dry run: the app holds the database meanwhile.
  const checked = userkit('import', file, '--dry-run');
  assert.equal(checked.status, 1, checked.stderr);
  assert.match(
    checked.stdout,
    /^dry run: would create 1, skipped 0 \(imported already\), failed 1\nline 2: IMPORT_LINE_INVALID /,
  );
});

test('the first admin made at start reaches the admin routes, a user does not', async () => {
  const from = '127.0.0.3';
  const user = await call(app, 'POST', '/auth/login', { body: USER, from });
  assert.equal(
    (await call(app, 'GET', '/admin/users', { token: user.body.accessToken })).status,
    403,
  );
  const admin = await call(app, 'POST', '/auth/login', { body: ADMIN, from });
  assert.equal(admin.status, 200);
  const users = await call(app, 'GET', '/admin/users', { token: admin.body.accessToken });
  assert.equal(users.status, 200);
  assert.deepEqual(users.body.data.map((entry) => entry.emailAddresses[0].email).sort(), [
    USER.email,
    ADMIN.email,
  ]);
});

test('the features it did not import are absent: no routes, no tables', async () => {
  const from = '127.0.0.4';
  const { body } = await call(app, 'POST', '/auth/login', { body: USER, from });
  for (const [method, path] of [
    ['GET', '/oauth/github'],
    ['POST', '/auth/oauth/exchange'],
    ['POST', '/me/external-accounts'],
    ['POST', '/auth/login/2fa'],
    ['POST', '/me/2fa/totp'],
    ['POST', '/me/emails'],
    ['POST', '/me/phones'],
    ['PUT', '/me/profile-image'],
    ['GET', '/me/tokens/billing'],
    ['GET', '/.well-known/jwks.json'],
    ['GET', '/account'],
  ]) {
    const answer = await call(app, method, path, { token: body.accessToken, from });
    assert.equal(answer.status, 404, `${method} ${path}: ${JSON.stringify(answer.body)}`);
  }
  const database = new Database(join(host.dir, 'data/app.sqlite'), { readonly: true });
  try {
    const tables = database
      .prepare("select name from sqlite_master where type = 'table' and name like 'userkit_%'")
      .all()
      .map((row) => row.name)
      .sort();
    assert.deepEqual(tables, [
      'userkit_attribute_definitions',
      'userkit_email_addresses',
      'userkit_external_accounts',
      'userkit_password_reset_tokens',
      'userkit_phone_numbers',
      'userkit_refresh_tokens',
      'userkit_roles',
      'userkit_sessions',
      'userkit_user_roles',
      'userkit_users',
    ]);
  } finally {
    database.close();
  }
});

test("the host's Swagger document lists the library's routes", async () => {
  const document = await call(app, 'GET', '/docs-json');
  assert.equal(document.status, 200);
  assert.ok(document.body.paths['/auth/signup'], 'POST /auth/signup documented');
  assert.equal((await call(app, 'GET', '/docs')).status, 200);
});

test("on an unsupported Node the host stops with the library's one line", () => {
  // The machine's own Node (20 here and in CI), not the repository's Node 24.
  const old = ['/usr/bin/node', '/usr/local/bin/node'].find((binary) => {
    if (!existsSync(binary)) return false;
    const [major, minor] = spawnSync(binary, ['--version'], { encoding: 'utf8' })
      .stdout.slice(1)
      .split('.')
      .map(Number);
    return major < 22 || (major === 22 && minor < 17);
  });
  assert.ok(old, 'no Node older than 22.17 at /usr/bin/node or /usr/local/bin/node');
  const started = spawnSync(old, ['dist/main.js'], {
    cwd: host.dir,
    env: {
      PATH: process.env.PATH,
      JWT_SECRET: 'host-test-secret-host-test-secret-0123',
      PORT: '0',
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(started.status, 1, `exit ${started.status ?? started.signal}: ${started.stderr}`);
  assert.match(started.stderr, /^Nest UserKit needs Node\.js >= 22\.17 \(this is v[\d.]+\)/);
});
