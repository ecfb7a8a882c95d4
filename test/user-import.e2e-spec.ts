import { createCipheriv, pbkdf2Sync, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import { EventEmitter2 } from '@nestjs/event-emitter';
import bcrypt from 'bcryptjs';
import { ADMIN_ENV, expectAdminOnly, signInAdmin } from './support/admin.js';
import { sql } from './support/database-access.js';
import { TEST_DB } from './support/test-database.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, uniqueEmail } from './support/users.js';

/** The test vector of github.com/firebase/scrypt's README: its project parameters and a user. */
const FIREBASE = {
  signerKey:
    'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  saltSeparator: 'Bw==',
  rounds: 8,
  memCost: 14,
};
const FIREBASE_PASSWORD = 'user1password';
const FIREBASE_HASH =
  '$firebase-scrypt$42xEC+ixf3L2lw==$lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==';

const PASSWORD = 'imported-passphrase-41';
const ab64 = (bytes: Buffer): string =>
  bytes.toString('base64').replaceAll('+', '.').replace(/=+$/, '');

/** A hash of PASSWORD in each format another system may hand over (made as that system would). */
async function hashesOfEachFormat(): Promise<
  Array<[format: string, hash: string, password: string]>
> {
  const salt = randomBytes(16);
  const bcryptHash = bcrypt.hashSync(PASSWORD, 4);
  return [
    ['bcrypt $2a$', bcryptHash.replace(/^\$2.\$/, '$2a$'), PASSWORD],
    ['bcrypt $2b$', bcryptHash.replace(/^\$2.\$/, '$2b$'), PASSWORD],
    ['bcrypt $2y$', bcryptHash.replace(/^\$2.\$/, '$2y$'), PASSWORD],
    [
      'argon2id',
      await argon2Hash(PASSWORD, { algorithm: 2, memoryCost: 8192, timeCost: 1 }),
      PASSWORD,
    ],
    [
      'argon2i',
      await argon2Hash(PASSWORD, { algorithm: 1, memoryCost: 8192, timeCost: 2 }),
      PASSWORD,
    ],
    [
      'scrypt',
      `$scrypt$ln=14,r=8,p=1$${ab64(salt)}$${ab64(scryptSync(PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 }))}`,
      PASSWORD,
    ],
    ['firebase scrypt', FIREBASE_HASH, FIREBASE_PASSWORD],
    [
      'django pbkdf2_sha256',
      `pbkdf2_sha256$20000$djangosalt$${pbkdf2Sync(PASSWORD, 'djangosalt', 20000, 32, 'sha256').toString('base64')}`,
      PASSWORD,
    ],
    [
      'raw pbkdf2-sha256',
      `$pbkdf2-sha256$20000$${ab64(salt)}$${ab64(pbkdf2Sync(PASSWORD, salt, 20000, 32, 'sha256'))}`,
      PASSWORD,
    ],
  ];
}

/** Firebase's algorithm, to check the vector above is one (and not only the library's reading). */
function firebaseScrypt(password: string, saltB64: string): string {
  const key = scryptSync(
    password,
    Buffer.concat([Buffer.from(saltB64, 'base64'), Buffer.from(FIREBASE.saltSeparator, 'base64')]),
    32,
    { N: 2 ** FIREBASE.memCost, r: FIREBASE.rounds, p: 1 },
  );
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return Buffer.concat([
    cipher.update(Buffer.from(FIREBASE.signerKey, 'base64')),
    cipher.final(),
  ]).toString('base64');
}

const ndjson = (lines: Array<object | string>): string =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

describe('POST /admin/users/import', () => {
  let t: TestApp;
  let admin: { accessToken: string };
  const created: Array<Record<string, unknown>> = [];
  const hooked = {
    before: [] as string[],
    after: [] as Array<{ id: string; email: string | null }>,
  };
  beforeAll(async () => {
    t = await startTestApp({
      env: { ...ADMIN_ENV, WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'on' },
      overrides: {
        importedPasswordHashes: { firebaseScrypt: FIREBASE },
        lifecycleHooks: {
          beforeCreate: (draft) => {
            if (!draft.email?.startsWith('hooked-')) return draft;
            hooked.before.push(draft.email);
            return { ...draft, publicMetadata: { ...draft.publicMetadata, vetted: true } };
          },
          afterCreate: (user) => {
            if (user.email?.startsWith('hooked-')) hooked.after.push(user);
          },
        },
      },
    });
    admin = await signInAdmin(t.http);
    t.app.get(EventEmitter2).on('user.created', (event: Record<string, unknown>) => {
      created.push(event);
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const importFile = (body: string, query = '') =>
    t.http
      .post(`/admin/users/import${query}`)
      .set(bearer(admin.accessToken))
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
  const storedHash = async (email: string): Promise<string> => {
    const [row] = await sql<{ password_hash: string }>(
      t.app,
      'select u.password_hash from userkit_users u join userkit_email_addresses e on e.user_id = u.id where e.normalized_email = ?',
      [email.toLowerCase()],
    );
    return row!.password_hash;
  };
  const usersWithExternalIds = async (ids: string[]): Promise<number> => {
    const rows = await sql<{ n: number | string }>(
      t.app,
      `select count(*) as n from userkit_users where external_id in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return Number(rows[0]!.n);
  };

  it('is for admins only', async () => {
    await expectAdminOnly(t.http, 'post', '/admin/users/import', null);
  });

  it('takes application/x-ndjson only (415 otherwise)', async () => {
    const response = await t.http
      .post('/admin/users/import')
      .set(bearer(admin.accessToken))
      .send({ externalId: 'x' })
      .expect(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('the Firebase vector is what Firebase computes', () => {
    const [, , salt, hash] = FIREBASE_HASH.split('$');
    expect(firebaseScrypt(FIREBASE_PASSWORD, salt!)).toBe(hash);
  });

  it('every hash format signs in, then is re-hashed to argon2id (the stored hash changes)', async () => {
    const formats = await hashesOfEachFormat();
    const lines = formats.map(([format, passwordHash]) => ({
      externalId: `fmt-${randomUUID()}`,
      emails: [{ email: uniqueEmail(format.replace(/\W+/g, '-')), verified: true }],
      passwordHash,
    }));
    const report = await importFile(ndjson(lines)).expect(200);
    expect(report.body).toEqual({
      dryRun: false,
      created: formats.length,
      skipped: 0,
      failed: 0,
      errors: [],
    });
    for (const [index, [format, passwordHash, password]] of formats.entries()) {
      const email = lines[index]!.emails[0]!.email;
      expect({ format, hash: await storedHash(email) }).toEqual({ format, hash: passwordHash });
      await t.http
        .post('/auth/login')
        .send({ email, password: `${password}-wrong` })
        .expect(401);
      const signedIn = await t.http.post('/auth/login').send({ email, password });
      expect({ format, status: signedIn.status }).toEqual({ format, status: 200 });
      const rehashed = await storedHash(email);
      expect(rehashed).not.toBe(passwordHash);
      expect(rehashed.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      // The new hash holds the same password.
      await t.http.post('/auth/login').send({ email, password }).expect(200);
    }
  });

  it('keeps emails with their verified flags, phones, names, roles, metadata and createdAt; user.created says source import', async () => {
    const externalId = `full-${randomUUID()}`;
    const [primary, second] = [uniqueEmail('primary'), uniqueEmail('second')];
    const mark = created.length;
    const report = await importFile(
      ndjson([
        {
          externalId,
          emails: [
            { email: primary, verified: true },
            { email: second, verified: false },
          ],
          phoneNumbers: [{ phoneNumber: '+14155550123', verified: true }],
          displayName: 'Ada L.',
          firstName: 'Ada',
          lastName: 'Lovelace',
          roles: ['admin', 'user'],
          publicMetadata: { plan: 'pro' },
          privateMetadata: { crm: 42 },
          unsafeMetadata: { theme: 'dark' },
          createdAt: '2019-03-04T05:06:07.000Z',
        },
      ]),
    ).expect(200);
    expect(report.body.created).toBe(1);
    const [row] = await sql<{ id: string }>(
      t.app,
      'select id from userkit_users where external_id = ?',
      [externalId],
    );
    const user = await t.http
      .get(`/admin/users/${row!.id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(user.body).toMatchObject({
      primaryEmail: primary,
      displayName: 'Ada L.',
      firstName: 'Ada',
      lastName: 'Lovelace',
      publicMetadata: { plan: 'pro' },
      privateMetadata: { crm: 42 },
      unsafeMetadata: { theme: 'dark' },
      createdAt: '2019-03-04T05:06:07.000Z',
      passwordEnabled: false,
    });
    expect([...user.body.roles].sort()).toEqual(['admin', 'user']);
    expect(
      user.body.emailAddresses.map((e: { email: string; verified: boolean }) => [
        e.email,
        e.verified,
      ]),
    ).toEqual([
      [primary, true],
      [second, false],
    ]);
    expect(user.body.phoneNumbers).toMatchObject([{ phoneNumber: '+14155550123', verified: true }]);
    expect(created.slice(mark)).toEqual([
      expect.objectContaining({ userId: row!.id, source: 'import', isAnonymous: false }),
    ]);
  });

  it('a file with bad lines imports the rest and reports the bad ones by line; a re-run is idempotent', async () => {
    const run = randomUUID();
    const taken = uniqueEmail('taken');
    const good = (n: number) => ({
      externalId: `mix-${run}-${n}`,
      emails: [{ email: uniqueEmail(`mix${n}`), verified: n % 2 === 0 }],
      passwordHash: bcrypt.hashSync(PASSWORD, 4),
    });
    const lines: Array<object | string> = [
      good(1),
      '{"externalId": "broken json',
      good(2),
      { externalId: `mix-${run}-bad-field`, nickname: 'x' },
      '',
      { externalId: `mix-${run}-bad-hash`, passwordHash: 'md5$abc' },
      good(3),
      { externalId: `mix-${run}-bad-role`, roles: ['no-such-role'] },
      { externalId: `mix-${run}-taken-1`, emails: [{ email: taken }] },
      { externalId: `mix-${run}-taken-2`, emails: [{ email: taken.toUpperCase() }] },
      { emails: [{ email: uniqueEmail('no-id') }] },
      [1, 2, 3],
      { externalId: `mix-${run}-bad-email`, emails: [{ email: 'not an address' }] },
      good(4),
    ];
    const expectedErrors = [
      { line: 2, code: 'IMPORT_LINE_INVALID', message: expect.stringContaining('JSON') },
      { line: 4, code: 'IMPORT_LINE_INVALID', message: expect.stringContaining('nickname') },
      { line: 6, code: 'IMPORT_LINE_INVALID', message: expect.stringContaining('passwordHash') },
      { line: 8, code: 'ROLE_NOT_FOUND', message: expect.stringContaining('no-such-role') },
      { line: 10, code: 'EMAIL_TAKEN', message: expect.any(String) },
      { line: 11, code: 'IMPORT_LINE_INVALID', message: expect.stringContaining('externalId') },
      { line: 12, code: 'IMPORT_LINE_INVALID', message: expect.stringContaining('object') },
      { line: 13, code: 'IMPORT_LINE_INVALID', message: expect.stringContaining('email') },
    ];

    const dryRun = await importFile(ndjson(lines), '?dryRun=true').expect(200);
    // A dry run checks each line alone: the taken address is only found by a write.
    expect(dryRun.body).toMatchObject({ dryRun: true, created: 6, skipped: 0, failed: 7 });
    const ids = [1, 2, 3, 4].map((n) => `mix-${run}-${n}`);
    expect(await usersWithExternalIds([...ids, `mix-${run}-taken-1`])).toBe(0);

    const first = await importFile(ndjson(lines)).expect(200);
    expect(first.body).toEqual({
      dryRun: false,
      created: 5,
      skipped: 0,
      failed: 8,
      errors: expectedErrors,
    });
    expect(await usersWithExternalIds(ids)).toBe(4);
    // A refused line left nothing behind.
    expect(
      await usersWithExternalIds([
        `mix-${run}-taken-2`,
        `mix-${run}-bad-role`,
        `mix-${run}-bad-hash`,
        `mix-${run}-bad-field`,
      ]),
    ).toBe(0);

    const again = await importFile(ndjson(lines)).expect(200);
    expect(again.body).toEqual({
      dryRun: false,
      created: 0,
      skipped: 5,
      failed: 8,
      errors: expectedErrors,
    });
    expect(await usersWithExternalIds([...ids, `mix-${run}-taken-1`])).toBe(5);
  });

  const countOf = async (query: string, params: unknown[]): Promise<number> => {
    const [row] = await sql<{ n: number | string }>(t.app, query, params);
    return Number(row!.n);
  };

  it('a 10,000-line file with 50 bad lines imports 9,950, reports the 50 by line, leaves every user whole and announced; a re-run skips them', async () => {
    const run = randomUUID().slice(0, 8);
    const passwordHash = bcrypt.hashSync(PASSWORD, 4);
    // 40 lines refused when read; 10 by the database (the address of line 1, held since): each
    // of those fails its batch's multi-row write, which is then written line by line.
    const invalid = new Set(Array.from({ length: 40 }, (_, i) => 13 + i * 241));
    const taken = new Set(Array.from({ length: 10 }, (_, i) => 101 + i * 977));
    const emailOf = (line: number) => `ten-${line}-${run}@example.com`;
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const line = i + 1;
      const externalId = `ten-${run}-${line}`;
      if (invalid.has(line)) return { externalId, emails: [{ email: `not-an-address-${line}` }] };
      const email = taken.has(line) ? emailOf(1).toUpperCase() : emailOf(line);
      return { externalId, emails: [{ email, verified: true }], passwordHash };
    });
    const expectedErrors = [...invalid, ...taken]
      .sort((a, b) => a - b)
      .map((line) => [line, invalid.has(line) ? 'IMPORT_LINE_INVALID' : 'EMAIL_TAKEN']);
    const mark = created.length;

    const started = performance.now();
    const first = await importFile(ndjson(lines)).expect(200);
    const seconds = (performance.now() - started) / 1000;
    expect(first.body).toMatchObject({ created: 9_950, skipped: 0, failed: 50 });
    expect(first.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual(
      expectedErrors,
    );
    // Per-line writes took ~25 ms a user; batches bring 10,000 far under a minute.
    expect(seconds).toBeLessThan(60);

    const like = [`ten-${run}-%`];
    expect(
      await countOf('select count(*) as n from userkit_users where external_id like ?', like),
    ).toBe(9_950);
    // Whole users: each has its primary address and its role, and no refused line left a row.
    expect(
      await countOf(
        `select count(*) as n from userkit_users u where u.external_id like ? and (
           (select count(*) from userkit_email_addresses e where e.user_id = u.id and e."primary" = ${TEST_DB === 'postgres' ? 'true' : '1'}) <> 1
           or (select count(*) from userkit_user_roles r where r.user_id = u.id and r.role_name = 'user') <> 1)`,
        like,
      ),
    ).toBe(0);
    expect(
      await countOf(
        'select count(*) as n from userkit_email_addresses where normalized_email = ?',
        [emailOf(1)],
      ),
    ).toBe(1);
    // Every user was announced once: user.created in-process, and the audit log's record written
    // in the batch's transaction.
    const ids = new Set(
      (
        await sql<{ id: string }>(
          t.app,
          'select id from userkit_users where external_id like ?',
          like,
        )
      ).map((row) => row.id),
    );
    const announced = created.slice(mark).filter((event) => ids.has(event.userId as string));
    expect(announced).toHaveLength(9_950);
    expect(new Set(announced.map((event) => event.userId)).size).toBe(9_950);
    expect(announced.every((event) => event.source === 'import')).toBe(true);
    expect(
      await countOf(
        `select count(*) as n from userkit_audit_log a join userkit_users u on u.id = a.user_id
         where u.external_id like ? and a.type = 'user.signed_up'`,
        like,
      ),
    ).toBe(9_950);

    const again = await importFile(ndjson(lines)).expect(200);
    expect(again.body).toMatchObject({ created: 0, skipped: 9_950, failed: 50 });
    expect(again.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual(
      expectedErrors,
    );
    expect(
      await countOf('select count(*) as n from userkit_users where external_id like ?', like),
    ).toBe(9_950);
  }, 300_000);

  it('beforeCreate and afterCreate run once per user of a batched import, also when a batch is refused and split', async () => {
    const run = randomUUID().slice(0, 8);
    const emailOf = (line: number) => `hooked-${line}-${run}@example.com`;
    // Line 300 takes line 1's address: its batch is refused, then split down to it.
    const lines = Array.from({ length: 600 }, (_, i) => ({
      externalId: `hooked-${run}-${i + 1}`,
      emails: [{ email: i + 1 === 300 ? emailOf(1) : emailOf(i + 1) }],
    }));
    const report = await importFile(ndjson(lines)).expect(200);
    expect(report.body).toMatchObject({
      created: 599,
      failed: 1,
      errors: [{ line: 300, code: 'EMAIL_TAKEN' }],
    });
    const mine = (email: string | null) => email?.endsWith(`-${run}@example.com`) ?? false;
    expect(hooked.before.filter(mine)).toHaveLength(600);
    const after = hooked.after.filter((user) => mine(user.email));
    expect(after.map((user) => user.email).sort()).toEqual(
      lines
        .filter((_, i) => i + 1 !== 300)
        .map((line) => line.emails[0]!.email)
        .sort(),
    );
    const rows = await sql<{ id: string; public_metadata: unknown }>(
      t.app,
      'select id, public_metadata from userkit_users where external_id like ?',
      [`hooked-${run}-%`],
    );
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(after.map((user) => user.id)));
    // What beforeCreate changed is what was written.
    for (const row of rows) {
      const metadata =
        typeof row.public_metadata === 'string'
          ? JSON.parse(row.public_metadata)
          : row.public_metadata;
      expect(metadata).toEqual({ vetted: true });
    }
  });

  it('a webhook endpoint gets user.created for every user of a batched import', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await t.http
        .post('/admin/webhooks')
        .set(bearer(admin.accessToken))
        .send({ url: receiver.url, events: ['user.created'] })
        .expect(201);
      const run = randomUUID().slice(0, 8);
      // Two batches, the second short.
      const lines = Array.from({ length: 600 }, (_, i) => ({
        externalId: `hook-${run}-${i}`,
        emails: [{ email: `hook-${i}-${run}@example.com` }],
      }));
      const report = await importFile(ndjson(lines)).expect(200);
      expect(report.body).toMatchObject({ created: 600, failed: 0 });
      expect(
        await countOf(
          `select count(*) as n from userkit_webhook_messages m join userkit_users u on u.id = m.user_id
           where u.external_id like ? and m.event_type = 'user.created'`,
          [`hook-${run}-%`],
        ),
      ).toBe(600);
      await t.http
        .delete(`/admin/webhooks/${endpoint.body.id}`)
        .set(bearer(admin.accessToken))
        .expect(204);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
