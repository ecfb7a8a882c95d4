// The full host, ESM or CommonJS: the README's install commands for both databases and every
// optional feature, its tsconfig, database, main and health files verbatim, and the host's own
// code from fixtures/full/src (its DI-built PasswordHasher and MessageSender, routes under the
// global guards, its own exception filter, the pages at /account). Started on SQLite, then on
// a throwaway PostgreSQL, and driven through HTTP the same way on each.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startThrowawayPostgres } from '../../../scripts/throwaway-postgres.js';
import { call, createHost } from './host-app.js';
import { packPackages } from './packages.js';
import { installCommand, installCommands, readmeBlock } from './readme.js';

const FIXTURE = new URL('../fixtures/full/src/', import.meta.url);
const ADMIN = { email: 'host.admin@example.com', password: 'host-admin-passphrase-5' };
const USER = { email: 'host.user@example.com', password: 'host-user-passphrase-8' };

function fixtureFiles() {
  return Object.fromEntries(
    readdirSync(FIXTURE).map((file) => [
      `src/${file}`,
      readFileSync(new URL(file, FIXTURE), 'utf8'),
    ]),
  );
}

/** The README's commands for both databases (and every optional feature) as two `npm install`s. */
function bothDatabases() {
  const merge = (...lists) => [...new Set(lists.flat())];
  return [
    merge(
      installCommand('install', 'SQLite'),
      installCommand('install', 'PostgreSQL'),
      ...installCommands('install-optional').map((command) => command.args),
    ),
    merge(
      installCommand('install', 'TypeScript, SQLite'),
      installCommand('install', 'TypeScript, PostgreSQL'),
    ),
  ];
}

