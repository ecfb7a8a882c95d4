import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';
import { sql } from './support/database-access.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from './support/test-database.js';
import { startTestApp } from './support/test-app.js';

/**
 * The `userkit` bin of @userkit/user, built (`nest build user`), run as a host runs it against a
 * real database: import with progress, counts and refused lines; a kill -9 midway; export →
 * import into an empty database.
 */
const BIN = join(process.cwd(), 'dist/libs/user/cli/userkit.js');
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function userkit(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A migrated, empty database (the sample app made its schema and is closed again). */
async function migratedDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const app = await startTestApp({ database });
  await app.close({ keepDatabase: true });
  return database;
}

/** SQL against the database through the sample app (started on it for the question only). */
async function query<T>(
  database: TestDatabase,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const app = await startTestApp({ database });
  try {
    return await sql<T>(app.app, text, params);
  } finally {
    await app.close({ keepDatabase: true });
  }
}

const TRUE = TEST_DB === 'postgres' ? 'true' : '1';
/** Users imported by `prefix` that are not whole: no primary email, no role, or a phone missing. */
const NOT_WHOLE = `select count(*) as n from userkit_users u where u.external_id like ? and (
  (select count(*) from userkit_email_addresses e where e.user_id = u.id and e."primary" = ${TRUE}) <> 1
  or (select count(*) from userkit_user_roles r where r.user_id = u.id) <> 1
  or (select count(*) from userkit_phone_numbers p where p.user_id = u.id) <> 1)`;

