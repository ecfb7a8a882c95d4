import fc from 'fast-check';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  path: string;
  /** The top-level fields of its JSON body, as the document declares them. */
  fields: string[];
}

interface SchemaObject {
  $ref?: string;
  properties?: Record<string, unknown>;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>
  >;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** Every route the app documents (so routes added later are fuzzed too), with its body fields. */
async function documentedOperations(t: TestApp): Promise<Operation[]> {
  const document = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  const resolve = (schema: SchemaObject | undefined): SchemaObject | undefined =>
    schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const schema = resolve(item[method].requestBody?.content?.['application/json']?.schema);
      return { method, path, fields: Object.keys(schema?.properties ?? {}) };
    }),
  );
}

/** Who calls: the admin, a member, or nobody. */
type Caller = 'admin' | 'user' | 'signed out';
const CALLERS: Caller[] = ['admin', 'user', 'signed out'];

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((unit) => String.fromCharCode(unit));
const control = fc.integer({ min: 0, max: 0x1f }).map((unit) => String.fromCharCode(unit));
/** Any code point, lone surrogate halves and C0 controls included. */
const anyUnicode = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 1, arbitrary: control },
  ),
  maxLength: 40,
});

/** A path segment: ids that exist nowhere, NUL, an encoded lone surrogate, random Unicode. */
const idLike = fc.oneof(
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => encodeURIComponent(text) || 'x'),
  fc.constantFrom(
    '0',
    '-1',
    '%00',
    '%ED%B0%80',
    '%C0%80',
    '%1B%5B31m',
    '..',
    'null',
    'undefined',
    '__proto__',
    'a'.repeat(300),
  ),
);

/** Lone surrogates cannot be percent-encoded as UTF-8: they go as their (invalid) bytes. */
const encodeQueryValue = (text: string) =>
  [...text]
    .map((character) =>
      /^[\ud800-\udfff]$/.test(character) ? '%ED%B0%80' : encodeURIComponent(character),
    )
    .join('');

const queryLike = fc.oneof(
  fc.constantFrom('', '?limit=abc&limit=2', '?cursor=%ZZ', '?query[]=1', '?role=%00&query=%00'),
  fc
    .tuple(
      fc.constantFrom('query', 'role', 'cursor', 'attribute', 'attributeValue', 'redirect_url'),
      anyUnicode,
    )
    .map(([name, value]) => `?${name}=${encodeQueryValue(value)}`),
);

const fieldValue = fc.oneof(
  anyUnicode,
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(anyUnicode, anyUnicode, { maxKeys: 3 }),
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom(
      'email',
      'password',
      'refreshToken',
      'code',
      'displayName',
      'firstName',
      'unsafeMetadata',
      'publicMetadata',
      'roles',
      'query',
      'name',
      'provider',
      'redirectUrl',
      '__proto__',
      'constructor',
    ),
    fieldValue,
  ),
);

/** Crafted JSON texts (not objects: some cannot be built or stringified as objects). */
function craftedBodies(): Array<[string, string]> {
  const keys = Array.from({ length: 100_000 }, (_, index) => `"k${index}":0`).join(',');
  return [
    ['1,200 nested arrays', '['.repeat(1200) + ']'.repeat(1200)],
    ['1,200 nested objects', '{"a":'.repeat(1200) + '1' + '}'.repeat(1200)],
    ['nested arrays in a field', `{"email":${'['.repeat(1500)}${']'.repeat(1500)},"password":"x"}`],
    [
      'duplicate keys',
      '{"email":"a@example.com","email":{"$ne":1},"displayName":"x","displayName":null}',
    ],
    ['100,000 keys', `{${keys}}`],
    ['a NUL in a key', '{"displayName\\u0000":"x"}'],
    [
      'a lone surrogate',
      '{"displayName":"\\udc00","name":"\\ud800","email":"\\udfff@example.com"}',
    ],
    [
      'a NUL value everywhere',
      '{"displayName":"\\u0000","email":"\\u0000","password":"\\u0000","name":"\\u0000","code":"\\u0000","refreshToken":"\\u0000"}',
    ],
  ];
}