export function fullHostSuite(type) {
  let packs;
  let postgres;
  let host;

  before(
    async () => {
      packs = packPackages();
      postgres = await startThrowawayPostgres();
      host = await createHost({
        name: `full-${type}`,
        type,
        tarballs: packs.tarballs,
        installs: bothDatabases(),
        files: {
          'tsconfig.json': readmeBlock('tsconfig.json'),
          'src/database-sqlite.ts': readmeBlock('src/database.ts sqlite'),
          'src/database-postgresql.ts': readmeBlock('src/database.ts postgresql'),
          'src/main.ts': readmeBlock('src/main.ts'),
          'src/health.controller.ts': readmeBlock('src/health.controller.ts'),
          ...fixtureFiles(),
        },
      });
      await host.build();
    },
    { timeout: 480_000 },
  );

  after(async () => {
    await host?.remove();
    await postgres?.stop();
    if (packs) rmSync(packs.root, { recursive: true, force: true });
  });

  for (const database of ['sqlite', 'postgresql']) {
    describe(`${type} host on ${database}`, () => {
      let app;
      let userId;
      let userTokens;

      before(
        async () => {
          const databaseEnv = {};
          if (database === 'postgresql') {
            const client = new pg.Client({ connectionString: postgres.url });
            await client.connect();
            await client.query(`create database host_${type}`);
            await client.end();
            databaseEnv.DATABASE_URL = postgres.url.replace(/\/postgres$/, `/host_${type}`);
          } else {
            databaseEnv.SQLITE_FILE = join(host.dir, 'data', 'host.sqlite');
          }
          app = await host.start({
            ...databaseEnv,
            JWT_SECRET: 'host-test-secret-host-test-secret-0123',
            PUBLIC_URL: 'http://127.0.0.1',
            ADMIN_EMAIL: ADMIN.email,
            ADMIN_PASSWORD: ADMIN.password,
          });
        },
        { timeout: 120_000 },
      );

      after(() => app?.stop());

      test('global guards: a host route needs a session, a @Public() one does not', async () => {
        assert.equal((await call(app, 'GET', '/host/whoami')).status, 401);
        const open = await call(app, 'GET', '/host/public');
        assert.equal(open.status, 200);
        assert.deepEqual(open.body, { public: true });
      });

      test("sign-up and sign-in go through the host's PasswordHasher", async () => {
        const extensions = () => call(app, 'GET', '/host/extensions');
        const before = (await extensions()).body.hasherCalls;
        const from = '127.0.0.2';
        const signUp = await call(app, 'POST', '/auth/signup', { body: USER, from });
        assert.equal(signUp.status, 201, JSON.stringify(signUp.body));
        userId = signUp.body.user.id;
        const afterSignUp = (await extensions()).body.hasherCalls;
        assert.equal(afterSignUp.hash, before.hash + 1);
        // The stored hash is the host's scrypt format: only the host's verify accepts it.
        const signIn = await call(app, 'POST', '/auth/login', { body: USER, from });
        assert.equal(signIn.status, 200);
        userTokens = signIn.body;
        assert.equal((await extensions()).body.hasherCalls.verify, afterSignUp.verify + 1);
        const wrong = await call(app, 'POST', '/auth/login', {
          body: { email: USER.email, password: 'not-the-passphrase-1' },
          from,
        });
        assert.equal(wrong.status, 401);
      });

      test('/me and a host route with @CurrentUser() see the signed-in user', async () => {
        const me = await call(app, 'GET', '/me', { token: userTokens.accessToken });
        assert.equal(me.status, 200);
        assert.equal(me.body.id, userId);
        const whoami = await call(app, 'GET', '/host/whoami', { token: userTokens.accessToken });
        assert.equal(whoami.status, 200);
        assert.deepEqual(whoami.body, { id: userId, roles: ['user'] });
      });

      test("a @Roles('admin') host route: 403 for a user, 200 for the first admin", async () => {
        const denied = await call(app, 'GET', '/host/admin', { token: userTokens.accessToken });
        assert.equal(denied.status, 403);
        const admin = await call(app, 'POST', '/auth/login', { body: ADMIN, from: '127.0.0.3' });
        assert.equal(admin.status, 200);
        const allowed = await call(app, 'GET', '/host/admin', { token: admin.body.accessToken });
        assert.equal(allowed.status, 200);
        assert.equal(allowed.body.admin, admin.body.user.id);
      });

      test("the host's MessageSender delivers the verification code that verifies the email", async () => {
        const emailId = (await call(app, 'GET', '/me', { token: userTokens.accessToken })).body
          .emailAddresses[0].id;
        const resend = await call(app, 'POST', `/me/emails/${emailId}/resend`, {
          token: userTokens.accessToken,
          from: '127.0.0.4',
        });
        assert.equal(resend.status, 204);
        const { code } = (
          await call(app, 'GET', `/host/extensions?address=${encodeURIComponent(USER.email)}`)
        ).body;
        assert.match(code, /^\d{6}$/);
        const verify = await call(app, 'POST', `/me/emails/${emailId}/verify`, {
          token: userTokens.accessToken,
          body: { code },
          from: '127.0.0.4',
        });
        assert.equal(verify.status, 200);
        assert.equal(verify.body.verified, true);
      });

      test("a host route's own error reaches the host's own exception filter", async () => {
        const upstream = await call(app, 'GET', '/host/upstream');
        assert.equal(upstream.status, 504, JSON.stringify(upstream.body));
        assert.deepEqual(upstream.body, {
          handledBy: 'host-error-filter',
          message: 'connect ETIMEDOUT 192.0.2.1:443',
        });
      });

      test('the prebuilt pages are served at /account with their assets', async () => {
        const page = await call(app, 'GET', '/account/sign-in');
        assert.equal(page.status, 200);
        assert.match(page.headers['content-type'], /text\/html/);
        assert.match(page.body, /<div id="app"><\/div>/);
        assert.doesNotMatch(page.headers['content-security-policy'], /unsafe-inline/);
        const script = await call(app, 'GET', '/account/app.js');
        assert.equal(script.status, 200);
        assert.match(script.headers['content-type'], /javascript/);
      });

      test('/health/ready and the Swagger document of the host', async () => {
        const health = await call(app, 'GET', '/health/ready');
        assert.equal(health.status, 200);
        assert.equal(health.body.status, 'ok');
        const document = await call(app, 'GET', '/docs-json');
        assert.equal(document.status, 200);
        assert.ok(document.body.paths['/auth/signup'], 'the library routes are documented');
        assert.ok(document.body.paths['/host/whoami'], "the host's routes are documented");
      });

      test('passkeys: the optional peer loads and a sign-in ceremony starts', async () => {
        const options = await call(app, 'POST', '/auth/passkey/options', { body: {} });
        assert.equal(options.status, 200);
        assert.match(options.body.challenge, /^[A-Za-z0-9_-]{43}$/);
        assert.deepEqual(options.body.allowCredentials, []);
      });

      test('the packed @userkit/client signs in from a host script', async () => {
        const { signInWithClient } = await import(
          pathToFileURL(join(host.dir, 'dist', 'client-sign-in.js')).href
        );
        assert.equal(await signInWithClient(app.base, USER.email, USER.password), userId);
      });
    });
  }
}