describe('the userkit CLI', () => {
  let dir: string;
  const passwordHash = bcrypt.hashSync('imported-passphrase-41', 4);
  beforeAll(async () => {
    // The bin as it ships: the library built as `npm run build` builds it.
    await run(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', 'user']);
    await run(process.execPath, ['scripts/copy-lib-manifest.js']);
    dir = mkdtempSync(join(tmpdir(), 'userkit-cli-'));
  }, 300_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** 10,000 lines, 50 of them bad (line numbers returned); each good user has an email and a phone. */
  function tenThousandLines(tag: string): { file: string; bad: number[] } {
    const bad = Array.from({ length: 50 }, (_, i) => 17 + i * 199);
    const badSet = new Set(bad);
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const line = i + 1;
      const externalId = `${tag}-${line}`;
      if (badSet.has(line)) return JSON.stringify({ externalId, emails: [{ email: 'nope' }] });
      return JSON.stringify({
        externalId,
        emails: [{ email: `${tag}-${line}@example.com`, verified: true }],
        phoneNumbers: [{ phoneNumber: `+1415${2_000_000 + line}` }],
        passwordHash,
      });
    });
    const file = join(dir, `${tag}.ndjson`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return { file, bad };
  }

  it('refuses a bad command line with exit code 2 and the usage', async () => {
    const result = await userkit(['import']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
    const missing = await userkit(['import', join(dir, 'none.ndjson'), '--database-url', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file');
  });

  it('imports 10,000 lines with 50 bad ones: counts, the 50 line numbers, progress, exit code 1; a re-run is idempotent', async () => {
    const database = await migratedDatabase();
    try {
      const tag = `cli-${randomUUID().slice(0, 8)}`;
      const { file, bad } = tenThousandLines(tag);
      const dry = await userkit(['import', file, '--database-url', database.url, '--dry-run']);
      expect(dry.stdout.split('\n')[0]).toBe(
        'dry run: would create 9950, skipped 0 (imported already), failed 50',
      );
      const started = performance.now();
      const first = await userkit(['import', file, '--database-url', database.url]);
      expect((performance.now() - started) / 1000).toBeLessThan(120);
      expect(first.code).toBe(1);
      const [counts, ...errors] = first.stdout.trim().split('\n');
      expect(counts).toBe('created 9950, skipped 0 (imported already), failed 50');
      expect(
        errors.map((line) => Number(/^line (\d+): IMPORT_LINE_INVALID /.exec(line)?.[1])),
      ).toEqual(bad);
      expect(first.stderr).toMatch(/userkit: \d+ lines read: \d+ created, 0 skipped, \d+ failed/);

      const again = await userkit(['import', file, '--database-url', database.url, '--json']);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout)).toMatchObject({
        dryRun: false,
        created: 0,
        skipped: 9950,
        failed: 50,
      });
      const [row] = await query<{ n: number | string }>(
        database,
        'select count(*) as n from userkit_users where external_id like ?',
        [`${tag}-%`],
      );
      expect(Number(row!.n)).toBe(9950);
    } finally {
      await database.drop();
    }
  }, 300_000);

  it('a kill -9 midway leaves only whole users, and a re-run brings in the rest', async () => {
    const database = await migratedDatabase();
    try {
      const tag = `kill-${randomUUID().slice(0, 8)}`;
      const { file } = tenThousandLines(tag);
      const child = spawn(process.execPath, [BIN, 'import', file, '--database-url', database.url], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // Killed once the first batch is written, while the others are on their way.
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          if (/lines read: [1-9]\d* created/.test(chunk.toString())) resolve();
        });
        child.on('exit', () => reject(new Error('the import ended before it was killed')));
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));

      const [written] = await query<{ n: number | string }>(
        database,
        'select count(*) as n from userkit_users where external_id like ?',
        [`${tag}-%`],
      );
      const before = Number(written!.n);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(9950);
      const [broken] = await query<{ n: number | string }>(database, NOT_WHOLE, [`${tag}-%`]);
      expect(Number(broken!.n)).toBe(0);
      const orphans = await query<{ n: number | string }>(
        database,
        `select (select count(*) from userkit_email_addresses e where not exists (select 1 from userkit_users u where u.id = e.user_id))
              + (select count(*) from userkit_phone_numbers p where not exists (select 1 from userkit_users u where u.id = p.user_id))
              + (select count(*) from userkit_user_roles r where not exists (select 1 from userkit_users u where u.id = r.user_id)) as n`,
      );
      expect(Number(orphans[0]!.n)).toBe(0);

      const rest = await userkit(['import', file, '--database-url', database.url, '--json']);
      expect(JSON.parse(rest.stdout)).toMatchObject({
        created: 9950 - before,
        skipped: before,
        failed: 50,
      });
      const [after] = await query<{ n: number | string }>(database, NOT_WHOLE, [`${tag}-%`]);
      expect(Number(after!.n)).toBe(0);
    } finally {
      await database.drop();
    }
  }, 300_000);

  it('export → import into an empty database gives the same users', async () => {
    const source = await migratedDatabase();
    const target = await migratedDatabase();
    try {
      const tag = `trip-${randomUUID().slice(0, 8)}`;
      const users = Array.from({ length: 700 }, (_, i) => ({
        externalId: `${tag}-${i}`,
        emails: [
          { email: `${tag}-${i}@example.com`, verified: i % 2 === 0 },
          { email: `${tag}-${i}@work.example`, verified: true },
        ],
        phoneNumbers: [{ phoneNumber: `+1415${3_000_000 + i}`, verified: true }],
        displayName: `User ${i}`,
        firstName: 'Trip',
        lastName: `Number ${i}`,
        picture: `https://cdn.example/${i}.png`,
        roles: i % 7 === 0 ? ['admin', 'user'] : ['user'],
        publicMetadata: { plan: i % 2 ? 'pro' : 'free' },
        privateMetadata: { crm: i },
        unsafeMetadata: { theme: 'dark' },
        createdAt: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(),
        passwordHash,
      }));
      const file = join(dir, `${tag}.ndjson`);
      writeFileSync(file, users.map((user) => JSON.stringify(user)).join('\n'));
      expect((await userkit(['import', file, '--database-url', source.url])).code).toBe(0);

      const exported = await userkit([
        'export',
        '--database-url',
        source.url,
        '--include-password-hashes',
      ]);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toContain('exported 700 users');
      const exportFile = join(dir, `${tag}-export.ndjson`);
      writeFileSync(exportFile, exported.stdout);
      const imported = await userkit([
        'import',
        exportFile,
        '--database-url',
        target.url,
        '--json',
      ]);
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: 700, skipped: 0, failed: 0 });

      const again = await userkit([
        'export',
        '--database-url',
        target.url,
        '--include-password-hashes',
      ]);
      const lines = (text: string) =>
        text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
      expect(lines(again.stdout)).toEqual(lines(exported.stdout));
      // What was given is what came out, field by field (order of roles aside).
      expect(
        lines(exported.stdout).map((user: { roles: string[] }) => ({
          ...user,
          roles: [...user.roles].sort(),
        })),
      ).toEqual(users.map((user) => ({ ...user, roles: [...user.roles].sort() })));
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 300_000);
});
