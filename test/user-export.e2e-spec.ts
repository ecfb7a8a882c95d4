import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Response } from 'supertest';
import { ADMIN_ENV, expectAdminOnly, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

type Line = Record<string, unknown> & { externalId: string };

/** superagent buffers only JSON and text: the NDJSON body is read as text here. */
function asText(response: Response, done: (error: Error | null, body: string) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}

function linesOf(response: Response): Line[] {
  return (response.body as string)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
}

describe('GET /admin/users/export', () => {
  let source: TestApp;
  let target: TestApp;
  beforeAll(async () => {
    // A short re-authentication window, to see includePasswordHashes refused once it passed.
    source = await startTestApp({
      env: ADMIN_ENV,
      overrides: { reauthenticationWindowSeconds: 2 },
    });
    // Another root admin: the source's own is one of the users the target imports.
    target = await startTestApp({
      env: { ADMIN_EMAIL: 'target.root@example.com', ADMIN_PASSWORD: ADMIN_ENV.ADMIN_PASSWORD },
    });
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  const exportAll = (t: TestApp, token: string, query = '') =>
    t.http
      .get(`/admin/users/export${query}`)
      .set(bearer(token))
      .buffer(true)
      .parse(asText)
      .expect(200)
      .expect('Content-Type', /application\/x-ndjson/);

  it('is for admins only', async () => {
    await expectAdminOnly(source.http, 'get', '/admin/users/export', null);
  });

  it('refuses a bad query parameter', async () => {
    const admin = await signInAdmin(source.http);
    const refused = await source.http
      .get('/admin/users/export?includePasswordHashes=maybe')
      .set(bearer(admin.accessToken))
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
  });

  it('password hashes only with a recent sign-in; without them, no line has one', async () => {
    const admin = await signInAdmin(source.http);
    await signUp(source.http);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const refused = await source.http
      .get('/admin/users/export?includePasswordHashes=true')
      .set(bearer(admin.accessToken))
      .expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'REAUTHENTICATION_REQUIRED' });
    const plain = linesOf(await exportAll(source, admin.accessToken));
    expect(plain.length).toBeGreaterThan(1);
    expect(plain.filter((line) => 'passwordHash' in line)).toEqual([]);
  });

  it('export → import into a fresh app gives the same users, who sign in with their passwords', async () => {
    const sourceAdmin = await signInAdmin(source.http);
    const member = uniqueEmail('member');
    await signUp(source.http, { email: member, firstName: 'Grace', lastName: 'Hopper' });
    await source.http
      .post('/admin/users')
      .set(bearer(sourceAdmin.accessToken))
      .send({
        email: uniqueEmail('made'),
        displayName: 'Made by admin',
        roles: ['admin', 'user'],
        publicMetadata: { plan: 'team' },
        privateMetadata: { note: 'vip' },
      })
      .expect(201);
    const imported = uniqueEmail('imported');
    await source.http
      .post('/admin/users/import')
      .set(bearer(sourceAdmin.accessToken))
      .set('Content-Type', 'application/x-ndjson')
      .send(
        `${JSON.stringify({
          externalId: `legacy-${randomUUID()}`,
          emails: [
            { email: imported, verified: true },
            { email: uniqueEmail('other'), verified: false },
          ],
          phoneNumbers: [{ phoneNumber: '+14155550199', verified: false }],
          createdAt: '2020-01-02T03:04:05.000Z',
          unsafeMetadata: { theme: 'light' },
          passwordHash: bcrypt.hashSync(GOOD_PASSWORD, 4),
        })}\n`,
      )
      .expect(200);
    // Anonymous users are not exported.
    await source.http.post('/auth/signup/anonymous').send({});

    const fresh = await signInAdmin(source.http);
    const exported = linesOf(
      await exportAll(source, fresh.accessToken, '?includePasswordHashes=true'),
    );
    // In (createdAt, id) order, every non-anonymous user once.
    const keys = exported.map((line) => `${String(line.createdAt)} ${line.externalId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(exported.map((line) => line.createdAt)).toEqual(
      [...exported.map((line) => line.createdAt)].sort(),
    );
    const emails = exported.flatMap((line) =>
      (line.emails as Array<{ email: string }>).map((e) => e.email),
    );
    expect(emails).toEqual(expect.arrayContaining([member, imported, ADMIN_ENV.ADMIN_EMAIL]));

    const targetLogin = await target.http
      .post('/auth/login')
      .send({ email: 'target.root@example.com', password: ADMIN_ENV.ADMIN_PASSWORD })
      .expect(200);
    const targetAdmin = { accessToken: targetLogin.body.accessToken as string };
    const report = await target.http
      .post('/admin/users/import')
      .set(bearer(targetAdmin.accessToken))
      .set('Content-Type', 'application/x-ndjson')
      .send(exported.map((line) => JSON.stringify(line)).join('\n'))
      .expect(200);
    expect(report.body).toEqual({
      dryRun: false,
      created: exported.length,
      skipped: 0,
      failed: 0,
      errors: [],
    });

    const reExported = linesOf(
      await exportAll(target, targetAdmin.accessToken, '?includePasswordHashes=true'),
    ).filter(
      (line) =>
        !(line.emails as Array<{ email: string }>).some(
          (e) => e.email === 'target.root@example.com',
        ),
    );
    const byId = (lines: Line[]) =>
      Object.fromEntries(lines.map((line) => [line.externalId, line]));
    expect(byId(reExported)).toEqual(byId(exported));

    // The same passwords sign in there: the member's argon2id, and the imported bcrypt one.
    await target.http
      .post('/auth/login')
      .send({ email: member, password: GOOD_PASSWORD })
      .expect(200);
    await target.http
      .post('/auth/login')
      .send({ email: imported, password: GOOD_PASSWORD })
      .expect(200);
  });
});