describe('crafted and random input against every documented route', () => {
  let t: TestApp;
  let tokens: Record<Caller, string | null>;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: 'off', ...ADMIN_ENV } });
    tokens = {
      admin: (await signInAdmin(t.http)).accessToken,
      user: (await signUp(t.http)).accessToken,
      'signed out': null,
    };
    operations = await documentedOperations(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Sends a raw JSON text (or nothing for GET); a 5xx, or a 4xx that is not an error body, throws. */
  async function call(
    caller: Caller,
    method: Method,
    path: string,
    body: string | undefined,
  ): Promise<number> {
    let request = t.http[method](path);
    if (tokens[caller]) request = request.set(bearer(tokens[caller]));
    const response =
      body === undefined || method === 'get'
        ? await request
        : await request.set('Content-Type', 'application/json').send(body);
    const described = () =>
      `${caller}: ${method.toUpperCase()} ${path} ${(body ?? '').slice(0, 300)} → ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`;
    if (response.status >= 500) throw new Error(described());
    if (response.status >= 400) {
      const error = response.body as { statusCode?: unknown; code?: unknown; message?: unknown };
      const wellFormed =
        response.type === 'application/json' &&
        error.statusCode === response.status &&
        (typeof error.code === 'string' || error.message !== undefined);
      if (!wellFormed) throw new Error(`not a JSON error: ${described()}`);
    }
    return response.status;
  }

  const withId = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);

  it('documents the routes it fuzzes, with their body fields', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.find((o) => o.method === 'patch' && o.path === '/me')?.fields).toContain(
      'displayName',
    );
  });

  it('deep, wide, duplicated, NUL and lone-surrogate bodies: never a 5xx, as admin, user or signed out', async () => {
    const bodies = craftedBodies();
    for (const caller of CALLERS)
      for (const operation of operations.filter((o) => o.method !== 'get'))
        for (const [name, body] of bodies) {
          // The body parser answers a megabyte before any guard: once per route is enough.
          if (name === '100,000 keys' && caller !== 'signed out') continue;
          await call(caller, operation.method, withId(operation.path, 'some-id'), body);
        }
  });

  it('every documented body field: null, NUL, controls, lone surrogates and random full Unicode (as admin)', async () => {
    const samples = fc.sample(anyUnicode, { numRuns: 4, seed: 17 });
    const values: unknown[] = [
      null,
      'a\u0000b',
      '\u001b[31m\u0007',
      '\udc00',
      'x\ud800',
      ...samples,
    ];
    for (const operation of operations.filter((o) => o.fields.length > 0))
      for (const field of operation.fields)
        for (const value of values)
          await call(
            'admin',
            operation.method,
            withId(operation.path, 'some-id'),
            JSON.stringify({ [field]: value }),
          );
  });

  it('hostile path ids and query values on every route (as admin)', async () => {
    const ids = ['%00', 'a%00b', '%ED%B0%80', '%C0%80', '%1B%5B31m', '%E2%80%AE', 'a'.repeat(300)];
    const queries = [
      'query',
      'role',
      'cursor',
      'attribute',
      'attributeValue',
      'sort',
      'code',
      'state',
      'redirect_url',
    ].flatMap((name) => ['%00', '%ED%B0%80', '%07'].map((value) => `?${name}=${value}`));
    for (const operation of operations) {
      const body = operation.method === 'get' ? undefined : '{}';
      if (operation.path.includes('{'))
        for (const id of ids)
          await call('admin', operation.method, withId(operation.path, id), body);
      if (operation.method === 'get')
        for (const query of queries)
          await call('admin', 'get', withId(operation.path, 'some-id') + query, undefined);
    }
  });

  it('random ids, queries and bodies: never a 5xx, as admin, user or signed out', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        idLike,
        jsonBody,
        fc.constantFrom(...CALLERS),
        queryLike,
        async (operation, id, body, caller, query) => {
          await call(
            caller,
            operation.method,
            withId(operation.path, id) + query,
            JSON.stringify(body),
          );
        },
      ),
      { numRuns: 400 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a random full-Unicode profile is stored and read back, or refused with 400', async () => {
    const user = await signUp(t.http);
    await fc.assert(
      fc.asyncProperty(anyUnicode, anyUnicode, async (displayName, note) => {
        const response = await t.http
          .patch('/me')
          .set(bearer(user.accessToken))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ displayName, unsafeMetadata: { [note]: note } }));
        if (response.status === 200) {
          expect(response.body.displayName).toBe(displayName);
          const me = await t.http.get('/me').set(bearer(user.accessToken)).expect(200);
          expect(me.body.displayName).toBe(displayName);
          expect(me.body.unsafeMetadata).toEqual({ [note]: note });
        } else expect(response.status).toBe(400);
      }),
      { numRuns: 100 },
    );
  });
});
