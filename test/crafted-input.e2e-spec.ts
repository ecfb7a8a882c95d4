import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

const WRITE_METHODS = ['post', 'put', 'patch'] as const;
type WriteMethod = (typeof WRITE_METHODS)[number];

/** Every documented route that takes a body (so routes added later are covered too). */
async function bodyRoutes(t: TestApp): Promise<Array<[WriteMethod, string]>> {
  const document = (await t.http.get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  // Routes that document another body type (the multipart upload) answer 415 to JSON.
  const takesJson = (operation: unknown) => {
    const content = (operation as { requestBody?: { content?: object } }).requestBody?.content;
    return !content || 'application/json' in content;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    WRITE_METHODS.filter((method) => item[method] && takesJson(item[method])).map(
      (method) => [method, path.replace(/\{[^}]+\}/g, 'some-id')] as [WriteMethod, string],
    ),
  );
}

/** A JSON text, not an object: JSON.stringify itself would overflow the stack on some shapes. */
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('crafted input never reaches the database or the stack as a 500', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });
  const asAdmin = () => bearer(admin.accessToken);

  describe('deep nesting is refused before transformation', () => {
    it('POST /auth/login with 1,500 nested arrays: 400, anonymously', async () => {
      const response = await t.http
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":${nestedArrays(1500)},"password":"x"}`);
      expect(response.status).toBe(400);
      expect(response.body.message.join(' ')).toMatch(/nested deeper than/);
    });

    it('every documented body route refuses a deeply nested body with 400 (as admin)', async () => {
      const routes = await bodyRoutes(t);
      expect(routes.length).toBeGreaterThan(20);
      const answers: string[] = [];
      for (const [method, path] of routes) {
        for (const body of [nestedArrays(2000), `{"x":${nestedObjects(2000)}}`]) {
          const response = await t.http[method](path)
            .set(asAdmin())
            .set('Content-Type', 'application/json')
            .send(body);
          if (response.status !== 400) answers.push(`${method} ${path} → ${response.status}`);
        }
      }
      expect(answers).toEqual([]);
    });

    it('a query string cannot nest either', async () => {
      const response = await t.http
        .get(`/admin/users?${'query' + '[a]'.repeat(50)}=1`)
        .set(asAdmin());
      expect(response.status).toBe(400);
    });

    it('an array of 10,000 items in a field: 400, not a walk over all of them', async () => {
      const roles = Array.from({ length: 10_000 }, () => 'user');
      const response = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: uniqueEmail(), roles });
      expect(response.status).toBe(400);
    });
  });

  describe('NUL, control characters and lone surrogates', () => {
    it.each([
      ['NUL', 'a\u0000b'],
      ['ESC', 'a\u001bb'],
      ['BEL', 'a\u0007b'],
      ['DEL', 'a\u007fb'],
      ['a lone low surrogate', 'a\udc00b'],
      ['a lone high surrogate', 'a\ud800'],
    ])('PATCH /me displayName with %s: 400, and the name is unchanged', async (_, value) => {
      const user = await signUp(t.http, { displayName: 'Before' });
      const response = await t.http
        .patch('/me')
        .set(bearer(user.accessToken))
        .send({ displayName: value });
      expect(response.status).toBe(400);
      const me = await t.http.get('/me').set(bearer(user.accessToken)).expect(200);
      expect(me.body.displayName).toBe('Before');
    });

    it('tabs and newlines stay allowed in free text, and astral characters round-trip', async () => {
      const user = await signUp(t.http);
      const displayName = 'Ada\tL.\r\n𝒜𝓭𝒶 😀 名前';
      const response = await t.http
        .patch('/me')
        .set(bearer(user.accessToken))
        .send({ displayName, unsafeMetadata: { note: 'line 1\nline 2', '𝓀𝑒𝓎': '😀' } })
        .expect(200);
      expect(response.body.displayName).toBe(displayName);
      expect(response.body.unsafeMetadata).toEqual({ note: 'line 1\nline 2', '𝓀𝑒𝓎': '😀' });
    });

    it.each([
      ['a NUL in a nested metadata value', { unsafeMetadata: { a: { b: ['x\u0000'] } } }],
      ['a NUL in a metadata key', { unsafeMetadata: { 'k\u0000': 1 } }],
      ['a lone surrogate in a metadata key', { unsafeMetadata: { '\udc00': 1 } }],
      ['a control character in a metadata value', { unsafeMetadata: { a: 'x\u0001' } }],
    ])('PATCH /me with %s: 400', async (_, body) => {
      const user = await signUp(t.http);
      // Sent as text: supertest's JSON encoding would keep the lone surrogate escaped the same way.
      const response = await t.http
        .patch('/me')
        .set(bearer(user.accessToken))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expect(response.status).toBe(400);
    });

    it('sign-up refuses NUL and lone surrogates in names, emails and metadata', async () => {
      for (const fields of [
        { displayName: 'x\u0000' },
        { firstName: '\ud83d' },
        { unsafeMetadata: { x: '\u0000' } },
        { email: `a\u0000${uniqueEmail()}` },
      ]) {
        const response = await t.http
          .post('/auth/signup')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ email: uniqueEmail(), password: GOOD_PASSWORD, ...fields }));
        expect(response.status).toBe(400);
      }
    });

    it('admin routes: NUL in ids, filters and metadata is a 4xx, never a 500', async () => {
      const target = await signUp(t.http);
      const checks: Array<[string, () => Promise<{ status: number }>, number[]]> = [
        ['GET /admin/users/%00', () => t.http.get('/admin/users/%00').set(asAdmin()), [400, 404]],
        [
          'PATCH /admin/users/%00',
          () => t.http.patch('/admin/users/%00').set(asAdmin()).send({ displayName: 'x' }),
          [400, 404],
        ],
        [
          'DELETE /admin/users/%00',
          () => t.http.delete('/admin/users/%00').set(asAdmin()),
          [400, 404],
        ],
        ['?role=%00', () => t.http.get('/admin/users?role=%00').set(asAdmin()), [400]],
        ['?query=%00', () => t.http.get('/admin/users?query=%00').set(asAdmin()), [400]],
        [
          '?query=\\udc00',
          () => t.http.get('/admin/users?query=%ED%B0%80').set(asAdmin()),
          [200, 400],
        ],
        [
          'publicMetadata with NUL',
          () =>
            t.http
              .patch(`/admin/users/${target.user.id}`)
              .set(asAdmin())
              .send({ publicMetadata: { a: '\u0000' } }),
          [400],
        ],
        [
          'merge metadata with NUL',
          () =>
            t.http
              .patch(`/admin/users/${target.user.id}/metadata`)
              .set(asAdmin())
              .send({ privateMetadata: { a: 'x\u0000' } }),
          [400],
        ],
        [
          'role description with NUL',
          () =>
            t.http
              .post('/admin/roles')
              .set(asAdmin())
              .send({ name: 'nul-role', description: 'x\u0000' }),
          [400],
        ],
        [
          'DELETE /admin/roles/%00',
          () => t.http.delete('/admin/roles/%00').set(asAdmin()),
          [400, 404],
        ],
      ];
      const wrong: string[] = [];
      for (const [name, call, expected] of checks) {
        const { status } = await call();
        if (!expected.includes(status)) wrong.push(`${name} → ${status}`);
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('null is a documented "clear" or a 400', () => {
    it.each([
      ['PATCH', '/admin/users/:id/metadata', { publicMetadata: null }],
      ['PATCH', '/admin/users/:id/metadata', { privateMetadata: null }],
      ['PATCH', '/admin/users/:id/metadata', { unsafeMetadata: null }],
      ['PATCH', '/admin/users/:id', { publicMetadata: null }],
      ['PATCH', '/admin/users/:id', { privateMetadata: null }],
      ['PATCH', '/admin/users/:id', { unsafeMetadata: null }],
      ['POST', '/admin/users', { email: 'null.password@example.com', password: null }],
      ['POST', '/admin/users', { email: 'null.roles@example.com', roles: null }],
      ['POST', '/admin/users', { email: 'null.meta@example.com', publicMetadata: null }],
      ['POST', '/auth/signup', { unsafeMetadata: null }],
      ['PATCH', '/me', { unsafeMetadata: null }],
      [
        'POST',
        '/admin/attributes',
        { name: 'null_pattern', type: 'string', validation: { pattern: null } },
      ],
      [
        'POST',
        '/admin/attributes',
        { name: 'null_access', type: 'string', access: { admin: null } },
      ],
      ['POST', '/admin/attributes', { name: 'null_validation', type: 'string', validation: null }],
      ['PATCH', '/admin/attributes/:name', { validation: { pattern: null } }],
      ['PATCH', '/admin/attributes/:name', { access: { admin: null } }],
      ['PATCH', '/admin/attributes/:name', { name: null }],
      ['PATCH', '/admin/attributes/:name', { fillMissingWith: null }],
      ['POST', '/admin/users', { email: 'null.attributes@example.com', standardAttributes: null }],
    ])('%s %s %j: 400', async (method, route, body) => {
      const target = await signUp(t.http);
      await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'nullable_target', type: 'string' });
      const path = route.replace(':id', target.user.id).replace(':name', 'nullable_target');
      const token = route.startsWith('/admin') ? admin.accessToken : target.accessToken;
      const payload =
        route === '/auth/signup'
          ? { email: uniqueEmail(), password: GOOD_PASSWORD, ...body }
          : body;
      const client = t.http as unknown as Record<string, (p: string) => any>;
      const call = client[method.toLowerCase()](path).set(bearer(token));
      const response = method === 'GET' ? await call : await call.send(payload);
      expect(response.status).toBe(400);
      expect(response.body.statusCode).toBe(400);
    });

    it('null still clears a profile name, as documented', async () => {
      const user = await signUp(t.http, { displayName: 'Named', firstName: 'First' });
      const response = await t.http
        .patch('/me')
        .set(bearer(user.accessToken))
        .send({ displayName: null, firstName: null })
        .expect(200);
      expect(response.body).toMatchObject({ displayName: null, firstName: null });
    });

    it('null puts an attribute label back to its default, as documented', async () => {
      await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'labelled_target', type: 'string', label: 'Custom label' })
        .expect(201);
      const response = await t.http
        .patch('/admin/attributes/labelled_target')
        .set(asAdmin())
        .send({ label: null })
        .expect(200);
      expect(response.body.label).toBe('Labelled Target');
    });
  });
});
